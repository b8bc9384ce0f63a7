using System;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Falls;
using WearableFirmware.Sampling;

namespace WearableFirmware.Application
{
    /// <summary>
    /// Process phase for the accelerometer: every sample the last drain delivered, in g, through the fall detector;
    /// a fall decision raises a suspected fall in the alert state machine; the chip's double tap cancels a pending
    /// alarm ("I'm OK"); a short button press cancels, a long one raises a manual emergency. Also keeps a movement
    /// level the vitals use to mark readings questionable, and the step rate, which a PPG artefact can imitate.
    /// </summary>
    public sealed class AccelerometerProcessingStage : ILoopTask
    {
        /// <summary>
        /// Smoothed |‖a‖ − 1 g| above which PPG readings are marked questionable: about what slow walking produces;
        /// sitting, typing and breathing stay well below it.
        /// </summary>
        public const float MotionThresholdG = 0.1f;

        /// <summary>
        /// How long readings stay questionable after movement stops: the vitals' beat windows and averages still hold
        /// beats recorded during the movement for several seconds.
        /// </summary>
        public const long MotionHangoverMicroseconds = 8000000;

        // Exponential smoothing per sample: about 0.2 s at 50 Hz.
        private const float MovementSmoothing = 0.1f;
        private float _movementG;
        private long _lastMovementMicroseconds = long.MinValue / 2;

        private readonly Adxl345 _sensor;
        private readonly IFallDetector _detector;
        private readonly FallAlertStateMachine _alerts;
        private readonly IButtonInput _button;
        private readonly CadenceEstimator _cadence;

        // The drain's magnitudes, for the step rate's band-pass over the tick's samples in one call.
        private readonly float[] _magnitudes;

        public AccelerometerProcessingStage(Adxl345 sensor, IFallDetector detector, FallAlertStateMachine alerts, IButtonInput button)
        {
            _sensor = sensor;
            _detector = detector;
            _alerts = alerts;
            _button = button;
            _cadence = new CadenceEstimator(detector.SampleRateHz);
            _magnitudes = new float[sensor.X.Length];
        }

        /// <summary>Steps per minute while the wearer walks or runs (and moves), else 0.</summary>
        public float CadenceStepsPerMinute
        {
            get { return Moving && _cadence.IsValid ? _cadence.StepsPerMinute : 0f; }
        }

        /// <summary>The accelerometer; its latest drain's samples are also the vitals' reference of the PPG's motion artefact.</summary>
        public Adxl345 Accelerometer
        {
            get { return _sensor; }
        }

        /// <summary>Smoothed movement level in g.</summary>
        public float MovementG
        {
            get { return _movementG; }
        }

        /// <summary>True while the wearer moves enough to disturb the PPG, and for the hangover after.</summary>
        public bool Moving { get; private set; }

        /// <summary>Falls the detector reported since start.</summary>
        public int FallsDetected { get; private set; }

        /// <summary>The placement's fall detector (wrist or waist).</summary>
        public IFallDetector Detector
        {
            get { return _detector; }
        }

        /// <summary>Times the detector restarted because the accelerometer stream had a gap.</summary>
        public int Restarts { get; private set; }

        public void Run(long nowMicroseconds)
        {
            if (_sensor.GapBeforeThisDrain)
            {
                // Lost samples or a re-initialised chip: an impact/posture window spanning the gap would be wrong.
                _detector.Reset();
                _cadence.Reset();
                Restarts++;
            }

            int count = _sensor.SampleCount;
            float scale = _sensor.GPerCount;
            int[] x = _sensor.X;
            int[] y = _sensor.Y;
            int[] z = _sensor.Z;
            float[] magnitudes = _magnitudes;
            IFallDetector detector = _detector;
            float movement = _movementG;
            bool moved = false;
            for (int i = 0; i < count; i++)
            {
                if (detector.Process(x[i] * scale, y[i] * scale, z[i] * scale) == FallDecision.Fall)
                {
                    FallsDetected++;
                    _alerts.OnSuspectedFall(nowMicroseconds, detector.PeakG, detector.PostureAfter);
                }

                // |‖a‖ − 1 g| without Math.Abs: a native call per sample on nanoFramework.
                float magnitude = detector.Magnitude;
                float deviation = magnitude - 1f;
                if (deviation < 0)
                {
                    deviation = -deviation;
                }

                movement += MovementSmoothing * (deviation - movement);
                if (movement > MotionThresholdG)
                {
                    // Judged per sample: a movement shorter than a tick counts whatever the tick's length.
                    moved = true;
                }

                magnitudes[i] = magnitude;
            }

            _movementG = movement;
            _cadence.Add(magnitudes, count);

            // Only fresh samples can show movement: an accelerometer that stopped delivering must not keep the
            // PPG readings questionable for ever with its last level.
            if (moved)
            {
                _lastMovementMicroseconds = nowMicroseconds;
            }

            Moving = nowMicroseconds - _lastMovementMicroseconds < MotionHangoverMicroseconds;

            if ((_sensor.Events & InterruptSource.DoubleTap) != 0)
            {
                _alerts.OnCancel(nowMicroseconds, CancelSource.DoubleTap);
            }

            ButtonPress press = _button.TakePress();
            if (press == ButtonPress.Short)
            {
                _alerts.OnCancel(nowMicroseconds, CancelSource.Button);
            }
            else if (press == ButtonPress.Long)
            {
                _alerts.OnManualEmergency(nowMicroseconds);
            }

            _alerts.Update(nowMicroseconds);
        }
    }
}
