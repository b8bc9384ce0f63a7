using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Statistics of the band-passed red and IR signals over one beat (from one confirmed beat to the next), from
    /// which the beat's ratio of ratios, perfusion and waveform agreement follow. Sums only, so nothing is stored
    /// per sample.
    /// </summary>
    public sealed class BeatWindow
    {
        private float _sumRedRed;
        private float _sumIrIr;
        private float _sumRedIr;
        private float _irMin;
        private float _irMax;

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
            Count++;
        }

        /// <summary>Peak-to-peak IR pulse amplitude (ADC counts).</summary>
        public float IrPeakToPeak
        {
            get { return _irMax - _irMin; }
        }

        /// <summary>
        /// RMS red over RMS IR: the AC part of the ratio of ratios. RMS over a whole beat uses every sample (less
        /// noise than two extreme samples) and equals the peak-to-peak ratio when both waveforms have one shape.
        /// </summary>
        public float AcRatio
        {
            get { return _sumIrIr > 0 ? (float)Math.Sqrt(_sumRedRed / _sumIrIr) : 0; }
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

        public void Clear()
        {
            _sumRedRed = 0;
            _sumIrIr = 0;
            _sumRedIr = 0;
            _irMin = 0;
            _irMax = 0;
            Count = 0;
        }
    }
}
