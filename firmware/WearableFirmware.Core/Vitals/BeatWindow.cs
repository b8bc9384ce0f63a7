using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Statistics of the band-passed red and IR signals over one beat (from one confirmed beat to the next), from
    /// which the beat's ratio of ratios, perfusion and waveform agreement follow. The last sample is kept across
    /// <see cref="Clear"/> so the next beat's first change is known.
    /// <para>
    /// Per sample the window only stores the pair; the sums are taken when a statistic is first read (once per beat),
    /// in one pass over the stored samples in arrival order, so they equal running sums bit for bit: nanoCLR pays for
    /// every call and field access, and samples outnumber beats about 60 to 1. A window that outgrows its capacity (a
    /// missed beat or more) sums what it stored at once and keeps running sums and extremes from there.
    /// </para>
    /// </summary>
    public sealed class BeatWindow
    {
        private readonly float[] _red;
        private readonly float[] _ir;
        private readonly float[] _spillRed = new float[1];
        private readonly float[] _spillIr = new float[1];
        private int _count;

        // Sums over the first _summed samples and over their sample-to-sample differences (slopes: slow baseline
        // wander has small ones).
        private int _summed;
        private float _sumRedRed;
        private float _sumIrIr;
        private float _sumRedIr;
        private float _sumDRedDRed;
        private float _sumDIrDIr;
        private float _sumDRedDIr;

        // IR extremes, kept only once the window has outgrown its capacity.
        private float _irMin;
        private float _irMax;

        // IrPeakToPeak of a window of _peakToPeakCount samples, found by the pass that summed it whole.
        private float _peakToPeak;
        private int _peakToPeakCount;

        // The last sample summed (before the window's first: the previous beat's last).
        private float _previousRed;
        private float _previousIr;
        private bool _hasPrevious;

        /// <summary>Keeps up to <paramref name="capacity"/> samples of a beat (the detrended peak-to-peak needs them).</summary>
        public BeatWindow(int capacity)
        {
            if (capacity < 2)
            {
                throw new ArgumentOutOfRangeException("capacity", "a beat window needs room for at least 2 samples");
            }

            _red = new float[capacity];
            _ir = new float[capacity];
        }

        /// <summary>Samples since the window was cleared.</summary>
        public int Count
        {
            get { return _count; }
        }

        public void Add(float redAc, float irAc)
        {
            int n = _count;
            if (n < _red.Length)
            {
                _red[n] = redAc;
                _ir[n] = irAc;
                _count = n + 1;
                return;
            }

            if (n == _red.Length)
            {
                Sum();
                StoredExtremes();
            }

            if (irAc < _irMin)
            {
                _irMin = irAc;
            }
            else if (irAc > _irMax)
            {
                _irMax = irAc;
            }

            _spillRed[0] = redAc;
            _spillIr[0] = irAc;
            SumRange(_spillRed, _spillIr, 0, 1, 0, 0);
            _count = n + 1;
        }

        /// <summary>
        /// Adds samples <paramref name="from"/> to <paramref name="to"/> − 1 of the arrays, in order, as as many
        /// <see cref="Add(float, float)"/> calls would: the ones that fit in one block copy (native on nanoCLR, where a
        /// call per sample costs more), any past the capacity one by one.
        /// </summary>
        public void Add(float[] redAc, float[] irAc, int from, int to)
        {
            int n = _count;
            int fit = _red.Length - n;
            if (fit > to - from)
            {
                fit = to - from;
            }

            if (fit > 0)
            {
                Array.Copy(redAc, from, _red, n, fit);
                Array.Copy(irAc, from, _ir, n, fit);
                _count = n + fit;
                from += fit;
            }

            for (; from < to; from++)
            {
                Add(redAc[from], irAc[from]);
            }
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
                int count = _count;
                if (count < 2)
                {
                    return 0;
                }

                if (count > _ir.Length)
                {
                    return _irMax - _irMin;
                }

                Sum();
                if (_peakToPeakCount == count)
                {
                    return _peakToPeak;
                }

                // Summed in parts (a statistic read before the beat ended): a pass of its own.
                float[] ir = _ir;
                float first = ir[0];
                float step = (ir[count - 1] - first) / (count - 1);
                float min = 0;
                float max = 0;
                for (int i = 1; i < count - 1; i++)
                {
                    float d = ir[i] - first - step * i;
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
            get
            {
                Sum();
                return _sumDIrDIr > 0 ? (float)Math.Sqrt(_sumDRedDRed / _sumDIrDIr) : 0;
            }
        }

        /// <summary>
        /// Correlation of red's sample-to-sample changes with IR's over the beat: the arterial pulse steepens both
        /// lights together, independent sensor noise does not, and a slow baseline sway common to both (breathing),
        /// which makes the plain <see cref="Correlation"/> high without any pulse, has small slopes.
        /// </summary>
        public float SlopeCorrelation
        {
            get
            {
                Sum();
                float denominator = _sumDRedDRed * _sumDIrDIr;
                return denominator > 0 ? _sumDRedDIr / (float)Math.Sqrt(denominator) : 0;
            }
        }

        /// <summary>Correlation of red with IR over the beat (1 = same shape; motion and noise lower it).</summary>
        public float Correlation
        {
            get
            {
                Sum();
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
            int n = _count;
            if (n > 0 && n <= _red.Length)
            {
                _previousRed = _red[n - 1];
                _previousIr = _ir[n - 1];
                _hasPrevious = true;
            }

            // (A window past its capacity was summed as it went: its last sample is already the previous one.)
            _count = 0;
            _summed = 0;
            _peakToPeakCount = 0;
            _sumRedRed = 0;
            _sumIrIr = 0;
            _sumRedIr = 0;
            _sumDRedDRed = 0;
            _sumDIrDIr = 0;
            _sumDRedDIr = 0;
        }

        // Brings the sums up to every stored sample.
        private void Sum()
        {
            int end = _count < _red.Length ? _count : _red.Length;
            if (_summed >= end)
            {
                return;
            }

            if (_summed > 0 || end != _count || end < 2)
            {
                SumRange(_red, _ir, _summed, end, 0, 0);
                return;
            }

            // The whole beat in one pass (its statistics are read when it ends), which also finds IrPeakToPeak's
            // extremes about the line through the first and last samples; the last one lies on the line by
            // construction and is not compared (as there).
            float first = _ir[0];
            int last = end - 1;
            SumRange(_red, _ir, 0, last, first, (_ir[last] - first) / last);
            _peakToPeak = _lineMax - _lineMin;
            _peakToPeakCount = end;
            SumRange(_red, _ir, last, end, 0, 0);
        }

        // Extremes of the IR about the line (lineFirst, lineStep) over the samples of the last SumRange.
        private float _lineMin;
        private float _lineMax;

        /// <summary>
        /// Adds samples from..to-1 to the sums, in order, with the running state in locals; on the way, the extremes of
        /// ir[i] − lineFirst − lineStep i and 0 (IrPeakToPeak's, with its arithmetic: 0 at i = 0 adds nothing).
        /// </summary>
        private void SumRange(float[] red, float[] ir, int from, int to, float lineFirst, float lineStep)
        {
            float lineMin = 0;
            float lineMax = 0;
            float sumRedRed = _sumRedRed;
            float sumIrIr = _sumIrIr;
            float sumRedIr = _sumRedIr;
            float sumDRedDRed = _sumDRedDRed;
            float sumDIrDIr = _sumDIrDIr;
            float sumDRedDIr = _sumDRedDIr;
            float previousRed = _previousRed;
            float previousIr = _previousIr;
            int i = from;
            if (!_hasPrevious)
            {
                // The very first sample after a reset has no change to sum.
                previousRed = red[i];
                previousIr = ir[i];
                sumRedRed += previousRed * previousRed;
                sumIrIr += previousIr * previousIr;
                sumRedIr += previousRed * previousIr;
                i++;
            }

            for (; i < to; i++)
            {
                float r = red[i];
                float x = ir[i];
                sumRedRed += r * r;
                sumIrIr += x * x;
                sumRedIr += r * x;
                float dRed = r - previousRed;
                float dIr = x - previousIr;
                sumDRedDRed += dRed * dRed;
                sumDIrDIr += dIr * dIr;
                sumDRedDIr += dRed * dIr;
                previousRed = r;
                previousIr = x;
                float d = x - lineFirst - lineStep * i;
                if (d < lineMin)
                {
                    lineMin = d;
                }
                else if (d > lineMax)
                {
                    lineMax = d;
                }
            }

            _sumRedRed = sumRedRed;
            _sumIrIr = sumIrIr;
            _sumRedIr = sumRedIr;
            _sumDRedDRed = sumDRedDRed;
            _sumDIrDIr = sumDIrDIr;
            _sumDRedDIr = sumDRedDIr;
            _previousRed = previousRed;
            _previousIr = previousIr;
            _hasPrevious = true;
            _summed += to - from;
            _lineMin = lineMin;
            _lineMax = lineMax;
        }

        private void StoredExtremes()
        {
            float min = _ir[0];
            float max = min;
            for (int i = 1; i < _ir.Length; i++)
            {
                float x = _ir[i];
                if (x < min)
                {
                    min = x;
                }
                else if (x > max)
                {
                    max = x;
                }
            }

            _irMin = min;
            _irMax = max;
        }
    }
}
