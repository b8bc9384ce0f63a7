namespace WearableFirmware.Vitals
{
    /// <summary>
    /// The red and IR channels' <see cref="PulseFilter"/> (DC tracker, then the band-pass's high-pass and low-pass
    /// sections) run over a block of samples in one call: the loop hands over a tick's samples at once. The arithmetic
    /// is a <see cref="PulseFilter"/>'s, in the same order, so the outputs are bit for bit those of one PulseFilter per
    /// channel fed sample by sample; the block only keeps the coefficients (shared by both channels) and the state in
    /// locals, which on nanoCLR saves three calls and their field accesses per channel and sample.
    /// </summary>
    public sealed class PulseFilterPair
    {
        /// <summary>Most samples one <see cref="Process"/> call takes (the MAX30102's FIFO depth).</summary>
        public const int Capacity = 32;

        private readonly float _alpha;
        private readonly float _b0;
        private readonly float _b1;
        private readonly float _b2;
        private readonly float _a1;
        private readonly float _a2;
        private readonly float _c0;
        private readonly float _c1;
        private readonly float _c2;
        private readonly float _d1;
        private readonly float _d2;
        private readonly float[] _redAc = new float[Capacity];
        private readonly float[] _irAc = new float[Capacity];

        // Both DC trackers start (and restart) together, so one flag serves both.
        private bool _started;
        private float _redLevel;
        private float _irLevel;

        // The last block's input and its DC levels before it, from which a level within it is replayed (once a beat).
        private int[] _blockRed;
        private int[] _blockIr;
        private int _blockStart;
        private bool _blockStarted;
        private float _blockRedLevel;
        private float _blockIrLevel;

        // Per channel, as in Biquad: the high-pass section's inputs (x) and outputs (y), the low-pass section's outputs (z).
        private float _redX1;
        private float _redX2;
        private float _redY1;
        private float _redY2;
        private float _redZ1;
        private float _redZ2;
        private float _irX1;
        private float _irX2;
        private float _irY1;
        private float _irY2;
        private float _irZ1;
        private float _irZ2;

        public PulseFilterPair(float sampleRateHz, float lowCornerHz, float highCornerHz, float dcTimeConstantSeconds)
        {
            // The very coefficients a PulseFilter of these settings computes.
            _alpha = new DcTracker(sampleRateHz, dcTimeConstantSeconds).Alpha;
            float[] c = new float[10];
            Biquad.ButterworthBandPass(sampleRateHz, lowCornerHz, highCornerHz).CopyCoefficients(c);
            _b0 = c[0];
            _b1 = c[1];
            _b2 = c[2];
            _a1 = c[3];
            _a2 = c[4];
            _c0 = c[5];
            _c1 = c[6];
            _c2 = c[7];
            _d1 = c[8];
            _d2 = c[9];
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
            return LevelAfter(_blockRed, _blockStart, k, _blockStarted, _blockRedLevel);
        }

        /// <summary>The IR DC level after sample <paramref name="k"/> of the last block.</summary>
        public float IrDcAfter(int k)
        {
            return LevelAfter(_blockIr, _blockStart, k, _blockStarted, _blockIrLevel);
        }

        /// <summary>
        /// Filters the <paramref name="count"/> raw pairs from <paramref name="start"/> (at most <see cref="Capacity"/>)
        /// into <see cref="RedAc"/> and <see cref="IrAc"/> from index 0.
        /// </summary>
        public void Process(int[] red, int[] ir, int start, int count)
        {
            // The DC levels are replayed on demand rather than stored per sample: a beat needs them, not every sample.
            _blockRed = red;
            _blockIr = ir;
            _blockStart = start;
            _blockStarted = _started;
            _blockRedLevel = _redLevel;
            _blockIrLevel = _irLevel;
            float alpha = _alpha;
            float b0 = _b0;
            float b1 = _b1;
            float b2 = _b2;
            float a1 = _a1;
            float a2 = _a2;
            float c0 = _c0;
            float c1 = _c1;
            float c2 = _c2;
            float d1 = _d1;
            float d2 = _d2;
            bool started = _started;
            float redLevel = _redLevel;
            float irLevel = _irLevel;
            float redX1 = _redX1;
            float redX2 = _redX2;
            float redY1 = _redY1;
            float redY2 = _redY2;
            float redZ1 = _redZ1;
            float redZ2 = _redZ2;
            float irX1 = _irX1;
            float irX2 = _irX2;
            float irY1 = _irY1;
            float irY2 = _irY2;
            float irZ1 = _irZ1;
            float irZ2 = _irZ2;
            float[] redAc = _redAc;
            float[] irAc = _irAc;
            if (!started && count > 0)
            {
                // DcTracker: the first sample is its own level (the tracker returns it, so the filters see 0).
                redLevel = red[start];
                irLevel = ir[start];
                started = true;
            }

            // DcTracker.Track (level + alpha (x - level)) and the sample centred on the level before it (x), then the
            // band-pass: the high-pass section's output y from x and its history (x1, x2, y1, y2), the low-pass
            // section's z from y, y1, y2 and z1, z2. An odd sample first, with its history moved along as in Biquad.
            int k = 0;
            if ((count & 1) != 0)
            {
                float x = red[start] - redLevel;
                redLevel = redLevel + alpha * x;
                float y = b0 * x + b1 * redX1 + b2 * redX2 - a1 * redY1 - a2 * redY2;
                float z = c0 * y + c1 * redY1 + c2 * redY2 - d1 * redZ1 - d2 * redZ2;
                redX2 = redX1;
                redX1 = x;
                redY2 = redY1;
                redY1 = y;
                redZ2 = redZ1;
                redZ1 = z;
                redAc[0] = z;

                x = ir[start] - irLevel;
                irLevel = irLevel + alpha * x;
                y = b0 * x + b1 * irX1 + b2 * irX2 - a1 * irY1 - a2 * irY2;
                z = c0 * y + c1 * irY1 + c2 * irY2 - d1 * irZ1 - d2 * irZ2;
                irX2 = irX1;
                irX1 = x;
                irY2 = irY1;
                irY1 = y;
                irZ2 = irZ1;
                irZ1 = z;
                irAc[0] = z;
                k = 1;
            }

            // Then two samples at a time, without moving the history: the first overwrites the oldest values (x2, y2,
            // z2), which then hold the newest, and the second overwrites x1, y1, z1, which restores the order.
            for (; k < count; k += 2)
            {
                int j = start + k;
                float x = red[j] - redLevel;
                redLevel = redLevel + alpha * x;
                float y = b0 * x + b1 * redX1 + b2 * redX2 - a1 * redY1 - a2 * redY2;
                redZ2 = c0 * y + c1 * redY1 + c2 * redY2 - d1 * redZ1 - d2 * redZ2;
                redX2 = x;
                redY2 = y;
                redAc[k] = redZ2;
                x = red[j + 1] - redLevel;
                redLevel = redLevel + alpha * x;
                y = b0 * x + b1 * redX2 + b2 * redX1 - a1 * redY2 - a2 * redY1;
                redZ1 = c0 * y + c1 * redY2 + c2 * redY1 - d1 * redZ2 - d2 * redZ1;
                redX1 = x;
                redY1 = y;
                redAc[k + 1] = redZ1;

                x = ir[j] - irLevel;
                irLevel = irLevel + alpha * x;
                y = b0 * x + b1 * irX1 + b2 * irX2 - a1 * irY1 - a2 * irY2;
                irZ2 = c0 * y + c1 * irY1 + c2 * irY2 - d1 * irZ1 - d2 * irZ2;
                irX2 = x;
                irY2 = y;
                irAc[k] = irZ2;
                x = ir[j + 1] - irLevel;
                irLevel = irLevel + alpha * x;
                y = b0 * x + b1 * irX2 + b2 * irX1 - a1 * irY2 - a2 * irY1;
                irZ1 = c0 * y + c1 * irY2 + c2 * irY1 - d1 * irZ2 - d2 * irZ1;
                irX1 = x;
                irY1 = y;
                irAc[k + 1] = irZ1;
            }

            _started = started;
            _redLevel = redLevel;
            _irLevel = irLevel;
            _redX1 = redX1;
            _redX2 = redX2;
            _redY1 = redY1;
            _redY2 = redY2;
            _redZ1 = redZ1;
            _redZ2 = redZ2;
            _irX1 = irX1;
            _irX2 = irX2;
            _irY1 = irY1;
            _irY2 = irY2;
            _irZ1 = irZ1;
            _irZ2 = irZ2;
        }

        private float LevelAfter(int[] raw, int start, int k, bool started, float level)
        {
            for (int j = 0; j <= k; j++)
            {
                float x = raw[start + j];
                level = j == 0 && !started ? x : level + _alpha * (x - level);
            }

            return level;
        }

        /// <summary>Forgets the past, as <see cref="PulseFilter.Reset"/> does for each channel.</summary>
        public void Reset()
        {
            _started = false;
            _redLevel = 0;
            _irLevel = 0;
            _redX1 = 0;
            _redX2 = 0;
            _redY1 = 0;
            _redY2 = 0;
            _redZ1 = 0;
            _redZ2 = 0;
            _irX1 = 0;
            _irX2 = 0;
            _irY1 = 0;
            _irY2 = 0;
            _irZ1 = 0;
            _irZ2 = 0;
        }
    }
}
