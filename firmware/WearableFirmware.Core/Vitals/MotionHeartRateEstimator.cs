using System;

namespace WearableFirmware.Vitals
{
    /// <summary>
    /// Heart rate while the wearer moves: the band-passed pulse (100 sps) and the accelerometer (50 Hz) are brought
    /// to one analysis rate (12.5 Hz, block means), gravity is removed from each axis (0.5 Hz high-pass), the
    /// <see cref="MotionArtefactCanceller"/> subtracts what the acceleration predicts, and the
    /// <see cref="SpectralHeartRateTracker"/> follows the rate in the spectrum. The two streams arrive in loop ticks
    /// (accelerometer first); a short queue pairs each pulse sample with the acceleration of the same time and
    /// absorbs the chips' rate difference. No allocation after construction.
    /// </summary>
    public sealed class MotionHeartRateEstimator
    {
        private const int QueueCapacity = 8;
        private const int QueueLag = 4;
        private readonly int _pulseDecimation;
        private readonly int _accelDecimation;
        private readonly Biquad _gravityX;
        private readonly Biquad _gravityY;
        private readonly Biquad _gravityZ;
        private readonly MotionArtefactCanceller _canceller;
        private readonly SpectralHeartRateTracker _tracker;
        private readonly float[] _queueX = new float[QueueCapacity];
        private readonly float[] _queueY = new float[QueueCapacity];
        private readonly float[] _queueZ = new float[QueueCapacity];
        private int _queueHead;
        private int _queueCount;
        private float _lastX;
        private float _lastY;
        private float _lastZ;
        private float _pulseSum;
        private float _secondSum;
        private int _pulseCount;
        private float _sumX;
        private float _sumY;
        private float _sumZ;
        private int _accelCount;
        private readonly float _levelSmoothing;
        private float _levelSquared;

        /// <param name="pulseRateHz">Pulse samples per second (e.g. 100).</param>
        /// <param name="accelerometerRateHz">Accelerometer samples per second (e.g. 50).</param>
        public MotionHeartRateEstimator(int pulseRateHz, int accelerometerRateHz, MotionHeartRateSettings settings)
        {
            settings.Validate();
            _pulseDecimation = settings.Decimation(pulseRateHz);
            _accelDecimation = settings.Decimation(accelerometerRateHz);
            if (_pulseDecimation < 1 || _accelDecimation < 1)
            {
                throw new ArgumentOutOfRangeException("AnalysisPeriodMs", "must hold whole pulse and accelerometer sample periods");
            }

            // Gravity removed after the block means, at the analysis rate (a quarter of the work at 50 Hz).
            float analysisRateHz = 1000f / settings.AnalysisPeriodMs;
            _gravityX = Biquad.ButterworthHighPass(analysisRateHz, 0.5f);
            _gravityY = Biquad.ButterworthHighPass(analysisRateHz, 0.5f);
            _gravityZ = Biquad.ButterworthHighPass(analysisRateHz, 0.5f);
            // Regularisation: the energy of the taps at 0.01 g each, so the filter rests when the wearer does.
            _canceller = settings.CancellerTaps == 0 ? null : new MotionArtefactCanceller(settings.CancellerTaps, settings.CancellerStep, 3 * settings.CancellerTaps * 1e-4f);
            _tracker = new SpectralHeartRateTracker(settings);
            // About 2 s of memory at the analysis rate.
            _levelSmoothing = 1f / (2f * analysisRateHz);
        }

        /// <summary>RMS of the acceleration with gravity removed over the last seconds (g): how hard the wrist moves.</summary>
        public float MotionLevelG
        {
            get { return (float)Math.Sqrt(_levelSquared); }
        }

        /// <summary>
        /// False while the wearer rests (the beats give the rate there): samples are kept, but no spectrum is taken and
        /// the canceller does not run. True by default.
        /// </summary>
        public bool Active
        {
            get { return _tracker.Active; }
            set { _tracker.Active = value; }
        }

        public SpectralHeartRateTracker Tracker
        {
            get { return _tracker; }
        }

