namespace WearableFirmware.Vitals
{
    /// <summary>
    /// RR intervals detected since the last Heart Rate Measurement notification, in the characteristic's unit of
    /// 1/1024 s. A small ring, so intervals are kept until taken; with one notification a second and at most
    /// 4 beats a second (240 bpm), 16 places leave room for three missed notifications. Only if more pile up are the
    /// oldest overwritten, and <see cref="OverwrittenCount"/> counts them.
    /// </summary>
    public sealed class RrIntervalBuffer
    {
        private readonly ushort[] _units;
        private int _start;
        private int _count;

        public RrIntervalBuffer(int capacity)
        {
            _units = new ushort[capacity];
        }

        /// <summary>Intervals waiting to be taken.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Intervals lost because nobody took them in time (since construction).</summary>
        public int OverwrittenCount { get; private set; }

        /// <summary>Converts milliseconds to 1/1024 s, rounded, saturating at the 16-bit field's maximum.</summary>
        public static ushort ToUnits1024(float milliseconds)
        {
            float units = milliseconds * 1.024f + 0.5f;
            if (units <= 0)
            {
                return 0;
            }

            return units >= 65535f ? (ushort)65535 : (ushort)units;
        }

        /// <summary>Adds one interval in milliseconds.</summary>
        public void Add(float milliseconds)
        {
            if (_count == _units.Length)
            {
                _start = (_start + 1) % _units.Length;
                _count--;
                OverwrittenCount++;
            }

            _units[(_start + _count) % _units.Length] = ToUnits1024(milliseconds);
            _count++;
        }

        /// <summary>
        /// Moves up to destination.Length of the oldest intervals (1/1024 s) into destination, oldest first, and returns
        /// how many; any that did not fit stay for the next call.
        /// </summary>
        public int Take(ushort[] destination)
        {
            int n = _count < destination.Length ? _count : destination.Length;
            for (int i = 0; i < n; i++)
            {
                destination[i] = _units[(_start + i) % _units.Length];
            }

            _start = (_start + n) % _units.Length;
            _count -= n;
            return n;
        }

        public void Clear()
        {
            _start = 0;
            _count = 0;
        }
    }
}
