namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Heart rate from the most recent beat-to-beat intervals: intervals outside the physiological range are refused,
    /// the rest go into a ring, and the rate is 60000 / (mean of the ring's intervals within ± tolerance of its
    /// median). A missed beat (double interval) or an extra detection (split interval) is thereby outvoted, and the
    /// estimate follows a step in rate once the new rate holds the majority of the ring (capacity / 2 + 1 beats).
    /// </summary>
    public sealed class HeartRateEstimator
    {
        private readonly float[] _intervals;
        private readonly float[] _scratch;
        private readonly float[] _kept;
        private readonly float _tolerance;
        private readonly int _minimumAccepted;
        private readonly float _shortestMs;
        private readonly float _longestMs;
        private int _next;
        private int _count;
        private int _accepted;
        private float _meanIntervalMs;
        private float _medianIntervalMs;

        /// <param name="capacity">Intervals kept (e.g. 8).</param>
        /// <param name="tolerance">Accepted deviation from the median as a fraction (e.g. 0.25).</param>
        /// <param name="minimumAccepted">Accepted intervals needed for a valid rate (e.g. 3).</param>
        /// <param name="minimumBpm">Slowest rate reported (e.g. 30).</param>
        /// <param name="maximumBpm">Fastest rate reported (e.g. 240).</param>
        public HeartRateEstimator(int capacity, float tolerance, int minimumAccepted, float minimumBpm, float maximumBpm)
        {
            _intervals = new float[capacity];
            _scratch = new float[capacity];
            _kept = new float[capacity];
            _tolerance = tolerance;
            _minimumAccepted = minimumAccepted;
            _shortestMs = 60000f / maximumBpm;
            _longestMs = 60000f / minimumBpm;
        }

        /// <summary>Intervals in the ring.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Intervals of the ring within tolerance of its median.</summary>
        public int AcceptedCount
        {
            get { return _accepted; }
        }

        /// <summary>Median interval of the ring (ms), 0 when empty.</summary>
        public float MedianIntervalMs
        {
            get { return _medianIntervalMs; }
        }

        /// <summary>
        /// Early-estimate tolerance (fraction; 0 = off): while the ring holds fewer than the minimum accepted
        /// intervals but at least two, a rate is reported when all of them lie within this fraction of their mean.
        /// Tighter than <see cref="IsValid"/>'s median gate because two or three intervals cannot outvote a bad one.
        /// </summary>
        public float EarlyTolerance { get; set; }

        /// <summary>Shortest time the early estimate's intervals must span together (ms; 0 = any).</summary>
        public float EarlyMinimumSpanMs { get; set; }

        /// <summary>True when enough intervals agree and they are more than half of the ring, or (start-up) when the
        /// first intervals agree within <see cref="EarlyTolerance"/>.</summary>
        public bool IsValid
        {
            get { return (_accepted >= _minimumAccepted && 2 * _accepted > _count) || IsEarlyValid(); }
        }

        /// <summary>True while the rate rests on the early estimate alone.</summary>
        public bool IsEarly
        {
            get { return !(_accepted >= _minimumAccepted && 2 * _accepted > _count) && IsEarlyValid(); }
        }

        /// <summary>True when the ring is full enough to judge and at most half of it agrees with its median.</summary>
        public bool IsErratic
        {
            get { return _count >= _minimumAccepted + 2 && 2 * _accepted <= _count; }
        }

        /// <summary>Beats per minute from the accepted intervals; meaningful when <see cref="IsValid"/>.</summary>
        public float HeartRateBpm
        {
            get { return _meanIntervalMs > 0 ? 60000f / _meanIntervalMs : 0; }
        }

        /// <summary>
        /// Adds one beat-to-beat interval. Returns true when it is in range and agrees with the ring's median (the
        /// first intervals, before there is a median to judge by, only need to be in range).
        /// </summary>
        public bool AddInterval(float intervalMs)
        {
            if (!(intervalMs >= _shortestMs && intervalMs <= _longestMs))
            {
                return false;
            }

            _intervals[_next] = intervalMs;
            _next = (_next + 1) % _intervals.Length;
            if (_count < _intervals.Length)
            {
                _count++;
            }

            _meanIntervalMs = RobustAverage.MedianGatedMean(_intervals, _count, _tolerance, _scratch, out _accepted);
            _medianIntervalMs = RobustAverage.Median(_intervals, _count, _scratch);
            if (_count < 3)
            {
                return true;
            }

            float d = intervalMs - _medianIntervalMs;
            float limit = _tolerance * _medianIntervalMs;
            return d <= limit && d >= -limit;
        }

        /// <summary>
        /// True when the ring holds at least <paramref name="n"/> intervals and the latest n all lie within
        /// <see cref="EarlyTolerance"/> of their mean (for two, the test the early estimate applies).
        /// </summary>
        public bool LatestAgree(int n)
        {
            if (!(EarlyTolerance > 0) || n < 2 || _count < n)
            {
                return false;
            }

            float mean = LatestMeanMs(n);
            float limit = EarlyTolerance * mean;
            for (int k = 1; k <= n; k++)
            {
                float d = Latest(k) - mean;
                if (d > limit || d < -limit)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Mean of the latest <paramref name="n"/> intervals (ms); 0 when the ring holds fewer.</summary>
        public float LatestMeanMs(int n)
        {
            if (n < 1 || _count < n)
            {
                return 0;
            }

            float sum = 0;
            for (int k = 1; k <= n; k++)
            {
                sum += Latest(k);
            }

            return sum / n;
        }

        /// <summary>
        /// Forgets all but the latest <paramref name="n"/> intervals, so the rate restarts from them. For when older
        /// intervals (split or missed beats while the filters settle or the wearer moves) hold the ring below a majority.
        /// </summary>
        public void RestartFromLatest(int n)
        {
            if (n < 1 || _count < n)
            {
                return;
            }

            // Copied out oldest first before the ring is cleared (AddInterval uses _scratch).
            for (int k = n; k >= 1; k--)
            {
                _kept[n - k] = Latest(k);
            }

            Reset();
            for (int i = 0; i < n; i++)
            {
                AddInterval(_kept[i]);
            }
        }

        /// <summary>The k-th latest interval (k = 1 is the newest).</summary>
        private float Latest(int k)
        {
            return _intervals[(_next + _intervals.Length - k) % _intervals.Length];
        }

        private bool IsEarlyValid()
        {
            return _count >= 2 && _count < _minimumAccepted && LatestAgree(_count)
                && LatestMeanMs(_count) * _count >= EarlyMinimumSpanMs;
        }

        public void Reset()
        {
            _next = 0;
            _count = 0;
            _accepted = 0;
            _meanIntervalMs = 0;
            _medianIntervalMs = 0;
        }
    }
}
