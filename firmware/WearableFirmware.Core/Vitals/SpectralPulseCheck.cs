namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Whether the peak the spectral track reports is a pulse. With no pulse under the sensor the track still follows
    /// the strongest leftover of the noise, a peak that hardly stands above the rest of the band; a pulse, even under
    /// running, stands well above it. Each update the chosen peak's enhanced power is compared with the band's median
    /// (counted, not sorted: one pass); a leaky count of weak updates withholds the rate once it is sustained and gives
    /// it back after several prominent ones. Chosen on all 12 SP Cup recordings (see Vitals/README.md). No allocation.
    /// </summary>
    public sealed class SpectralPulseCheck
    {
        /// <summary>
        /// A pulse's peak holds at least this many times the band's median power. SP Cup (shipped settings): 2.7 % of
        /// updates below it, never more than 3 in a row; no pulse (sensor noise left after the Wiener gain, by hand):
        /// mean 2.2, at most 6. 4 separated better but tripped on recording 10 under other settings of the
        /// leave-one-out grid (penalty 0.63: 1.58 -> 1.62 bpm).
        /// </summary>
        public const float MinimumProminence = 3f;

        /// <summary>Net weak updates (each prominent one takes one back) that withhold the rate: 8 = 16 s; the SP Cup reaches 3.</summary>
        public const int WithholdAfter = 8;

        /// <summary>The count falls back to this before the rate is shown again (4 prominent updates net, 8 s).</summary>
        public const int ShowAgainAt = 4;

        /// <summary>Largest count: a long stretch without a pulse needs no longer to recover than a short one.</summary>
        private const int MaximumCount = WithholdAfter + 2;

        private int _weakUpdates;

        public SpectralPulseCheck()
        {
            IsPulse = true;
        }

        /// <summary>False while the peaks have been weak for a sustained time (no pulse seen in the spectrum).</summary>
        public bool IsPulse { get; private set; }

        /// <summary>
        /// Judges the peak at <paramref name="peak"/> in <paramref name="power"/>, whose band is
        /// <paramref name="first"/>..<paramref name="last"/> (indices, inclusive).
        /// </summary>
        public void Judge(float[] power, int peak, int first, int last)
        {
            // The peak is prominent when more than half the band lies below its share: the median does.
            float level = power[peak] / MinimumProminence;
            int below = 0;
            for (int k = first; k <= last; k++)
            {
                if (power[k] <= level)
                {
                    below++;
                }
            }

            if (2 * below > last - first + 1)
            {
                if (_weakUpdates > 0)
                {
                    _weakUpdates--;
                }
            }
            else if (_weakUpdates < MaximumCount)
            {
                _weakUpdates++;
            }

            if (_weakUpdates >= WithholdAfter)
            {
                IsPulse = false;
            }
            else if (_weakUpdates <= ShowAgainAt)
            {
                IsPulse = true;
            }
        }

        /// <summary>New contact or a new track: a pulse is presumed, as at start-up.</summary>
        public void Reset()
        {
            _weakUpdates = 0;
            IsPulse = true;
        }
    }
}
