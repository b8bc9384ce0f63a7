using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Radix-2 complex FFT of <see cref="Size"/> points (a power of two) on float arrays. The bit-reversed load order
    /// and the twiddle factors are tables built at construction; the butterflies walk the twiddle table with a fixed
    /// stride per stage and the first two stages (twiddles 1 and −i) have no multiplications: no trigonometry, no
    /// index arithmetic beyond the loop counters, no allocation per call.
    /// </summary>
    public sealed class ComplexFft
    {
        private readonly int _size;
        private readonly float[] _cos;
        private readonly float[] _sin;
        private readonly int[] _reversed;

        /// <param name="size">Points per transform: a power of two, at least 4.</param>
        public ComplexFft(int size)
        {
            if (size < 4 || (size & (size - 1)) != 0)
            {
                throw new ArgumentOutOfRangeException("size", "must be a power of two, at least 4");
            }

            _size = size;
            Real = new float[size];
            Imaginary = new float[size];
            InputReal = new float[size];
            InputImaginary = new float[size];
            // e^(−2πik/size), k < size/2.
            _cos = new float[size / 2];
            _sin = new float[size / 2];
            for (int k = 0; k < size / 2; k++)
            {
                double angle = 2 * Math.PI * k / size;
                _cos[k] = (float)Math.Cos(angle);
                _sin[k] = (float)Math.Cos(angle + Math.PI / 2); // −sin(angle)
            }

            _reversed = new int[size];
            int bits = 0;
            while ((1 << bits) < size)
            {
                bits++;
            }

            for (int i = 0; i < size; i++)
            {
                int r = 0;
                for (int b = 0; b < bits; b++)
                {
                    r |= ((i >> b) & 1) << (bits - 1 - b);
                }

                _reversed[i] = r;
            }
        }

        public int Size
        {
            get { return _size; }
        }

        /// <summary>The sequence to transform, real part (natural order; the caller fills it, the transform leaves it).</summary>
        public float[] InputReal { get; private set; }

        /// <summary>The sequence to transform, imaginary part.</summary>
        public float[] InputImaginary { get; private set; }

        /// <summary>X[k], real part, after <see cref="Transform"/>.</summary>
        public float[] Real { get; private set; }

        /// <summary>X[k], imaginary part, after <see cref="Transform"/>.</summary>
        public float[] Imaginary { get; private set; }

        /// <summary>X[k] = Σ x[n]·e^(−2πikn/Size) of the input into <see cref="Real"/> and <see cref="Imaginary"/>.</summary>
        public void Transform()
        {
            int n = _size;
            float[] re = Real;
            float[] im = Imaginary;
            float[] xr = InputReal;
            float[] xi = InputImaginary;
            int[] reversed = _reversed;
            // Load in bit-reversed order fused with the first stage (twiddle 1).
            for (int i = 0; i < n; i += 2)
            {
                int a = reversed[i];
                int b = reversed[i + 1];
                float ar = xr[a];
                float ai = xi[a];
                float br = xr[b];
                float bi = xi[b];
                re[i] = ar + br;
                im[i] = ai + bi;
                re[i + 1] = ar - br;
                im[i + 1] = ai - bi;
            }

            // Second stage: twiddles 1 and −i.
            for (int i = 0; i < n; i += 4)
            {
                float ar = re[i];
                float ai = im[i];
                float br = re[i + 2];
                float bi = im[i + 2];
                re[i] = ar + br;
                im[i] = ai + bi;
                re[i + 2] = ar - br;
                im[i + 2] = ai - bi;
                float cr = re[i + 1];
                float ci = im[i + 1];
                float dr = im[i + 3]; // −i·d = (d.im, −d.re)
                float di = -re[i + 3];
                re[i + 1] = cr + dr;
                im[i + 1] = ci + di;
                re[i + 3] = cr - dr;
                im[i + 3] = ci - di;
            }

            float[] cos = _cos;
            float[] sin = _sin;
            for (int span = 4; span < n; span <<= 1)
            {
                int step = 2 * span;
                int stride = n / step;
                int t = 0;
                for (int m = 0; m < span; m++)
                {
                    float wr = cos[t];
                    float wi = sin[t];
                    t += stride;
                    for (int i = m; i < n; i += step)
                    {
                        int j = i + span;
                        float yr = re[j];
                        float yi = im[j];
                        float tr = wr * yr - wi * yi;
                        float ti = wr * yi + wi * yr;
                        float ur = re[i];
                        float ui = im[i];
                        re[j] = ur - tr;
                        im[j] = ui - ti;
                        re[i] = ur + tr;
                        im[i] = ui + ti;
                    }
                }
            }
        }
    }
}
