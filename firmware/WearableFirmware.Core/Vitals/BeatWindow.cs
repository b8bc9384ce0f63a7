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
        private readonly float[] _irSamples;
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

        /// <summary>Keeps up to <paramref name="capacity"/> IR samples of a beat for the detrended peak-to-peak.</summary>
        public BeatWindow(int capacity)
        {
            if (capacity < 2)
            {
                throw new ArgumentOutOfRangeException("capacity", "a beat window needs room for at least 2 samples");
            }

            _irSamples = new float[capacity];
        }

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

            if (Count < _irSamples.Length)
            {
                _irSamples[Count] = irAc;
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

        /// <summary>
        /// Peak-to-peak IR pulse amplitude (ADC counts) after removing the straight line through the window's first
        /// and last samples: the window spans one beat at the same phase at both ends, so a baseline drifting during
        /// the beat (breathing) does not add to the amplitude. Raw extremes when the window outgrew its capacity.
        /// </summary>
        public float IrPeakToPeak
        {
            get
            {
                if (Count < 2 || Count > _irSamples.Length)
                {
                    return _irMax - _irMin;
                }

                float first = _irSamples[0];
                float step = (_irSamples[Count - 1] - first) / (Count - 1);
                float min = 0;
                float max = 0;
                for (int i = 1; i < Count - 1; i++)
                {
                    float d = _irSamples[i] - first - step * i;
                    if (d < min)
                    {
                        min = d;
                    }
                    else if (d > max)
                    {
                        max = d;
                    }
                }

                return max - min;
            }
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
