namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Finds systolic peaks in a band-passed pulse signal oriented so that systole is positive. A peak is a local
    /// maximum that rose above an adaptive threshold (a fraction of a peak envelope that decays between beats, so
    /// the detector follows amplitude changes both ways) and then fell to half its height. It stays a candidate for
    /// a refractory period (the larger of a fixed minimum, 250 ms for 240 bpm, and 55 % of the expected interval
    /// the caller supplies): a higher peak within it replaces the candidate, lower ones (the dicrotic wave, noise)
    /// are ignored, and the candidate is confirmed as a beat when the period ends. So a beat is reported one
    /// refractory period after its peak. The peak time is refined between samples by a parabola through the
    /// three samples around the maximum.
    /// </summary>
    public sealed class BeatDetector
    {
        private readonly int _minimumRefractorySamples;
        private readonly float _thresholdFraction;
        private readonly float _envelopeDecay;
        private int _refractorySamples;
        private long _sampleIndex = -1;
        private float _envelope;
        private bool _tracking;
        private float _max;
        private long _maxIndex;
        private float _beforeMax;
        private float _afterMax;
        private bool _afterMaxPending;
        private float _previous;
        private bool _hasBeat;
        private bool _pending;
        private long _candidateIndex;
        private float _candidateFraction;
        private float _candidateAmplitude;
        private long _lastBeatSample;
        private float _lastBeatFraction;
        private float _lastBeatAmplitude;
        private float _expectedInterval;

        /// <param name="sampleRateHz">Samples per second of the input.</param>
        /// <param name="maximumRateBpm">Fastest rate to detect; sets the minimum refractory period.</param>
        /// <param name="thresholdFraction">Fraction of the peak envelope a peak must exceed (e.g. 0.4).</param>
        /// <param name="envelopeTimeConstantSeconds">How fast the envelope forgets a large peak (e.g. 1.5 s).</param>
        public BeatDetector(int sampleRateHz, float maximumRateBpm, float thresholdFraction, float envelopeTimeConstantSeconds)
        {
            SampleRateHz = sampleRateHz;
            _minimumRefractorySamples = (int)(sampleRateHz * 60f / maximumRateBpm);
            _refractorySamples = _minimumRefractorySamples;
            _thresholdFraction = thresholdFraction;
            // First-order decay per sample: exp(-1/(fs*tau)) ~ 1 - 1/(fs*tau) for fs*tau >> 1.
            _envelopeDecay = 1f - 1f / (sampleRateHz * envelopeTimeConstantSeconds);
        }

        public int SampleRateHz { get; private set; }

        /// <summary>Index (count of samples since start, from 0) of the last confirmed beat's peak sample.</summary>
        public long LastBeatSample
        {
            get { return _lastBeatSample; }
        }

        /// <summary>Sub-sample offset of the last peak, in samples, within [-0.5, 0.5].</summary>
        public float LastBeatFraction
        {
            get { return _lastBeatFraction; }
        }

        /// <summary>Height of the last confirmed peak (input units).</summary>
        public float LastBeatAmplitude
        {
            get { return _lastBeatAmplitude; }
        }

        /// <summary>Current detection threshold (input units).</summary>
        public float Threshold
        {
            get { return _thresholdFraction * _envelope; }
        }

        /// <summary>
        /// Sets the interval the caller expects (samples, 0 if unknown); the refractory period becomes the larger of
        /// the fixed minimum and 55 % of it, which still lets the rate rise by 80 % from one beat to the next.
        /// </summary>
        public void SetExpectedInterval(float samples)
        {
            // Called every sample; the interval changes once a beat at most.
            if (samples == _expectedInterval)
            {
                return;
            }

            _expectedInterval = samples;
            int adaptive = (int)(0.55f * samples);
            _refractorySamples = adaptive > _minimumRefractorySamples ? adaptive : _minimumRefractorySamples;
        }

        /// <summary>Takes one sample; returns true when it confirms a beat (see <see cref="LastBeatSample"/>).</summary>
        public bool Process(float x)
        {
            _sampleIndex++;
            bool beat = false;
            // A higher peak being followed replaces the candidate when it ends, so the candidate waits for it.
            if (_pending && !_tracking && _sampleIndex - _candidateIndex >= _refractorySamples)
            {
                _lastBeatSample = _candidateIndex;
                _lastBeatFraction = _candidateFraction;
                _lastBeatAmplitude = _candidateAmplitude;
                _hasBeat = true;
                _pending = false;
                beat = true;
            }

            if (!_tracking)
            {
                // Within a candidate's refractory period only a higher peak may start; otherwise the period after
                // the last beat must be over.
                bool allowed = _pending ? x > _candidateAmplitude : !_hasBeat || _sampleIndex - _lastBeatSample >= _refractorySamples;
                if (allowed && x > _thresholdFraction * _envelope && x > _previous && x > 0)
                {
                    _tracking = true;
                    NewMaximum(x);
                }
            }
            else if (x > _max)
            {
                NewMaximum(x);
            }
            else
            {
                if (_afterMaxPending)
                {
                    _afterMax = x;
                    _afterMaxPending = false;
                }

                // A peak ends when the signal has fallen to half its height, or when it has not risen for half a
                // refractory period (baseline drift can hold a wave above half height into the next beat).
                if (x < 0.5f * _max || _sampleIndex - _maxIndex >= _refractorySamples / 2)
                {
                    EndPeak();
                }
            }

            _envelope *= _envelopeDecay;
            if (x > _envelope)
            {
                _envelope = x;
            }

            _previous = x;
            return beat;
        }

        public void Reset()
        {
            _sampleIndex = -1;
            _envelope = 0;
            _tracking = false;
            _hasBeat = false;
            _pending = false;
            _previous = 0;
            _refractorySamples = _minimumRefractorySamples;
            _expectedInterval = 0;
            _lastBeatSample = 0;
            _lastBeatFraction = 0;
            _lastBeatAmplitude = 0;
        }

        private void NewMaximum(float x)
        {
            _beforeMax = _previous;
            _max = x;
            _maxIndex = _sampleIndex;
            _afterMaxPending = true;
        }

        private void EndPeak()
        {
            // Vertex of the parabola through (-1, before), (0, max), (+1, after).
            float curvature = _beforeMax - 2f * _max + _afterMax;
            float offset = curvature < 0 ? 0.5f * (_beforeMax - _afterMax) / curvature : 0f;
            if (offset > 0.5f)
            {
                offset = 0.5f;
            }
            else if (offset < -0.5f)
            {
                offset = -0.5f;
            }

            _candidateIndex = _maxIndex;
            _candidateFraction = offset;
            _candidateAmplitude = _max;
            _pending = true;
            _tracking = false;
        }
    }
}
