using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Radix-2 complex FFT of <see cref="Size"/> points (a power of two) on float arrays. The bit-reversed load order
    /// and the twiddle factors are tables built at construction; the first two stages (twiddles 1 and −i) have no
    /// multiplications and run fused with the load (with the third too when the number of stages is odd), the others
    /// two at a time over groups of 4 points (radix-2², the radix-2 butterflies unchanged, so their results too;
    /// nanoCLR pays per array access): no trigonometry, no
    /// allocation per call.
    /// </summary>
    public sealed class ComplexFft
    {
        private readonly int _size;
        private readonly float[] _cos;
        private readonly float[] _sin;
        private readonly int[] _reversed;
        private readonly bool _oddStages;

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

            _oddStages = (bits & 1) != 0;

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
            float[] cos = _cos;
            float[] sin = _sin;
            int span;
            if (_oddStages)
            {
                // Load in bit-reversed order fused with the first three stages (twiddles 1; 1 and −i; then those of
                // the span-4 stage, e^(−2πim/8) for m < 4, from the table as that stage would take them).
                span = 8;
                int eighth = n / 8;
                float w1r = cos[eighth];
                float w1i = sin[eighth];
                float w2r = cos[2 * eighth];
                float w2i = sin[2 * eighth];
                float w3r = cos[3 * eighth];
                float w3i = sin[3 * eighth];
                float w0r = cos[0];
                float w0i = sin[0];
                for (int i = 0; i < n; i += 8)
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
                    float q0r = p0r + p2r;
                    float q0i = p0i + p2i;
                    float q2r = p0r - p2r;
                    float q2i = p0i - p2i;
                    float dr = p3i; // −i·d = (d.im, −d.re)
                    float di = -p3r;
                    float q1r = p1r + dr;
                    float q1i = p1i + di;
                    float q3r = p1r - dr;
                    float q3i = p1i - di;
                    a = reversed[i + 4];
                    b = reversed[i + 5];
                    ar = xr[a];
                    ai = xi[a];
                    br = xr[b];
                    bi = xi[b];
                    p0r = ar + br;
                    p0i = ai + bi;
                    p1r = ar - br;
                    p1i = ai - bi;
                    a = reversed[i + 6];
                    b = reversed[i + 7];
                    ar = xr[a];
                    ai = xi[a];
                    br = xr[b];
                    bi = xi[b];
                    p2r = ar + br;
                    p2i = ai + bi;
                    p3r = ar - br;
                    p3i = ai - bi;
                    float q4r = p0r + p2r;
                    float q4i = p0i + p2i;
                    float q6r = p0r - p2r;
                    float q6i = p0i - p2i;
                    dr = p3i;
                    di = -p3r;
                    float q5r = p1r + dr;
                    float q5i = p1i + di;
                    float q7r = p1r - dr;
                    float q7i = p1i - di;
                    float tr = w0r * q4r - w0i * q4i;
                    float ti = w0r * q4i + w0i * q4r;
                    re[i + 4] = q0r - tr;
                    im[i + 4] = q0i - ti;
                    re[i] = q0r + tr;
                    im[i] = q0i + ti;
                    tr = w1r * q5r - w1i * q5i;
                    ti = w1r * q5i + w1i * q5r;
                    re[i + 5] = q1r - tr;
                    im[i + 5] = q1i - ti;
                    re[i + 1] = q1r + tr;
                    im[i + 1] = q1i + ti;
                    tr = w2r * q6r - w2i * q6i;
                    ti = w2r * q6i + w2i * q6r;
                    re[i + 6] = q2r - tr;
                    im[i + 6] = q2i - ti;
                    re[i + 2] = q2r + tr;
                    im[i + 2] = q2i + ti;
                    tr = w3r * q7r - w3i * q7i;
                    ti = w3r * q7i + w3i * q7r;
                    re[i + 7] = q3r - tr;
                    im[i + 7] = q3i - ti;
                    re[i + 3] = q3r + tr;
                    im[i + 3] = q3i + ti;
                }
            }
            else
            {
                // Load in bit-reversed order fused with the first two stages (twiddles 1, then 1 and −i).
                span = 4;
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
            }

            // Then two stages per pass (spans S and 2S over the 4 points i, i + S, i + 2S, i + 3S; with an odd number of
            // stages the load took three, so the rest pair up): the same butterflies with the same twiddles as stage by
            // stage, so the same results, with half the array loads and stores.
            int quarter = n / 4;
            for (; span < n; span <<= 2)
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
        }
    }
}
