using WearableFirmware.Drivers;

namespace WearableFirmware.Time
{
    /// <summary>
    /// Calendar time for timestamps. The device has no battery-backed clock: until a bonded phone writes Current
    /// Time, <see cref="IsSet"/> is false and records carry uptime plus the "clock not set" flag instead of a date.
    /// Kept as an offset over the monotonic clock so setting it never makes uptime jump.
    /// </summary>
    public sealed class WallClock
    {
        private readonly IClock _clock;
        private long _offsetMicroseconds;

        public WallClock(IClock clock)
        {
            _clock = clock;
        }

        /// <summary>Times the calendar time was set since boot (each set is a device event worth recording).</summary>
        public int SetCount { get; private set; }

        /// <summary>True once the time has been set since boot.</summary>
        public bool IsSet { get; private set; }

        /// <summary>Microseconds since boot (the monotonic clock).</summary>
        public long UptimeMicroseconds
        {
            get { return _clock.NowMicroseconds; }
        }

        /// <summary>Seconds since 1970-01-01T00:00:00Z; meaningful only when <see cref="IsSet"/>.</summary>
        public long UnixSeconds
        {
            get { return (_clock.NowMicroseconds + _offsetMicroseconds) / 1000000; }
        }

        /// <summary>Sets the calendar time; returns the step in seconds it made (for the "clock set" device event).</summary>
        public long Set(long unixSeconds)
        {
            long before = UnixSeconds;
            _offsetMicroseconds = unixSeconds * 1000000 - _clock.NowMicroseconds;
            bool wasSet = IsSet;
            IsSet = true;
            SetCount++;
            return wasSet ? unixSeconds - before : 0;
        }
    }
}
