using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Power spectrum of a real sequence of <see cref="Size"/> samples (a power of two) through one
    /// <see cref="ComplexFft"/> of half that size (even samples as real, odd as imaginary part, then split by
    /// symmetry), with the split's twiddle factors computed once at construction: no trigonometry and no allocation
    /// per call.
    /// </summary>
    public sealed class RealSpectrum
    {
        private readonly int _size;
        private readonly int _half;
        private readonly ComplexFft _fft;
        private readonly float[] _cos;
        private readonly float[] _sin;

        /// <param name="size">Samples per transform: a power of two, at least 8.</param>
        public RealSpectrum(int size)
        {
            if (size < 8 || (size & (size - 1)) != 0)
            {
                throw new ArgumentOutOfRangeException("size", "must be a power of two, at least 8");
            }

            _size = size;
            _half = size / 2;
            _fft = new ComplexFft(_half);
            Input = new float[size];
            _cos = new float[_half];
            _sin = new float[_half];
            for (int k = 0; k < _half; k++)
            {
                double angle = 2 * Math.PI * k / size;
                _cos[k] = (float)Math.Cos(angle);
                _sin[k] = (float)Math.Cos(angle + Math.PI / 2); // −sin(angle)
            }
        }

        /// <summary>Samples per transform.</summary>
        public int Size
        {
            get { return _size; }
        }

        /// <summary>The sequence to transform; the caller fills it (zeros beyond the data pad it).</summary>
        public float[] Input { get; private set; }

        /// <summary>
        /// Writes |X[k]|² for k = <paramref name="firstBin"/> .. <paramref name="lastBin"/> (at most Size / 2) into
        /// <paramref name="power"/>[k − firstBin]. Bin k is k · sampleRate / Size Hz.
        /// </summary>
        public void Compute(float[] power, int firstBin, int lastBin)
        {
            float[] x = Input;
            float[] zr = _fft.InputReal;
            float[] zi = _fft.InputImaginary;
            for (int i = 0; i < _half; i++)
            {
                zr[i] = x[2 * i];
                zi[i] = x[2 * i + 1];
            }

            _fft.Transform();
            float[] re = _fft.Real;
            float[] im = _fft.Imaginary;
            float[] cos = _cos;
            float[] sin = _sin;
            int half = _half;
            for (int k = firstBin; k <= lastBin; k++)
            {
                // Split: X[k] = (Z[k] + Z*[M−k]) / 2 − i·e^(−2πik/N)·(Z[k] − Z*[M−k]) / 2, Z[M] = Z[0].
                int a = k == half ? 0 : k;
                int c = k == 0 ? 0 : half - k;
                float ar = re[a];
                float ai = im[a];
                float cr = re[c];
                float ci = -im[c];
                float er = ar + cr;
                float ei = ai + ci;
                float or = ar - cr;
                float oi = ai - ci;
                float wr = k < half ? cos[k] : -1f;
                float wi = k < half ? sin[k] : 0f;
                // −i·w·o, all halved once at the end: |X|² = |2X|² / 4.
                float pr = wr * or - wi * oi;
                float pi = wr * oi + wi * or;
                float xr = er + pi;
                float xi = ei - pr;
                power[k - firstBin] = 0.25f * (xr * xr + xi * xi);
            }
        }
    }
}
