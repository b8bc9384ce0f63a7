using System;

namespace WearableFirmware.Falls
{
    /// <summary>
    /// The last few seconds of accelerometer samples (x, y, z in g), a fixed ring addressed by absolute sample index,
    /// and the window statistics the wrist fall features are made of. Every statistic works on a half-open window
    /// [from, to) of sample indices, clipped to what the ring still holds; all of them are orientation-independent
    /// (magnitudes, spreads and angles, never a single axis). Magnitudes are capped at a given level so a sensor
    /// clipping at or above that level per axis gives the same values as one that does not. Each sample's magnitude
    /// is computed once, when it is added, and kept beside it. No allocation.
    /// </summary>
    public sealed class MotionHistory
    {
        private readonly float[] _x;
        private readonly float[] _y;
        private readonly float[] _z;
        private readonly float[] _magnitude;
        private long _count;

        public MotionHistory(int capacity)
        {
            if (capacity < 2)
            {
                throw new ArgumentOutOfRangeException("capacity", "must hold at least 2 samples");
            }

            _x = new float[capacity];
            _y = new float[capacity];
            _z = new float[capacity];
            _magnitude = new float[capacity];
        }

        public int Capacity
        {
            get { return _x.Length; }
        }

        /// <summary>Samples added since construction or <see cref="Clear"/>; the newest has index Count - 1.</summary>
        public long Count
        {
            get { return _count; }
        }

        /// <summary>Index of the oldest sample still held.</summary>
        public long Oldest
        {
            get { return _count > _x.Length ? _count - _x.Length : 0; }
        }

        /// <summary>Stores a sample; returns its magnitude (g).</summary>
        public float Add(float x, float y, float z)
        {
            int slot = (int)(_count % _x.Length);
            float magnitude = Vector3Math.Magnitude(x, y, z);
            _x[slot] = x;
            _y[slot] = y;
            _z[slot] = z;
            _magnitude[slot] = magnitude;
            _count++;
            return magnitude;
        }

        public void Clear()
        {
            _count = 0;
        }

        /// <summary>Magnitude (g) of a held sample.</summary>
        public float MagnitudeAt(long sample)
        {
            return _magnitude[(int)(sample % _x.Length)];
        }

        /// <summary>Mean vector over the window; false (and zeros) when the window holds no sample.</summary>
        public bool Mean(long from, long to, out float x, out float y, out float z)
        {
            x = 0f;
            y = 0f;
            z = 0f;
            if (!Clip(ref from, ref to))
            {
                return false;
            }

            for (long i = from; i < to; i++)
            {
                int slot = (int)(i % _x.Length);
                x += _x[slot];
                y += _y[slot];
                z += _z[slot];
            }

            float n = to - from;
            x /= n;
            y /= n;
            z /= n;
            return true;
        }

        /// <summary>Mean of |min(|a|, cap) - 1 g| over the window (0 when empty): how much the wrist moved.</summary>
        public float MeanDeviation(long from, long to, float capG)
        {
            if (!Clip(ref from, ref to))
            {
                return 0f;
            }

            float sum = 0f;
            for (long i = from; i < to; i++)
            {
                sum += Math.Abs(Math.Min(MagnitudeAt(i), capG) - 1f);
            }

            return sum / (to - from);
        }

        /// <summary>Samples in the window whose capped magnitude lies more than <paramref name="levelG"/> from 1 g.</summary>
        public int SamplesDeviating(long from, long to, float levelG, float capG)
        {
            if (!Clip(ref from, ref to))
            {
                return 0;
            }

            int count = 0;
            for (long i = from; i < to; i++)
            {
                if (Math.Abs(Math.Min(MagnitudeAt(i), capG) - 1f) > levelG)
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>
        /// Spread of the vector over the window: the root of the summed per-axis variances (g), which does not depend
        /// on how the sensor is turned. Catches the arm turning at 1 g, which the magnitude does not show.
        /// </summary>
        public float Spread(long from, long to)
        {
            float mx, my, mz;
            if (!Mean(from, to, out mx, out my, out mz))
            {
                return 0f;
            }

            Clip(ref from, ref to);
            float sum = 0f;
            for (long i = from; i < to; i++)
            {
                int slot = (int)(i % _x.Length);
                float dx = _x[slot] - mx;
                float dy = _y[slot] - my;
                float dz = _z[slot] - mz;
                sum += dx * dx + dy * dy + dz * dz;
            }

            return (float)Math.Sqrt(sum / (to - from));
        }

        /// <summary>Samples in the window where the capped magnitude rises to <paramref name="levelG"/> from below.</summary>
        public int Crossings(long from, long to, float levelG, float capG)
        {
            if (from < Oldest + 1)
            {
                from = Oldest + 1; // each crossing needs the sample before it
            }

            if (!Clip(ref from, ref to))
            {
                return 0;
            }

            int crossings = 0;
            bool below = Math.Min(MagnitudeAt(from - 1), capG) < levelG;
            for (long i = from; i < to; i++)
            {
                bool nowBelow = Math.Min(MagnitudeAt(i), capG) < levelG;
                if (below && !nowBelow)
                {
                    crossings++;
                }

                below = nowBelow;
            }

            return crossings;
        }

        /// <summary>Local maxima of the capped magnitude above <paramref name="levelG"/> inside the window (its ends excluded).</summary>
        public int LocalPeaks(long from, long to, float levelG, float capG)
        {
            if (!Clip(ref from, ref to) || to - from < 3)
            {
                return 0;
            }

            int peaks = 0;
            float before = Math.Min(MagnitudeAt(from), capG);
            float current = Math.Min(MagnitudeAt(from + 1), capG);
            for (long i = from + 2; i < to; i++)
            {
                float after = Math.Min(MagnitudeAt(i), capG);
                if (current > levelG && current > before && current >= after)
                {
                    peaks++;
                }

                before = current;
                current = after;
            }

            return peaks;
        }

        /// <summary>Sum over the window of how far the magnitude fell below 1 g (g × samples): support lost.</summary>
        public float SupportDeficit(long from, long to)
        {
            if (!Clip(ref from, ref to))
            {
                return 0f;
            }

            float sum = 0f;
            for (long i = from; i < to; i++)
            {
                float m = MagnitudeAt(i);
                if (m < 1f)
                {
                    sum += 1f - m;
                }
            }

            return sum;
        }

        // Narrows [from, to) to the held samples; false when nothing is left.
        private bool Clip(ref long from, ref long to)
        {
            long oldest = Oldest;
            if (from < oldest)
            {
                from = oldest;
            }

            if (to > _count)
            {
                to = _count;
            }

            return to > from;
        }
    }
}
