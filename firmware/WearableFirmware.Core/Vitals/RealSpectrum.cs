using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Power spectrum of a real sequence of <see cref="Size"/> samples (a power of two) through one radix-2 complex FFT
    /// of half that size (even samples as real, odd as imaginary part, then split), with the twiddle factors and
    /// bit-reversal order computed once at construction: no trigonometry and no allocation per call.
    /// </summary>
    public sealed class RealSpectrum
    {
        private readonly int _size;
        private readonly int _half;
        private readonly float[] _re;
        private readonly float[] _im;
        private readonly float[] _cos;
        private readonly float[] _sin;
        private readonly int[] _reversed;

        /// <param name="size">Samples per transform: a power of two, at least 4.</param>
        public RealSpectrum(int size)
        {
            if (size < 4 || (size & (size - 1)) != 0)
            {
                throw new ArgumentOutOfRangeException("size", "must be a power of two, at least 4");
            }

            _size = size;
            _half = size / 2;
            Input = new float[size];
            _re = new float[_half];
            _im = new float[_half];
            // e^(-2πik/size) for k < size/2 serves both the half-size FFT (every second entry) and the split.
            _cos = new float[_half];
            _sin = new float[_half];
            for (int k = 0; k < _half; k++)
            {
                double angle = 2 * Math.PI * k / size;
                _cos[k] = (float)Math.Cos(angle);
                _sin[k] = (float)Math.Cos(angle + Math.PI / 2); // −sin(angle)
            }

            _reversed = new int[_half];
            int bits = 0;
            while ((1 << bits) < _half)
            {
                bits++;
            }

            for (int i = 0; i < _half; i++)
            {
                int r = 0;
                for (int b = 0; b < bits; b++)
                {
                    r |= ((i >> b) & 1) << (bits - 1 - b);
                }

                _reversed[i] = r;
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
            for (int i = 0; i < _half; i++)
            {
                int r = _reversed[i];
                _re[r] = x[2 * i];
                _im[r] = x[2 * i + 1];
            }

            for (int span = 1; span < _half; span <<= 1)
            {
                int stride = _half / span;
                for (int start = 0; start < _half; start += 2 * span)
                {
                    for (int m = 0; m < span; m++)
                    {
                        int i = start + m;
                        int j = i + span;
                        // Twiddle of the half-size FFT: e^(-2πi·m/(2·span)) = entry m·stride·2 of the full-size table.
                        float wr = _cos[m * stride];
                        float wi = _sin[m * stride];
                        float tr = wr * _re[j] - wi * _im[j];
                        float ti = wr * _im[j] + wi * _re[j];
                        _re[j] = _re[i] - tr;
                        _im[j] = _im[i] - ti;
                        _re[i] += tr;
                        _im[i] += ti;
                    }
                }
            }

            for (int k = firstBin; k <= lastBin; k++)
            {
                // Split: X[k] = (Z[k] + Z*[M−k]) / 2 − i·e^(-2πik/N)·(Z[k] − Z*[M−k]) / 2, Z[M] = Z[0].
                int a = k % _half;
                int b = (_half - k) % _half;
                float zr = _re[a];
                float zi = _im[a];
                float cr = _re[b];
                float ci = -_im[b];
                float er = 0.5f * (zr + cr);
                float ei = 0.5f * (zi + ci);
                float or = 0.5f * (zr - cr);
                float oi = 0.5f * (zi - ci);
                float wr = k < _half ? _cos[k] : -1f;
                float wi = k < _half ? _sin[k] : 0f;
                // −i·w·o
                float pr = wr * or - wi * oi;
                float pi = wr * oi + wi * or;
                float xr = er + pi;
                float xi = ei - pr;
                power[k - firstBin] = xr * xr + xi * xi;
            }
        }
    }
}
