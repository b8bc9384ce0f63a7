namespace WearableFirmware.Alarms
{
    /// <summary>
    /// An alarm-condition delay: whether something has held for at least the delay. Each evaluation says it holds,
    /// it does not (the count starts over), or there is no evidence either way (a missing reading): a gap of up to
    /// the gap tolerance keeps the count running, a longer one starts it over. Time is monotonic microseconds.
    /// </summary>
    public sealed class SustainedCondition
    {
        private long _delay;
        private long _gapTolerance;
        private bool _running;
        private long _since;
        private long _lastPresent;

        public SustainedCondition(long delayMicroseconds, long gapToleranceMicroseconds)
        {
            Configure(delayMicroseconds, gapToleranceMicroseconds);
        }

        /// <summary>True when, at the last evidence, the condition had held for the delay.</summary>
        public bool IsMet { get; private set; }

        /// <summary>True while a count runs (the condition was present at the last evidence or within the gap tolerance).</summary>
        public bool IsRunning
        {
            get { return _running; }
        }

        /// <summary>When the running count began (valid while <see cref="IsRunning"/>).</summary>
        public long Since
        {
            get { return _since; }
        }

        /// <summary>New timing; a running count starts over, so the new delay applies in full.</summary>
        public void Configure(long delayMicroseconds, long gapToleranceMicroseconds)
        {
            _delay = delayMicroseconds < 0 ? 0 : delayMicroseconds;
            _gapTolerance = gapToleranceMicroseconds < 0 ? 0 : gapToleranceMicroseconds;
            Reset();
        }

        /// <summary>Evidence: the condition is (or is not) present at <paramref name="now"/>.</summary>
        public void Update(long now, bool present)
        {
            if (!present)
            {
                Reset();
                return;
            }

            if (!_running)
            {
                _running = true;
                _since = now;
            }

            _lastPresent = now;
            IsMet = now - _since >= _delay;
        }

        /// <summary>No evidence at <paramref name="now"/>: the count keeps running through a short gap only.</summary>
        public void UpdateUnknown(long now)
        {
            if (_running && now - _lastPresent > _gapTolerance)
            {
                Reset();
            }
        }

        public void Reset()
        {
            _running = false;
            IsMet = false;
        }
    }
}
