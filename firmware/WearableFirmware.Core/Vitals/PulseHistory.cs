using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// The last few seconds of the band-passed pulse in a ring, for checking a beat interval against the waveform
    /// itself: a true period makes the pulse resemble itself one interval earlier, while a detector that splits
    /// beats (dicrotic notch, motion) reports an interval at which it does not. Computed on demand, at most once per
    /// beat; every sample is added, so adding is kept to a store and an index step, or a block copy. The pulse's sign
    /// does not matter: negated spans give the same correlation bit for bit (each sum and product is negated or
    /// unchanged, exactly), so the band-passed IR goes in as it is.
    /// </summary>
    public sealed class PulseHistory
    {
        private readonly float[] _samples;
        private int _next;
        private bool _full;

        /// <param name="capacity">Samples kept; a correlation needs lag + length of them.</param>
        public PulseHistory(int capacity)
        {
            if (capacity < 2)
            {
                throw new ArgumentOutOfRangeException("capacity", "a pulse history needs room for at least 2 samples");
            }

            _samples = new float[capacity];
        }

        /// <summary>Samples held (at most the capacity).</summary>
        public int Count
        {
            get { return _full ? _samples.Length : _next; }
        }

        public void Add(float pulse)
        {
            int next = _next;
            _samples[next] = pulse;
            next++;
            if (next == _samples.Length)
            {
                next = 0;
                _full = true;
            }

            _next = next;
        }

        /// <summary>
        /// Adds samples <paramref name="from"/> to <paramref name="to"/> − 1 of the array, in order, as as many
        /// <see cref="Add(float)"/> calls would, in block copies (native on nanoCLR, where a call per sample costs more).
        /// </summary>
        public void Add(float[] pulse, int from, int to)
        {
            float[] samples = _samples;
            int next = _next;
            while (from < to)
            {
                int run = samples.Length - next;
                if (run > to - from)
                {
                    run = to - from;
                }

                Array.Copy(pulse, from, samples, next, run);
                from += run;
                next += run;
                if (next == samples.Length)
                {
                    next = 0;
                    _full = true;
                }
            }

            _next = next;
        }

        /// <summary>
        /// Pearson correlation between the newest <paramref name="length"/> samples and the same span
        /// <paramref name="lag"/> samples earlier; NaN when fewer than lag + length samples are held or a span is flat.
        /// </summary>
        public float Correlation(int lag, int length)
        {
            if (lag < 1 || length < 2 || lag + length > Count)
            {
                return float.NaN;
            }

            float[] s = _samples;
            int n = s.Length;
            int a = _next - length;
            if (a < 0)
            {
                a += n;
            }

            int b = a - lag;
            if (b < 0)
            {
                b += n;
            }

            float sumA = 0, sumB = 0, sumAa = 0, sumBb = 0, sumAb = 0;
            for (int i = 0; i < length; i++)
            {
                float x = s[a];
                float y = s[b];
                sumA += x;
                sumB += y;
                sumAa += x * x;
                sumBb += y * y;
                sumAb += x * y;
                a = a + 1 == n ? 0 : a + 1;
                b = b + 1 == n ? 0 : b + 1;
            }

            float varA = sumAa - sumA * sumA / length;
            float varB = sumBb - sumB * sumB / length;
            // Both variances positive, and their product too (it can underflow to 0): a division by zero throws on
            // nanoCLR where .NET would give infinity.
            float product = varA * varB;
            if (!(varA > 0) || !(varB > 0) || !(product > 0))
            {
                return float.NaN;
            }

            return (sumAb - sumA * sumB / length) / (float)Math.Sqrt(product);
        }

        public void Clear()
        {
            _next = 0;
            _full = false;
        }
    }
}
