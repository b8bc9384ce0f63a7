namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Median and median-gated mean of a few values (a beat ring), without allocating: the caller lends a scratch
    /// array at least as long as the values. Insertion sort, since the rings hold about ten values.
    /// </summary>
    public static class RobustAverage
    {
        /// <summary>Median of values[0..count); 0 when count is 0.</summary>
        public static float Median(float[] values, int count, float[] scratch)
        {
            if (count <= 0)
            {
                return 0;
            }

            for (int i = 0; i < count; i++)
            {
                float v = values[i];
                int j = i - 1;
                while (j >= 0 && scratch[j] > v)
                {
                    scratch[j + 1] = scratch[j];
                    j--;
                }

                scratch[j + 1] = v;
            }

            int half = count / 2;
            return (count & 1) == 1 ? scratch[half] : 0.5f * (scratch[half - 1] + scratch[half]);
        }

        /// <summary>
        /// Mean of the values within ± tolerance × median of the median (outliers such as a missed or an extra beat
        /// are left out); <paramref name="accepted"/> tells how many took part. 0 when count is 0.
        /// </summary>
        public static float MedianGatedMean(float[] values, int count, float tolerance, float[] scratch, out int accepted)
        {
            accepted = 0;
            if (count <= 0)
            {
                return 0;
            }

            float median = Median(values, count, scratch);
            float limit = tolerance * (median < 0 ? -median : median);
            float sum = 0;
            for (int i = 0; i < count; i++)
            {
                float d = values[i] - median;
                if (d <= limit && d >= -limit)
                {
                    sum += values[i];
                    accepted++;
                }
            }

            return accepted > 0 ? sum / accepted : median;
        }
    }
}
