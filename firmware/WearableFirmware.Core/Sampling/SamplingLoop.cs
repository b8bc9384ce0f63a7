using System;
using System.Threading;
using WearableFirmware.Drivers;

namespace WearableFirmware.Sampling
{
    /// <summary>
    /// Cyclic executive that owns all sensor I/O and signal processing. Each tick starts at an absolute deadline
    /// (start + n × period, so sleeping never accumulates drift) and runs three phases in a fixed order: acquire
    /// (drain the sensor FIFOs), process (every new sample), publish (outputs at their own rates). Time is measured
    /// with the clock per phase; overruns are counted; when a tick runs over budget, periodic publishing waits but
    /// acquisition never does. Lateness beyond what the sensor FIFOs absorb reaches the statistics as samples lost,
    /// counted by the drivers. Nothing is allocated per tick.
    /// </summary>
    public sealed class SamplingLoop
    {
        private const int MaxTasksPerPhase = 12;

        private readonly IClock _clock;
        private readonly LoopSettings _settings;
        private readonly IWatchdog _watchdog;
        private readonly LoopStatistics _statistics = new LoopStatistics();

        private readonly ILoopTask[] _acquire = new ILoopTask[MaxTasksPerPhase];
        private readonly DriverHealth[] _sensorHealth = new DriverHealth[MaxTasksPerPhase];
        private readonly string[] _sensorNames = new string[MaxTasksPerPhase];
        private int _acquireCount;

        private readonly ILoopTask[] _process = new ILoopTask[MaxTasksPerPhase];
        private int _processCount;

        private readonly ILoopTask[] _publish = new ILoopTask[MaxTasksPerPhase];
        private readonly long[] _publishPeriod = new long[MaxTasksPerPhase];
        private readonly long[] _publishDue = new long[MaxTasksPerPhase];
        private int _publishCount;

        // The publishers with period 0, in order, and the earliest due time of the periodic ones: most ticks run only
        // the former (every check costs on the interpreter, 10 times a second).
        private readonly ILoopTask[] _everyTick = new ILoopTask[MaxTasksPerPhase];
        private int _everyTickCount;
        private long _nextPeriodicDue = long.MaxValue;

        private long _nextDeadline;
        private bool _started;
        // 1 = stop requested. Interlocked, not volatile: nanoFramework's mscorlib 1.17.11 does not compile IsVolatile.
        private int _stopRequested;

        public SamplingLoop(IClock clock, LoopSettings settings, IWatchdog watchdog)
        {
            if (clock == null || settings == null || watchdog == null)
            {
                throw new ArgumentNullException(clock == null ? "clock" : settings == null ? "settings" : "watchdog");
            }

            settings.Validate();
            _clock = clock;
            _settings = settings;
            _watchdog = watchdog;
        }

        /// <summary>
        /// Held while a tick works (not while it sleeps). Code on other threads (BLE callbacks on the device) takes
        /// it before touching anything the loop owns, so all firmware state changes on one thread at a time.
        /// </summary>
        public object SyncRoot { get; } = new object();

        public LoopStatistics Statistics
        {
            get { return _statistics; }
        }

        public LoopSettings Settings
        {
            get { return _settings; }
        }

        /// <summary>Number of sensors registered with <see cref="AddSensor"/>.</summary>
        public int SensorCount
        {
            get { return _acquireCount; }
        }

        /// <summary>Registers a sensor's FIFO drain for the acquire phase and its health for the statistics.</summary>
        public void AddSensor(string name, ILoopTask drain, DriverHealth health)
        {
            EnsureNotStarted();
            CheckCapacity(_acquireCount, "sensors");
            _sensorNames[_acquireCount] = name;
            _acquire[_acquireCount] = drain;
            _sensorHealth[_acquireCount] = health;
            _acquireCount++;
        }

        /// <summary>Registers a processing stage; they run in registration order after acquisition.</summary>
        public void AddProcessor(ILoopTask stage)
        {
            EnsureNotStarted();
            CheckCapacity(_processCount, "processors");
            _process[_processCount++] = stage;
        }

