using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// One second-order IIR section (direct form I, float state). Coefficients are designed once, at construction,
    /// as second-order Butterworth sections by the bilinear transform with a pre-warped corner, so the magnitude
    /// response is exactly |H(f)|² = 1 / (1 + (tan(πf/fs) / tan(πfc/fs))^±4).
    /// </summary>
    public sealed class Biquad
    {
        private const double Sqrt2 = 1.4142135623730951;
        private readonly float _b0;
        private readonly float _b1;
        private readonly float _b2;
        private readonly float _a1;
        private readonly float _a2;
        private float _x1;
        private float _x2;
        private float _y1;
        private float _y2;

        private Biquad(double b0, double b1, double b2, double a0, double a1, double a2)
        {
            _b0 = (float)(b0 / a0);
            _b1 = (float)(b1 / a0);
            _b2 = (float)(b2 / a0);
            _a1 = (float)(a1 / a0);
            _a2 = (float)(a2 / a0);
        }

        /// <summary>Second-order Butterworth low-pass with its -3 dB corner at <paramref name="cornerHz"/>.</summary>
        public static Biquad ButterworthLowPass(float sampleRateHz, float cornerHz)
        {
            double k = PrewarpedCorner(sampleRateHz, cornerHz);
            double k2 = k * k;
            return new Biquad(k2, 2 * k2, k2, 1 + Sqrt2 * k + k2, 2 * (k2 - 1), 1 - Sqrt2 * k + k2);
        }

        /// <summary>Second-order Butterworth high-pass with its -3 dB corner at <paramref name="cornerHz"/>.</summary>
        public static Biquad ButterworthHighPass(float sampleRateHz, float cornerHz)
        {
            double k = PrewarpedCorner(sampleRateHz, cornerHz);
            double k2 = k * k;
            return new Biquad(1, -2, 1, 1 + Sqrt2 * k + k2, 2 * (k2 - 1), 1 - Sqrt2 * k + k2);
        }

        /// <summary>Filters one sample.</summary>
        public float Process(float x)
        {
            float y = _b0 * x + _b1 * _x1 + _b2 * _x2 - _a1 * _y1 - _a2 * _y2;
            _x2 = _x1;
            _x1 = x;
            _y2 = _y1;
            _y1 = y;
            return y;
        }

        /// <summary>Forgets the past (as if every earlier input had been zero).</summary>
        public void Reset()
        {
            _x1 = 0;
            _x2 = 0;
            _y1 = 0;
            _y2 = 0;
        }

        // Construction-time design only (double is fine here: it runs once, never per sample).
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
