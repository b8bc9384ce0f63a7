using WearableFirmware.Vitals;

namespace WearableFirmware.Falls
{
    /// <summary>
    /// Step rate from the accelerometer magnitude: each step is a peak of |a| (the foot strike), so the same stages
    /// that find heart beats in a pulse find steps — band-pass (<see cref="PulseFilter"/>, 0.8-4 Hz: slow walking to
    /// sprinting), peak detection with an adaptive threshold and refractory period (<see cref="BeatDetector"/>), and a
    /// rate from the median-gated recent intervals (<see cref="HeartRateEstimator"/>, 6 steps). A wrist PPG sensor
    /// picks up the same rhythm (the hand's blood and the sensor's seat move with each step and arm swing), so a pulse
    /// rate that matches it is suspect. No allocation after construction.
    /// </summary>
    public sealed class CadenceEstimator
    {
        private const float LowCornerHz = 0.8f;
        private const float HighCornerHz = 4f;
        private const float FastestStepsPerMinute = 240f;
        private const float SlowestStepsPerMinute = 40f;
        private const int StepsKept = 6;
        private const int StepsNeeded = 4;

        // A step lifts |a| by a tenth of a g or more (slow walking at the wrist); sensor noise and typing stay below.
        private const float MinimumStepG = 0.08f;

        private readonly PulseFilter _filter;
        private readonly BeatDetector _detector;
        private readonly HeartRateEstimator _rate;
        private readonly int _timeoutSamples;
        private readonly int _sampleRateHz;
        private readonly float[] _one = new float[1];
        private long _sample;
        private long _lastStep = -1;

        /// <param name="sampleRateHz">Accelerometer output data rate (e.g. 50).</param>
        public CadenceEstimator(int sampleRateHz)
        {
            _filter = new PulseFilter(sampleRateHz, LowCornerHz, HighCornerHz, 1f);
            _detector = new BeatDetector(sampleRateHz, FastestStepsPerMinute, 0.4f, 1.5f);
            _rate = new HeartRateEstimator(StepsKept, 0.2f, StepsNeeded, SlowestStepsPerMinute, FastestStepsPerMinute);
            _sampleRateHz = sampleRateHz;
            // Two of the slowest steps without one: standing still again.
            _timeoutSamples = (int)(2 * 60f / SlowestStepsPerMinute * sampleRateHz);
        }

        /// <summary>True while the recent steps are regular enough to give a rate.</summary>
        public bool IsValid
        {
            get { return _rate.IsValid && !_rate.IsEarly; }
        }

        /// <summary>Steps per minute; meaningful when <see cref="IsValid"/>.</summary>
        public float StepsPerMinute
        {
            get { return _rate.HeartRateBpm; }
        }

        /// <summary>Takes one sample of the acceleration magnitude (g).</summary>
        public void Add(float magnitudeG)
        {
            _one[0] = magnitudeG;
            Add(_one, 1);
        }

        /// <summary>
        /// Takes the first <paramref name="count"/> samples of the acceleration magnitude (g), in order, with the
        /// results of as many <see cref="Add(float)"/> calls: the loop's tick hands them over at once, and the band-pass
        /// runs over them in one call. Overwrites them with the band-passed values.
        /// </summary>
        public void Add(float[] magnitudesG, int count)
        {
            // The band-pass depends on nothing the steps change, so it can run ahead of the detector.
            _filter.Process(magnitudesG, count);
            BeatDetector detector = _detector;
            for (int i = 0; i < count; i++)
            {
                if (detector.Process(magnitudesG[i]) && detector.LastBeatAmplitude >= MinimumStepG)
                {
                    long step = detector.LastBeatSample;
                    if (_lastStep >= 0)
                    {
                        _rate.AddInterval((step - _lastStep) * 1000f / _sampleRateHz);
                        FollowStepInterval();
                    }

                    _lastStep = step;
                }

                _sample++;
                if (_lastStep >= 0 && _sample - _lastStep > _timeoutSamples)
                {
                    _rate.Reset();
                    _lastStep = -1;
                    FollowStepInterval();
                }
            }
        }

        // As for beats: the refractory period follows the step interval, so a step's second bump is not a step. The
        // interval changes only with the steps, so the detector hears of it then, not every sample.
        private void FollowStepInterval()
        {
            _detector.SetExpectedInterval(_rate.Count >= 2 ? _rate.MedianIntervalMs * _sampleRateHz / 1000f : 0);
        }

        public void Reset()
        {
            _filter.Reset();
            _detector.Reset();
            _rate.Reset();
            _sample = 0;
            _lastStep = -1;
        }
    }
}
