using System;

namespace WearableFirmware.Storage
{
    /// <summary>
    /// Decides when the loop stores a spot-check reading: once per interval while the device is worn. Putting the
    /// device on restarts the interval, so the first stored reading comes from a settled signal, not from the
    /// moment the sensor touched the skin.
    /// </summary>
    public sealed class SpotCheckScheduler
    {
        public const int DefaultIntervalSeconds = 300;

        private readonly long _intervalMicroseconds;
        private bool _worn;
        private long _nextDueMicroseconds;

        public SpotCheckScheduler()
            : this(DefaultIntervalSeconds)
        {
        }

        public SpotCheckScheduler(int intervalSeconds)
        {
            if (intervalSeconds < 10 || intervalSeconds > 24 * 3600)
            {
                throw new ArgumentOutOfRangeException("intervalSeconds", "spot-check interval must be 10 s to 24 h");
            }

            IntervalSeconds = intervalSeconds;
            _intervalMicroseconds = intervalSeconds * 1000000L;
        }

        public int IntervalSeconds { get; private set; }

        /// <summary>Call every loop pass; true exactly when a reading should be stored now.</summary>
        public bool IsDue(long nowMicroseconds, bool worn)
        {
            if (!worn)
            {
                _worn = false;
                return false;
            }

            if (!_worn)
            {
                _worn = true;
                _nextDueMicroseconds = nowMicroseconds + _intervalMicroseconds;
                return false;
            }

            if (nowMicroseconds < _nextDueMicroseconds)
            {
                return false;
            }

            // Stay on the original grid; after a long stall (loop blocked) restart it rather than catching up.
            _nextDueMicroseconds += _intervalMicroseconds;
            if (_nextDueMicroseconds <= nowMicroseconds)
            {
                _nextDueMicroseconds = nowMicroseconds + _intervalMicroseconds;
            }

            return true;
        }
    }
}