        /// <summary>
        /// Registers an output. A period of 0 runs it every tick and never defers it (events go out immediately);
        /// a positive period runs it when due, deferred while the tick is over budget.
        /// </summary>
        public void AddPublisher(ILoopTask output, int periodMicroseconds)
        {
            EnsureNotStarted();
            CheckCapacity(_publishCount, "publishers");
            if (periodMicroseconds < 0)
            {
                throw new ArgumentOutOfRangeException("periodMicroseconds");
            }

            _publish[_publishCount] = output;
            _publishPeriod[_publishCount] = periodMicroseconds;
            _publishCount++;
            if (periodMicroseconds == 0)
            {
                _everyTick[_everyTickCount++] = output;
            }
        }

        public string SensorName(int index)
        {
            return _sensorNames[index];
        }

        public DriverHealth SensorHealth(int index)
        {
            return _sensorHealth[index];
        }

        /// <summary>Asks <see cref="Run"/> to return after the current tick (from another thread on the device).</summary>
        public void Stop()
        {
            Interlocked.Exchange(ref _stopRequested, 1);
        }

        /// <summary>Runs ticks until <paramref name="untilMicroseconds"/> of clock time or until <see cref="Stop"/>.</summary>
        public void Run(long untilMicroseconds)
        {
            Interlocked.Exchange(ref _stopRequested, 0);
            while (Interlocked.CompareExchange(ref _stopRequested, 0, 0) == 0 && NextDeadline() < untilMicroseconds)
            {
                RunOneTick();
            }
        }

        /// <summary>Deadline of the next tick (the first tick is due as soon as the loop starts).</summary>
        public long NextDeadline()
        {
            return _started ? _nextDeadline : _clock.NowMicroseconds;
        }

        /// <summary>Waits for the next deadline, then runs acquire, process and publish once.</summary>
        public void RunOneTick()
        {
            if (!_started)
            {
                _started = true;
                _nextDeadline = _clock.NowMicroseconds;
                for (int i = 0; i < _publishCount; i++)
                {
                    _publishDue[i] = _nextDeadline + _publishPeriod[i];
                }

                UpdateNextPeriodicDue();
            }

            // One clock read per phase boundary: each phase ends where the next starts (an interface call each, 25
            // times a second on the interpreter).
            long tickStart = _clock.NowMicroseconds;
            if (tickStart < _nextDeadline)
            {
                _clock.SleepMicroseconds(_nextDeadline - tickStart);
                tickStart = _clock.NowMicroseconds;
            }

            LoopStatistics statistics = _statistics;
            long lateness = tickStart - _nextDeadline;
            statistics.TotalLatenessMicroseconds += lateness;
            if (lateness > statistics.WorstLatenessMicroseconds)
            {
                statistics.WorstLatenessMicroseconds = lateness;
            }

            bool acquired;
            long end;
            Monitor.Enter(SyncRoot);
            try
            {
                acquired = RunTasks(LoopPhase.Acquire, _acquire, _acquireCount, tickStart);
                long acquireEnd = _clock.NowMicroseconds;
                ChargePhase(LoopPhase.Acquire, acquireEnd - tickStart, _settings.AcquireBudgetMicroseconds);
                RunTasks(LoopPhase.Process, _process, _processCount, tickStart);
                long processEnd = _clock.NowMicroseconds;
                ChargePhase(LoopPhase.Process, processEnd - acquireEnd, _settings.ProcessBudgetMicroseconds);
                Publish(tickStart, processEnd);
                end = _clock.NowMicroseconds;
                ChargePhase(LoopPhase.Publish, end - processEnd, _settings.PublishBudgetMicroseconds);
            }
            finally
            {
                Monitor.Exit(SyncRoot);
            }

            long work = end - tickStart;
            statistics.Ticks++;
            if (work > statistics.WorstTickMicroseconds)
            {
                statistics.WorstTickMicroseconds = work;
            }

            if (work > _settings.TickBudgetMicroseconds)
            {
                statistics.Overruns++;
            }

            if (acquired)
            {
                _watchdog.Feed();
            }

            AdvanceDeadline(end);
        }

