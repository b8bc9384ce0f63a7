using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Radix-2 complex FFT of <see cref="Size"/> points (a power of two) on float arrays. The bit-reversed load order
    /// and the twiddle factors are tables built at construction; the first two stages (twiddles 1 and −i) have no
    /// multiplications and run fused with the load, the others two at a time over groups of 4 points (radix-2², the
    /// radix-2 butterflies unchanged, so their results too; nanoCLR pays per array access): no trigonometry, no
    /// allocation per call.
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
            // Load in bit-reversed order fused with the first two stages (twiddles 1, then 1 and −i).
            for (int i = 0; i < n; i += 4)
            {
                int a = reversed[i];
                int b = reversed[i + 1];
                float ar = xr[a];
                float ai = xi[a];
                float br = xr[b];
                float bi = xi[b];
                float p0r = ar + br;
                float p0i = ai + bi;
                float p1r = ar - br;
                float p1i = ai - bi;
                a = reversed[i + 2];
                b = reversed[i + 3];
                ar = xr[a];
                ai = xi[a];
                br = xr[b];
                bi = xi[b];
                float p2r = ar + br;
                float p2i = ai + bi;
                float p3r = ar - br;
                float p3i = ai - bi;
                re[i] = p0r + p2r;
                im[i] = p0i + p2i;
                re[i + 2] = p0r - p2r;
                im[i + 2] = p0i - p2i;
                float dr = p3i; // −i·d = (d.im, −d.re)
                float di = -p3r;
                re[i + 1] = p1r + dr;
                im[i + 1] = p1i + di;
                re[i + 3] = p1r - dr;
                im[i + 3] = p1i - di;
            }

            // Then two stages per pass (spans S and 2S over the 4 points i, i + S, i + 2S, i + 3S): the same butterflies
            // with the same twiddles as stage by stage, so the same results, with half the array loads and stores.
            float[] cos = _cos;
            float[] sin = _sin;
            int quarter = n / 4;
            int span = 4;
            for (; 4 * span <= n; span <<= 2)
            {
                int step = 4 * span;
                int stride = n / (2 * span);
                int stride2 = n / step;
                for (int m = 0; m < span; m++)
                {
                    // Stage S's twiddle for both of its butterflies; stage 2S's for m and for m + S (a quarter turn on).
                    int t = m * stride;
                    float w1r = cos[t];
                    float w1i = sin[t];
                    t = m * stride2;
                    float w2r = cos[t];
                    float w2i = sin[t];
                    t += quarter;
                    float w3r = cos[t];
                    float w3i = sin[t];
                    for (int i = m; i < n; i += step)
                    {
                        int i1 = i + span;
                        int i2 = i1 + span;
                        int i3 = i2 + span;
                        float yr = re[i1];
                        float yi = im[i1];
                        float tr = w1r * yr - w1i * yi;
                        float ti = w1r * yi + w1i * yr;
                        float ur = re[i];
                        float ui = im[i];
                        float p1r = ur - tr;
                        float p1i = ui - ti;
                        float p0r = ur + tr;
                        float p0i = ui + ti;
                        yr = re[i3];
                        yi = im[i3];
                        tr = w1r * yr - w1i * yi;
                        ti = w1r * yi + w1i * yr;
                        ur = re[i2];
                        ui = im[i2];
                        float p3r = ur - tr;
                        float p3i = ui - ti;
                        float p2r = ur + tr;
                        float p2i = ui + ti;
                        tr = w2r * p2r - w2i * p2i;
                        ti = w2r * p2i + w2i * p2r;
                        re[i2] = p0r - tr;
                        im[i2] = p0i - ti;
                        re[i] = p0r + tr;
                        im[i] = p0i + ti;
                        tr = w3r * p3r - w3i * p3i;
                        ti = w3r * p3i + w3i * p3r;
                        re[i3] = p1r - tr;
                        im[i3] = p1i - ti;
                        re[i1] = p1r + tr;
                        im[i1] = p1i + ti;
                    }
                }
            }

            if (span < n)
            {
                // One stage left (log2 of the size odd).
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
