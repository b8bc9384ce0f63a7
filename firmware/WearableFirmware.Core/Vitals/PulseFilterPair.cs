namespace WearableFirmware.Vitals
{
    /// <summary>
    /// The red and IR channels' <see cref="PulseFilter"/>s (DC tracker, then the band-pass's high-pass and low-pass
    /// sections), each run over a block of samples in one call: the loop hands over a tick's samples at once. The
    /// outputs are bit for bit those of one PulseFilter per channel fed sample by sample.
    /// </summary>
    public sealed class PulseFilterPair
    {
        /// <summary>Most samples one <see cref="Process"/> call takes (the MAX30102's FIFO depth).</summary>
        public const int Capacity = 32;

        private readonly PulseFilter _red;
        private readonly PulseFilter _ir;
        private readonly float[] _redAc = new float[Capacity];
        private readonly float[] _irAc = new float[Capacity];

        public PulseFilterPair(float sampleRateHz, float lowCornerHz, float highCornerHz, float dcTimeConstantSeconds)
        {
            _red = new PulseFilter(sampleRateHz, lowCornerHz, highCornerHz, dcTimeConstantSeconds);
            _ir = new PulseFilter(sampleRateHz, lowCornerHz, highCornerHz, dcTimeConstantSeconds);
        }

        /// <summary>Band-passed red of the last block, one per sample from index 0 (ADC counts, zero-mean).</summary>
        public float[] RedAc
        {
            get { return _redAc; }
        }

        /// <summary>Band-passed IR of the last block, one per sample from index 0.</summary>
        public float[] IrAc
        {
            get { return _irAc; }
        }

        /// <summary>
        /// The red DC level after sample <paramref name="k"/> of the last block (<see cref="PulseFilter.Dc"/> there),
        /// while the arrays given to <see cref="Process"/> still hold that block.
        /// </summary>
        public float RedDcAfter(int k)
        {
            return _red.DcAfter(k);
        }

        /// <summary>The IR DC level after sample <paramref name="k"/> of the last block.</summary>
        public float IrDcAfter(int k)
        {
            return _ir.DcAfter(k);
        }

        /// <summary>
        /// Filters the <paramref name="count"/> raw pairs from <paramref name="start"/> (at most <see cref="Capacity"/>)
        /// into <see cref="RedAc"/> and <see cref="IrAc"/> from index 0.
        /// </summary>
        public void Process(int[] red, int[] ir, int start, int count)
        {
            _red.Process(red, start, count, _redAc);
            _ir.Process(ir, start, count, _irAc);
        }

        /// <summary>Forgets the past, as <see cref="PulseFilter.Reset"/> does for each channel.</summary>
        public void Reset()
        {
            _red.Reset();
            _ir.Reset();
        }
    }
}
