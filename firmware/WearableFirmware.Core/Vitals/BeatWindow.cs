using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Statistics of the band-passed red and IR signals over one beat (from one confirmed beat to the next), from
    /// which the beat's ratio of ratios, perfusion and waveform agreement follow. Sums only, so nothing is stored
    /// per sample; the last sample is kept across <see cref="Clear"/> so the next beat's first change is known.
    /// </summary>
    public sealed class BeatWindow
    {
        private float _sumRedRed;
        private float _sumIrIr;
        private float _sumRedIr;
        private float _irMin;
        private float _irMax;

        // Sums over the sample-to-sample differences (slopes): slow baseline wander has small slopes.
        private float _sumDRedDRed;
        private float _sumDIrDIr;
        private float _previousRed;
        private float _previousIr;
        private bool _hasPrevious;

        /// <summary>Samples since the window was cleared.</summary>
        public int Count { get; private set; }

        public void Add(float redAc, float irAc)
        {
            if (Count == 0)
            {
                _irMin = irAc;
                _irMax = irAc;
            }
            else if (irAc < _irMin)
            {
                _irMin = irAc;
            }
            else if (irAc > _irMax)
            {
                _irMax = irAc;
            }

            _sumRedRed += redAc * redAc;
            _sumIrIr += irAc * irAc;
            _sumRedIr += redAc * irAc;
            if (_hasPrevious)
            {
                float dRed = redAc - _previousRed;
                float dIr = irAc - _previousIr;
                _sumDRedDRed += dRed * dRed;
                _sumDIrDIr += dIr * dIr;
            }

            _previousRed = redAc;
            _previousIr = irAc;
            _hasPrevious = true;
            Count++;
        }

        /// <summary>Peak-to-peak IR pulse amplitude (ADC counts).</summary>
        public float IrPeakToPeak
        {
            get { return _irMax - _irMin; }
        }

        /// <summary>
        /// The AC part of the ratio of ratios: RMS of red's sample-to-sample changes over RMS of IR's. A whole beat's
        /// samples give less noise than two extremes, and it equals the peak-to-peak ratio when both waveforms have
        /// one shape. Differencing weights the steep systolic edge and all but ignores slow baseline wander
        /// (breathing moves both channels by a similar fraction of DC and, in the plain RMS, pulls R towards 1:
        /// about −2.5 % SpO2 at 97 % on the synthetic wearer) and any DC left after the band-pass.
        /// </summary>
        public float AcRatio
        {
            get { return _sumDIrDIr > 0 ? (float)Math.Sqrt(_sumDRedDRed / _sumDIrDIr) : 0; }
        }

        /// <summary>Correlation of red with IR over the beat (1 = same shape; motion and noise lower it).</summary>
        public float Correlation
        {
            get
            {
                float denominator = _sumRedRed * _sumIrIr;
                return denominator > 0 ? _sumRedIr / (float)Math.Sqrt(denominator) : 0;
            }
        }

        /// <summary>Clears the window and forgets the last sample (the signal path starts over).</summary>
        public void Reset()
        {
            Clear();
            _hasPrevious = false;
        }

        /// <summary>Starts the next beat's window; the last sample stays as the reference for the next change.</summary>
        public void Clear()
        {
            _sumRedRed = 0;
            _sumIrIr = 0;
            _sumRedIr = 0;
            _irMin = 0;
            _irMax = 0;
            _sumDRedDRed = 0;
            _sumDIrDIr = 0;
            Count = 0;
        }
    }
}
