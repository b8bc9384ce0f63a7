using WearableFirmware.Sampling;

namespace WearableFirmware.Bench
{
    /// <summary>A sensor driver drained every loop tick (<see cref="LoopSettings.PeriodMicroseconds"/>), as the loop's acquire phase does.</summary>
    public abstract class DrainStage : BenchStage
    {
        private long _samples;
        private long _checksum;

        protected DrainStage(BenchSignals signals)
            : base(signals)
        {
        }

        private readonly int _period = new LoopSettings().PeriodMicroseconds;

        protected BenchClock Clock { get; } = new BenchClock();

        /// <summary>Samples the chip produced that never reached the driver's caller.</summary>
        protected abstract long Lost { get; }

        public override void Run(int second)
        {
            for (int elapsed = 0; elapsed < 1000000; elapsed += _period)
            {
                Clock.SleepMicroseconds(_period);
                int n = Drain();
                _samples += n;
                if (n > 0)
                {
                    _checksum += Checksum(n);
                }
            }
        }

        public override string Outcome
        {
            get { return string.Concat("samples ", _samples.ToString(), ", checksum ", _checksum.ToString(), ", lost ", Lost.ToString()); }
        }

        protected abstract int Drain();

        /// <summary>Something of the first and last sample of a drain, so a misplaced byte shows.</summary>
        protected abstract long Checksum(int count);
    }
}
