using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// A second-order IIR section (direct form I, float state), or two of them in cascade (a band-pass: high-pass
    /// section, then low-pass section). Coefficients are designed once, at construction, as second-order Butterworth
    /// sections by the bilinear transform with a pre-warped corner, so each section's magnitude response is exactly
    /// |H(f)|² = 1 / (1 + (tan(πf/fs) / tan(πfc/fs))^±4).
    /// <para>
    /// The cascade runs both sections in one call with the same arithmetic, in the same order, as two separate
    /// sections (its results are bit for bit theirs): nanoCLR interprets every call and field access. A section's
    /// input history is the previous section's output history, so the second section keeps only its outputs. The
    /// PPG channels and the step detector run this arithmetic over blocks (<see cref="PulseFilter"/>, one per PPG
    /// channel in <see cref="PulseFilterPair"/>), with this class's coefficients.
    /// </para>
    /// </summary>
    public sealed class Biquad
    {
        private const double Sqrt2 = 1.4142135623730951;
        private readonly float _b0;
        private readonly float _b1;
        private readonly float _b2;
        private readonly float _a1;
        private readonly float _a2;
        private readonly bool _cascade;
        private readonly float _c0;
        private readonly float _c1;
        private readonly float _c2;
        private readonly float _d1;
        private readonly float _d2;
        private float _x1;
        private float _x2;
        private float _y1;
        private float _y2;
        private float _z1;
        private float _z2;

        private Biquad(double[] first, double[] second)
        {
            _b0 = (float)(first[0] / first[3]);
            _b1 = (float)(first[1] / first[3]);
            _b2 = (float)(first[2] / first[3]);
            _a1 = (float)(first[4] / first[3]);
            _a2 = (float)(first[5] / first[3]);
            if (second != null)
            {
                _cascade = true;
                _c0 = (float)(second[0] / second[3]);
                _c1 = (float)(second[1] / second[3]);
                _c2 = (float)(second[2] / second[3]);
                _d1 = (float)(second[4] / second[3]);
                _d2 = (float)(second[5] / second[3]);
            }
        }

        /// <summary>Second-order Butterworth low-pass with its -3 dB corner at <paramref name="cornerHz"/>.</summary>
        public static Biquad ButterworthLowPass(float sampleRateHz, float cornerHz)
        {
            return new Biquad(LowPassSection(sampleRateHz, cornerHz), null);
        }

        /// <summary>Second-order Butterworth high-pass with its -3 dB corner at <paramref name="cornerHz"/>.</summary>
        public static Biquad ButterworthHighPass(float sampleRateHz, float cornerHz)
        {
            return new Biquad(HighPassSection(sampleRateHz, cornerHz), null);
        }

        /// <summary>
        /// The high-pass at <paramref name="lowCornerHz"/> followed by the low-pass at <paramref name="highCornerHz"/>
        /// (4th-order band-pass), computed as those two sections would compute it one after the other.
        /// </summary>
        public static Biquad ButterworthBandPass(float sampleRateHz, float lowCornerHz, float highCornerHz)
        {
            return new Biquad(HighPassSection(sampleRateHz, lowCornerHz), LowPassSection(sampleRateHz, highCornerHz));
        }

        /// <summary>Filters one sample.</summary>
        public float Process(float x)
        {
            float y1 = _y1;
            float y2 = _y2;
            float y = _b0 * x + _b1 * _x1 + _b2 * _x2 - _a1 * y1 - _a2 * y2;
            _x2 = _x1;
            _x1 = x;
            _y2 = y1;
            _y1 = y;
            if (!_cascade)
            {
                return y;
            }

            // Second section: its inputs are the first section's outputs (y, y1, y2).
            float z = _c0 * y + _c1 * y1 + _c2 * y2 - _d1 * _z1 - _d2 * _z2;
            _z2 = _z1;
            _z1 = z;
            return z;
        }

        /// <summary>
        /// Writes the normalised coefficients (b0, b1, b2, a1, a2, then the second section's) into <paramref name="into"/>:
        /// for <see cref="PulseFilter"/>, which runs this design's arithmetic over blocks.
        /// </summary>
        internal void CopyCoefficients(float[] into)
        {
            into[0] = _b0;
            into[1] = _b1;
            into[2] = _b2;
            into[3] = _a1;
            into[4] = _a2;
            into[5] = _c0;
            into[6] = _c1;
            into[7] = _c2;
            into[8] = _d1;
            into[9] = _d2;
        }

        /// <summary>Forgets the past (as if every earlier input had been zero).</summary>
        public void Reset()
        {
            _x1 = 0;
            _x2 = 0;
            _y1 = 0;
            _y2 = 0;
            _z1 = 0;
            _z2 = 0;
        }

        // Construction-time design only (double is fine here: it runs once, never per sample). Returns b0, b1, b2, a0, a1, a2.
        private static double[] LowPassSection(float sampleRateHz, float cornerHz)
        {
            double k = PrewarpedCorner(sampleRateHz, cornerHz);
            double k2 = k * k;
            return new double[] { k2, 2 * k2, k2, 1 + Sqrt2 * k + k2, 2 * (k2 - 1), 1 - Sqrt2 * k + k2 };
        }

        private static double[] HighPassSection(float sampleRateHz, float cornerHz)
        {
            double k = PrewarpedCorner(sampleRateHz, cornerHz);
            double k2 = k * k;
            return new double[] { 1, -2, 1, 1 + Sqrt2 * k + k2, 2 * (k2 - 1), 1 - Sqrt2 * k + k2 };
        }

        private static double PrewarpedCorner(float sampleRateHz, float cornerHz)
        {
            if (!(sampleRateHz > 0) || !(cornerHz > 0) || cornerHz >= sampleRateHz / 2)
            {
                throw new ArgumentOutOfRangeException("cornerHz", "the corner must lie between 0 and half the sample rate");
            }

            return Math.Tan(Math.PI * cornerHz / sampleRateHz);
        }
    }
}