        public bool IsValid
        {
            get { return _tracker.IsValid; }
        }

        public float HeartRateBpm
        {
            get { return _tracker.HeartRateBpm; }
        }

        /// <summary>
        /// True: the spectral updates run only on <see cref="UpdateNow"/> (the loop calls it just before the readings it
        /// publishes); false (default): every update period of samples since contact.
        /// </summary>
        public bool UpdatesOnRequest
        {
            get { return _tracker.UpdatesOnRequest; }
            set { _tracker.UpdatesOnRequest = value; }
        }

        /// <summary>One spectral update over the samples so far (see <see cref="UpdatesOnRequest"/>).</summary>
        public void UpdateNow()
        {
            _tracker.UpdateNow();
        }

        /// <summary>Takes one accelerometer sample (g, gravity included).</summary>
        public void AddAcceleration(float x, float y, float z)
        {
            _sumX += x;
            _sumY += y;
            _sumZ += z;
            _accelCount++;
            if (_accelCount < _accelDecimation)
            {
                return;
            }

            float scale = 1f / _accelCount;
            float dx = _gravityX.Process(_sumX * scale);
            float dy = _gravityY.Process(_sumY * scale);
            float dz = _gravityZ.Process(_sumZ * scale);
            _levelSquared += _levelSmoothing * (dx * dx + dy * dy + dz * dz - _levelSquared);
            if (_queueCount == QueueCapacity)
            {
                Dequeue();
            }

            int tail = (_queueHead + _queueCount) % QueueCapacity;
            _queueX[tail] = dx;
            _queueY[tail] = dy;
            _queueZ[tail] = dz;
            _queueCount++;
            _sumX = 0;
            _sumY = 0;
            _sumZ = 0;
            _accelCount = 0;
        }

        /// <summary>Takes one band-passed pulse sample (any sign or scale) at the pulse rate.</summary>
        public void AddPulse(float pulse)
        {
            AddPulse(pulse, 0);
        }

        /// <summary>Takes one band-passed sample of each light (IR, red; any sign or scale) at the pulse rate.</summary>
        public void AddPulse(float pulse, float second)
        {
            _secondSum += second;
            _pulseSum += pulse;
            _pulseCount++;
            if (_pulseCount < _pulseDecimation)
            {
                return;
            }

            float p = _pulseSum / _pulseCount;
            float q = _secondSum / _pulseCount;
            _pulseSum = 0;
            _secondSum = 0;
            _pulseCount = 0;
            // Keep the pairing close: a queue that has grown (one chip a little faster) drops its oldest.
            while (_queueCount > QueueLag)
            {
                Dequeue();
            }

            if (_queueCount > 0)
            {
                Dequeue();
            }

            float cleaned = _canceller == null || !_tracker.Active ? p : _canceller.Process(p, _lastX, _lastY, _lastZ);
            _tracker.Add(cleaned, q, _lastX, _lastY, _lastZ);
        }

        /// <summary>Sets the tracked rate to one known from beats at rest.</summary>
        public void Anchor(float bpm)
        {
            _tracker.Anchor(bpm);
        }

        /// <summary>Forgets the pulse (new contact); the accelerometer's filters keep running.</summary>
        public void ResetPulse()
        {
            if (_canceller != null)
            {
                _canceller.Reset();
            }

            _tracker.Reset();
            _pulseSum = 0;
            _secondSum = 0;
            _pulseCount = 0;
        }

        public void Reset()
        {
            ResetPulse();
            _gravityX.Reset();
            _gravityY.Reset();
            _gravityZ.Reset();
            _queueHead = 0;
            _queueCount = 0;
            _lastX = 0;
            _lastY = 0;
            _lastZ = 0;
            _sumX = 0;
            _sumY = 0;
            _sumZ = 0;
            _accelCount = 0;
            _levelSquared = 0;
        }

        private void Dequeue()
        {
            _lastX = _queueX[_queueHead];
            _lastY = _queueY[_queueHead];
            _lastZ = _queueZ[_queueHead];
            _queueHead = (_queueHead + 1) % QueueCapacity;
            _queueCount--;
        }
    }
}
