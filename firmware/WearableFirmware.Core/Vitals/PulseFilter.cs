namespace WearableFirmware.Vitals
{
    /// <summary>
    /// The pulsatile (AC) part of one PPG channel: the tracked DC level is subtracted (which keeps the float
    /// arithmetic small), then a 4th-order band-pass (2nd-order Butterworth high-pass at the low corner, 2nd-order
    /// Butterworth low-pass at the high corner) keeps the pulse band, e.g. 0.5-5 Hz for 30-240 bpm plus the first
    /// harmonics, and drops baseline wander, respiration drift and high-frequency noise.
    /// <para>
    /// The arithmetic is a <see cref="DcTracker"/>'s followed by a band-pass <see cref="Biquad"/>'s, in the same order
    /// (the outputs are bit for bit theirs), run over a block of samples in one call with the coefficients and state in
    /// locals: the step detector takes a loop tick's accelerations at once (float, in place) and each PPG channel a
    /// tick's samples (int counts, <see cref="PulseFilterPair"/>), and on nanoCLR the two calls and the field accesses
    /// per sample cost more than the arithmetic. The two block kernels differ only in the input's type: nanoFramework
    /// has no generics, and converting one input to the other would cost a pass per sample.
    /// </para>
    /// </summary>
    public sealed class PulseFilter
    {
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
        private readonly float[] _one = new float[1];
        private bool _started;
        private float _level;

        // As in Biquad: the high-pass section's inputs (x) and outputs (y), the low-pass section's outputs (z).
        private float _x1;
        private float _x2;
        private float _y1;
        private float _y2;
        private float _z1;
        private float _z2;

        // The last int block and the DC level before it, from which a level within it is replayed (once a beat).
        private int[] _blockRaw;
        private int _blockStart;
        private float _blockLevel;

        public PulseFilter(float sampleRateHz, float lowCornerHz, float highCornerHz, float dcTimeConstantSeconds)
        {
            // The very coefficients a DcTracker and a band-pass Biquad of these settings compute.
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

        /// <summary>DC level of the raw channel (ADC counts).</summary>
        public float Dc
        {
            get { return _level; }
        }

        /// <summary>Last band-passed output (ADC counts, zero-mean).</summary>
        public float Ac
        {
            // The low-pass section's newest output is the last band-passed value.
            get { return _z1; }
        }

        /// <summary>Filters one raw sample and returns the band-passed value.</summary>
        public float Process(float raw)
        {
            _one[0] = raw;
            Process(_one, 1);
            return _one[0];
        }

        /// <summary>
        /// Filters the first <paramref name="count"/> raw samples of <paramref name="samples"/> in place, with the
        /// results of as many <see cref="Process(float)"/> calls.
        /// </summary>
        public void Process(float[] samples, int count)
        {
            if (count <= 0)
            {
                return;
            }

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
            float level = _level;
            float x1 = _x1;
            float x2 = _x2;
            float y1 = _y1;
            float y2 = _y2;
            float z1 = _z1;
            float z2 = _z2;
            if (!_started)
            {
                // DcTracker: the first sample is its own level (the tracker returns it, so the band-pass sees 0).
                level = samples[0];
                _started = true;
            }

            // Centred on the level before each sample (so a single spike cannot cancel itself), then the level
            // follows; then the high-pass section's y and the low-pass section's z from y, y1, y2. An odd sample first,
            // with its history moved along as in Biquad.
            int k = 0;
            if ((count & 1) != 0)
            {
                float x = samples[0] - level;
                level = level + alpha * x;
                float y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
                float z = c0 * y + c1 * y1 + c2 * y2 - d1 * z1 - d2 * z2;
                x2 = x1;
                x1 = x;
                y2 = y1;
                y1 = y;
                z2 = z1;
                z1 = z;
                samples[0] = z;
                k = 1;
            }

            // Then two at a time, without moving the history (as PulseFilterPair): the first overwrites the oldest
            // values (x2, y2, z2), which then hold the newest, and the second overwrites x1, y1, z1.
            for (; k < count; k += 2)
            {
                float x = samples[k] - level;
                level = level + alpha * x;
                float y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
                z2 = c0 * y + c1 * y1 + c2 * y2 - d1 * z1 - d2 * z2;
                x2 = x;
                y2 = y;
                samples[k] = z2;
                x = samples[k + 1] - level;
                level = level + alpha * x;
                y = b0 * x + b1 * x2 + b2 * x1 - a1 * y2 - a2 * y1;
                z1 = c0 * y + c1 * y2 + c2 * y1 - d1 * z2 - d2 * z1;
                x1 = x;
                y1 = y;
                samples[k + 1] = z1;
            }

            _level = level;
            _x1 = x1;
            _x2 = x2;
            _y1 = y1;
            _y2 = y2;
            _z1 = z1;
            _z2 = z2;
        }

        /// <summary>
        /// Filters the <paramref name="count"/> raw samples from <paramref name="start"/> of <paramref name="raw"/>
        /// (the PPG driver's counts) into <paramref name="ac"/> from index 0, with the results of as many
        /// <see cref="Process(float)"/> calls. The same arithmetic as <see cref="Process(float[], int)"/>, reading ints
        /// so that the PPG path needs no conversion pass.
        /// </summary>
        public void Process(int[] raw, int start, int count, float[] ac)
        {
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
            float level = _level;
            float x1 = _x1;
            float x2 = _x2;
            float y1 = _y1;
            float y2 = _y2;
            float z1 = _z1;
            float z2 = _z2;
            if (!_started && count > 0)
            {
                level = raw[start];
                _started = true;
            }

            // The DC levels are replayed on demand rather than stored per sample: a beat needs them, not every sample.
            _blockRaw = raw;
            _blockStart = start;
            _blockLevel = level;

            // As in Process(float[], int): an odd sample first, then two per pass with the history's roles swapped.
            int k = 0;
            if ((count & 1) != 0)
            {
                float x = raw[start] - level;
                level = level + alpha * x;
                float y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
                float z = c0 * y + c1 * y1 + c2 * y2 - d1 * z1 - d2 * z2;
                x2 = x1;
                x1 = x;
                y2 = y1;
                y1 = y;
                z2 = z1;
                z1 = z;
                ac[0] = z;
                k = 1;
            }

            for (; k < count; k += 2)
            {
                int j = start + k;
                float x = raw[j] - level;
                level = level + alpha * x;
                float y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
                z2 = c0 * y + c1 * y1 + c2 * y2 - d1 * z1 - d2 * z2;
                x2 = x;
                y2 = y;
                ac[k] = z2;
                x = raw[j + 1] - level;
                level = level + alpha * x;
                y = b0 * x + b1 * x2 + b2 * x1 - a1 * y2 - a2 * y1;
                z1 = c0 * y + c1 * y2 + c2 * y1 - d1 * z2 - d2 * z1;
                x1 = x;
                y1 = y;
                ac[k + 1] = z1;
            }

            _level = level;
            _x1 = x1;
            _x2 = x2;
            _y1 = y1;
            _y2 = y2;
            _z1 = z1;
            _z2 = z2;
        }

        /// <summary>
        /// The DC level after sample <paramref name="k"/> of the last <see cref="Process(int[], int, int, float[])"/>
        /// block (<see cref="Dc"/> there), while its array still holds that block.
        /// </summary>
        public float DcAfter(int k)
        {
            // A tracker started by this block has its first sample as the level before it (as Process sets it), which
            // the first step keeps exactly (x - x is 0), so no flag is needed.
            int[] raw = _blockRaw;
            int start = _blockStart;
            float level = _blockLevel;
            for (int j = 0; j <= k; j++)
            {
                level = level + _alpha * (raw[start + j] - level);
            }

            return level;
        }

        public void Reset()
        {
            _started = false;
            _level = 0;
            _x1 = 0;
            _x2 = 0;
            _y1 = 0;
            _y2 = 0;
            _z1 = 0;
            _z2 = 0;
        }
    }
}
