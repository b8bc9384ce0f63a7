using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Follows the slowly varying (DC) level of a raw PPG channel: a one-pole low-pass with a time constant of about
    /// a second, long against a pulse period (so the pulse barely moves it) and short against posture or pressure
    /// changes. The DC level is the denominator of both the ratio of ratios and the perfusion index.
    /// </summary>
    public sealed class DcTracker
    {
        private readonly float _alpha;
        private float _level;
        private bool _started;

        public DcTracker(float sampleRateHz, float timeConstantSeconds)
        {
            if (!(sampleRateHz > 0) || !(timeConstantSeconds > 0))
            {
                throw new ArgumentOutOfRangeException("timeConstantSeconds", "sample rate and time constant must be positive");
            }

            // Exact discretisation of a first-order lag; computed once.
            _alpha = (float)(1 - Math.Exp(-1.0 / (sampleRateHz * timeConstantSeconds)));
        }

        /// <summary>The current DC estimate, in the input's units (0 before the first sample).</summary>
        public float Level
        {
            get { return _level; }
        }

        /// <summary>The weight of each new sample (for <see cref="PulseFilter"/>, which runs the same arithmetic over blocks).</summary>
        internal float Alpha
        {
            get { return _alpha; }
        }

        /// <summary>False until the first sample after construction or <see cref="Reset"/>.</summary>
        public bool IsStarted
        {
            get { return _started; }
        }

        /// <summary>Takes one raw sample; the first sample after construction or <see cref="Reset"/> sets the level outright.</summary>
        public float Process(float x)
        {
            Track(x);
            return _level;
        }

        /// <summary>
        /// Takes one raw sample (as <see cref="Process"/>) and returns the level it is to be measured against: the level
        /// before this sample, so a single spike cannot cancel itself, and for the first sample the sample itself.
        /// </summary>
        public float Track(float x)
        {
            float before = _level;
            if (!_started)
            {
                _level = x;
                _started = true;
                return x;
            }

            _level = before + _alpha * (x - before);
            return before;
        }

        public void Reset()
        {
            _started = false;
            _level = 0;
        }
    }
}