        private void Publish(long tickStart, long phaseStart)
        {
            if (tickStart < _nextPeriodicDue)
            {
                // No periodic publisher is due: the every-tick ones run, in their order, as the full pass would.
                RunTasks(LoopPhase.Publish, _everyTick, _everyTickCount, tickStart);
                return;
            }

            bool overBudget = phaseStart - tickStart > _settings.TickBudgetMicroseconds - _settings.PublishBudgetMicroseconds;
            bool deferred = false;
            for (int i = 0; i < _publishCount; i++)
            {
                long period = _publishPeriod[i];
                if (period > 0)
                {
                    if (tickStart < _publishDue[i])
                    {
                        continue;
                    }

                    if (overBudget)
                    {
                        deferred = true;
                        continue;
                    }

                    // Next due time keeps its own grid; a publisher that waited does not run twice to catch up.
                    _publishDue[i] += period;
                    if (_publishDue[i] <= tickStart)
                    {
                        _publishDue[i] = tickStart + period;
                    }
                }

                RunTask(LoopPhase.Publish, _publish[i], tickStart);
            }

            if (deferred)
            {
                _statistics.PublishDeferrals++;
            }

            UpdateNextPeriodicDue();
        }

        private void UpdateNextPeriodicDue()
        {
            long next = long.MaxValue;
            for (int i = 0; i < _publishCount; i++)
            {
                if (_publishPeriod[i] > 0 && _publishDue[i] < next)
                {
                    next = _publishDue[i];
                }
            }

            _nextPeriodicDue = next;
        }

        private bool RunTasks(LoopPhase phase, ILoopTask[] tasks, int count, long tickStart)
        {
            bool allRan = true;
            for (int i = 0; i < count; i++)
            {
                try
                {
                    tasks[i].Run(tickStart);
                }
                catch (Exception)
                {
                    Fault(phase);
                    allRan = false;
                }
            }

            return allRan;
        }

        private bool RunTask(LoopPhase phase, ILoopTask task, long tickStart)
        {
            try
            {
                task.Run(tickStart);
                return true;
            }
            catch (Exception)
            {
                Fault(phase);
                return false;
            }
        }

        // A faulty stage must not stop the loop: count it; the device status reports it.
        private void Fault(LoopPhase phase)
        {
            _statistics.TaskFaults++;
            _statistics.LastFaultPhase = phase;
        }

        private void ChargePhase(LoopPhase phase, long elapsed, int budget)
        {
            int p = (int)phase;
            if (elapsed > _statistics.WorstPhaseMicroseconds[p])
            {
                _statistics.WorstPhaseMicroseconds[p] = elapsed;
            }

            if (elapsed > budget)
            {
                _statistics.PhaseOverruns[p]++;
            }
        }

        private void AdvanceDeadline(long now)
        {
            long period = _settings.PeriodMicroseconds;
            _nextDeadline += period;
            long behind = now - _nextDeadline;
            if (behind >= period)
            {
                // More than a whole period late: skip the missed slots instead of running a burst of
                // back-to-back ticks; the next acquisition drains whatever the FIFOs held meanwhile.
                long missed = behind / period;
                _statistics.MissedTicks += missed;
                _nextDeadline += missed * period;
            }
        }

        private void EnsureNotStarted()
        {
            if (_started)
            {
                throw new InvalidOperationException("tasks must be registered before the loop starts");
            }
        }

        private static void CheckCapacity(int count, string what)
        {
            if (count >= MaxTasksPerPhase)
            {
                throw new InvalidOperationException("too many " + what + " (at most " + MaxTasksPerPhase.ToString() + ")");
            }
        }
    }
}
