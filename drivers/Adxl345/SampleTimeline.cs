namespace WearableFirmware.Drivers.Adxl345
{
    /// <summary>
    /// Tells how many samples the chip produced between two FIFO_STATUS reads, also when the FIFO overflowed and
    /// the entries count no longer says it (the chip has no overflow counter). It tracks the chip's sampling grid:
    /// the sample period measured from the drains themselves (the chip's oscillator is not the host's; the error
    /// bound shrinks as 1/samples seen), and bounds on the time of the newest produced sample, narrowed by every
    /// drain that did not overflow. With the bounds narrower than a period, the count for any gap is exact.
    /// </summary>
    internal sealed class SampleTimeline
    {
        private const int SamplesForPeriodEstimate = 128;

        private long _nominalPeriodNs;
        private long _periodNs;
        private long _periodUncertaintyDivisor;
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

        /// <summary>Best estimate of when the newest produced sample was taken (middle of its bounds).</summary>
        public long NewestSampleNs => _newestLoNs + (_newestHiNs - _newestLoNs) / 2;

        /// <summary>Samples the chip produced since <see cref="Restart"/> (delivered plus lost).</summary>
        public long Produced => _produced;

        /// <summary>Forgets the grid: the chip was (re)configured at <paramref name="nowNs"/> with this nominal period.</summary>
        public void Restart(long nowNs, long nominalPeriodNs)
        {
            _nominalPeriodNs = nominalPeriodNs;
            _periodNs = nominalPeriodNs;

            // Until measured, trust the nominal period to 5 % (1/20): the oscillator's plausible error.
            _periodUncertaintyDivisor = 20;
            _haveBounds = false;
            _haveAnchor = false;
            _newestLoNs = nowNs;
            _newestHiNs = nowNs;
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

            Narrow(readNs, producedNow, full);
            _produced += producedNow;
            if (!full)
            {
                UpdatePeriod(readNs);
            }

            _previousReadNs = readNs;
            return lost;
        }

        private long EstimateProducedUntil(long readNs)
        {
            if (!_haveBounds)
            {
                // No grid yet (overflow right after start): elapsed time / period is all the chip allows.
                return (readNs - _previousReadNs) / _periodNs;
            }

            long newestMidNs = _newestLoNs + (_newestHiNs - _newestLoNs) / 2;
            return readNs <= newestMidNs ? 0 : (readNs - newestMidNs) / _periodNs;
        }

        private void Narrow(long readNs, long producedNow, bool full)
        {
            // What this read alone says: the newest sample is at or before the read and the next one after it;
            // when new samples arrived, the newest came after the previous read.
            long lo = readNs - _periodNs + 1;
            long hi = readNs;
            if (producedNow > 0 && !full && _previousReadNs + 1 > lo)
            {
                lo = _previousReadNs + 1;
            }

            if (_haveBounds)
            {
                // Carry the old bounds forward by the samples produced since, widened by the period's uncertainty.
                long shift = producedNow * _periodNs;
                long slack = shift / _periodUncertaintyDivisor + 1;
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
                    // Inconsistent (a sample we never saw, or a bus fault): start again from this read alone.
                    lo = readNs - _periodNs + 1;
                    hi = readNs;
                }
            }

            _newestLoNs = lo;
            _newestHiNs = hi;
            _haveBounds = true;
        }

        private void UpdatePeriod(long readNs)
        {
            if (!_haveAnchor)
            {
                if (_produced > 0)
                {
                    _haveAnchor = true;
                    _anchorNs = readNs;
                    _anchorProduced = _produced;
                }

                return;
            }

            // Between two reads the sample count changes by elapsed / period to within one sample at each end.
            long span = _produced - _anchorProduced;
            if (span >= SamplesForPeriodEstimate)
            {
                long measured = (readNs - _anchorNs) / span;
                long tolerance = _nominalPeriodNs / 20;
                if (measured > _nominalPeriodNs - tolerance && measured < _nominalPeriodNs + tolerance)
                {
                    _periodNs = measured;
                    _periodUncertaintyDivisor = span / 2;
                }
            }
        }
    }
}
