namespace WearableFirmware.Drivers.Adxl345
{
    /// <summary>
    /// Tells how many samples the chip produced between two FIFO_STATUS reads, also when the FIFO overflowed and
    /// the entries count no longer says it. The chip gives no overflow counter, so this tracks the sampling grid:
    /// bounds on the time of the newest produced sample, narrowed by every drain that did not overflow, and the
    /// sample period measured from the drains themselves (the chip's oscillator is not the host's). With the
    /// bounds narrower than a period, the count of samples produced in any gap is exact.
    /// </summary>
    internal sealed class SampleTimeline
    {
        private const int SamplesBeforePeriodAnchor = 64;
        private const int SamplesForPeriodEstimate = 512;

        private long _nominalPeriodNs;
        private long _periodNs;
        private bool _haveBounds;
        private long _newestLoNs;
        private long _newestHiNs;
        private long _previousReadNs;
        private long _produced;
        private bool _haveAnchor;
        private long _anchorNs;
        private long _anchorProduced;

        /// <summary>Current estimate of the chip's sample period.</summary>
        public long PeriodNanoseconds => _periodNs;

        /// <summary>Samples the chip produced since <see cref="Restart"/> (delivered plus lost).</summary>
        public long Produced => _produced;

        /// <summary>Forgets the grid: the chip was (re)configured at <paramref name="nowNs"/> with this period.</summary>
        public void Restart(long nowNs, long nominalPeriodNs)
        {
            _nominalPeriodNs = nominalPeriodNs;
            _periodNs = nominalPeriodNs;
            _haveBounds = false;
            _haveAnchor = false;
            _previousReadNs = nowNs;
            _produced = 0;
        }

        /// <summary>
        /// Accounts one FIFO_STATUS read at <paramref name="readNs"/> that found <paramref name="newEntries"/> entries
        /// not seen before; <paramref name="full"/> when the FIFO was full (overrun), so some samples may be missing.
        /// Returns the samples lost since the previous read (0 whenever the FIFO was not full).
        /// </summary>
        public int Observe(long readNs, int newEntries, bool full)
        {
            int lost = 0;
            long producedNow = newEntries;
            if (full)
            {
                long estimate = EstimateProducedUntil(readNs);
                if (estimate > newEntries)
                {
                    producedNow = estimate;
                    lost = (int)(estimate - newEntries);
                }
            }

            Advance(readNs, producedNow, full);
            _produced += producedNow;
            UpdatePeriod();
            _previousReadNs = readNs;
            return lost;
        }

        private long EstimateProducedUntil(long readNs)
        {
            if (!_haveBounds)
            {
                // No grid yet (overflow right after start): the best the chip allows is elapsed time / period.
                return (readNs - _previousReadNs) / _periodNs;
            }

            long newestMidNs = _newestLoNs + (_newestHiNs - _newestLoNs) / 2;
            return readNs <= newestMidNs ? 0 : (readNs - newestMidNs) / _periodNs;
        }

        private void Advance(long readNs, long producedNow, bool full)
        {
            // What this read alone says about the newest sample: it is at or before the read, and the next one
            // (not yet produced) is after it; a new sample also came after the previous read.
            long lo = readNs - _periodNs + 1;
            long hi = readNs;
            if (producedNow > 0 && !full && _previousReadNs + 1 > lo)
            {
                lo = _previousReadNs + 1;
            }

            if (_haveBounds)
            {
                // Carry the old bounds forward by the samples produced since, with slack for the period's error.
                long shift = producedNow * _periodNs;
                long slack = producedNow * _periodNs / 2048 + 1;
                long carriedLo = _newestLoNs + shift - slack;
                long carriedHi = _newestHiNs + shift + slack;
                if (carriedLo > lo)
                {
                    lo = carriedLo;
                }

                if (carriedHi < hi)
                {
                    hi = carriedHi;
                }

                if (lo > hi)
                {
                    // Inconsistent (period estimate off or a sample we never saw): restart from this read alone.
                    lo = readNs - _periodNs + 1;
                    hi = readNs;
                    _haveAnchor = false;
                }
            }

            _newestLoNs = lo;
            _newestHiNs = hi;
            _haveBounds = true;
        }

        private void UpdatePeriod()
        {
            long produced = _produced;
            long midNs = _newestLoNs + (_newestHiNs - _newestLoNs) / 2;
            if (!_haveAnchor)
            {
                if (produced >= SamplesBeforePeriodAnchor)
                {
                    _haveAnchor = true;
                    _anchorNs = midNs;
                    _anchorProduced = produced;
                }

                return;
            }

            long span = produced - _anchorProduced;
            if (span >= SamplesForPeriodEstimate)
            {
                long measured = (midNs - _anchorNs) / span;

                // Accept only a plausible oscillator error (5 %): anything else is a bookkeeping fault.
                long tolerance = _nominalPeriodNs / 20;
                if (measured > _nominalPeriodNs - tolerance && measured < _nominalPeriodNs + tolerance)
                {
                    _periodNs = measured;
                }
            }
        }
    }
}
