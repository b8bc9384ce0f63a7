namespace WearableFirmware.Sampling
{
    /// <summary>What the sampling loop measured about itself; read by the firmware status and the simulator.</summary>
    public sealed class LoopStatistics
    {
        /// <summary>Ticks run since start.</summary>
        public long Ticks;

        /// <summary>Ticks whose work exceeded the tick budget.</summary>
        public long Overruns;

        /// <summary>Ticks in which a phase exceeded its own budget, per <see cref="LoopPhase"/>.</summary>
        public readonly long[] PhaseOverruns = new long[3];

        /// <summary>Longest work of one tick, microseconds.</summary>
        public long WorstTickMicroseconds;

        /// <summary>Longest time spent in each phase, microseconds.</summary>
        public readonly long[] WorstPhaseMicroseconds = new long[3];

        /// <summary>Largest delay between a tick's deadline and its actual start (jitter), microseconds.</summary>
        public long WorstLatenessMicroseconds;

        /// <summary>Sum of start delays, for the mean jitter.</summary>
        public long TotalLatenessMicroseconds;

        /// <summary>Whole periods skipped because the loop fell more than one period behind.</summary>
        public long MissedTicks;

        /// <summary>Ticks in which periodic publishing was deferred to keep acquisition on time.</summary>
        public long PublishDeferrals;

        /// <summary>Exceptions caught from tasks (the loop continues).</summary>
        public long TaskFaults;

        /// <summary>Phase of the most recent task fault.</summary>
        public LoopPhase LastFaultPhase;

        /// <summary>Mean start delay in microseconds.</summary>
        public long MeanLatenessMicroseconds
        {
            get { return Ticks == 0 ? 0 : TotalLatenessMicroseconds / Ticks; }
        }
    }
}
