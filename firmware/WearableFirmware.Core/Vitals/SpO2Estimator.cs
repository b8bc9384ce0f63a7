namespace WearableFirmware.Vitals
{
    /// <summary>
    /// SpO2 from the ratios of ratios of recent clean beats: the beats' R values go into a ring, the reported R is
    /// their median-gated mean (± 10 % of the median, so one disturbed beat does not move it), and the calibration
    /// curve turns it into SpO2.
    /// </summary>
    public sealed class SpO2Estimator
    {
        private const float RatioTolerance = 0.1f;
        private readonly float[] _ratios;
        private readonly float[] _scratch;
        private readonly int _minimumBeats;
        private int _next;
        private int _count;
        private int _accepted;
        private float _ratio;

        /// <param name="capacity">Beats kept (e.g. 8).</param>
        /// <param name="minimumBeats">Agreeing beats needed for a value (e.g. 4).</param>
        /// <param name="calibration">R to SpO2 curve.</param>
        public SpO2Estimator(int capacity, int minimumBeats, SpO2Calibration calibration)
        {
            _ratios = new float[capacity];
            _scratch = new float[capacity];
            _minimumBeats = minimumBeats;
            Calibration = calibration;
        }

        public SpO2Calibration Calibration { get; private set; }

        /// <summary>Beats in the ring.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Beats of the ring within 10 % of its median ratio (those averaged).</summary>
        public int AcceptedCount
        {
            get { return _accepted; }
        }

        /// <summary>Agreeing beats needed for <see cref="IsValid"/>.</summary>
        public int MinimumBeats
        {
            get { return _minimumBeats; }
        }

        /// <summary>Averaged ratio of ratios.</summary>
        public float Ratio
        {
            get { return _ratio; }
        }

        /// <summary>True when enough beats agree.</summary>
        public bool IsValid
        {
            get { return _accepted >= _minimumBeats; }
        }

        /// <summary>SpO2 in % from the averaged ratio, limited to 0-100.</summary>
        public float SpO2Percent
        {
            get
            {
                float s = Calibration.Evaluate(_ratio);
                return s > 100f ? 100f : (s < 0f ? 0f : s);
            }
        }

        /// <summary>Adds one clean beat's ratio of ratios.</summary>
        public void AddBeat(float ratio)
        {
            _ratios[_next] = ratio;
            _next = (_next + 1) % _ratios.Length;
            if (_count < _ratios.Length)
            {
                _count++;
            }

            _ratio = RobustAverage.MedianGatedMean(_ratios, _count, RatioTolerance, _scratch, out _accepted);
        }

        public void Reset()
        {
            _next = 0;
            _count = 0;
            _accepted = 0;
            _ratio = 0;
        }
    }
}
