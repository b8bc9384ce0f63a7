using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.Sampling;
using WearableFirmware.Vitals;

namespace WearableFirmware.Application
{
    /// <summary>
    /// Process phase for the PPG: every red/IR pair the last drain delivered goes through the vitals pipeline, with
    /// the accelerometer's movement and the sensor's ambient-light flag attached. A gap in the sample stream (FIFO
    /// overflow, recovery after a brown-out) restarts the pipeline, because an RR interval or a beat window that
    /// spans missing samples would be wrong rather than merely late. So does a change of LED current (the off-wrist
    /// policy): the DC level steps, which the filters and the beat detector would take for a huge pulse. The
    /// accelerometer's samples of the same tick go in with them, as the reference of the PPG's motion artefact. The
    /// motion heart rate's spectral update runs in the tick that publishes the reading of each whole update period of
    /// the loop's clock, before the publish phase, so that reading shows a window ending at the tick.
    /// </summary>
    public sealed class PpgProcessingStage : ILoopTask
    {
        private const DrainFlags StreamBroken = DrainFlags.SamplesLost | DrainFlags.Reinitialised | DrainFlags.PowerOnReset | DrainFlags.ConfigurationLost
            | DrainFlags.LedCurrentsChanged;

        /// <summary>
        /// No sample for this long ends the readings: the sensor stopped (gone from the bus, recovering) and what the
        /// pipeline holds would otherwise be published as a current measurement. At 100 sps a tick brings about 4.
        /// </summary>
        public const long StaleAfterMicroseconds = 1000000;

        private readonly Max30102 _sensor;
        private readonly VitalsProcessor _vitals;
        private readonly AccelerometerProcessingStage _motion;
        private bool _running;
        private bool _stale;
        private long _lastSampleMicroseconds;
        private readonly long _motionUpdatePeriod;
        private bool _motionUpdateScheduled;

        // Never reached while the estimator counts its own updates; the first tick sets the schedule otherwise.
        private long _nextMotionUpdate = long.MaxValue;

        public PpgProcessingStage(Max30102 sensor, VitalsProcessor vitals, AccelerometerProcessingStage motion)
        {
            _sensor = sensor;
            _vitals = vitals;
            _motion = motion;
            MotionHeartRateSettings m = vitals.Configuration.MotionHeartRate;
            if (m.UpdateWithReadings)
            {
                _motionUpdatePeriod = m.UpdateSeconds * 1000000L;
                _nextMotionUpdate = 0;
                vitals.MotionHeartRate.UpdatesOnRequest = true;
            }
        }

        /// <summary>Times the pipeline restarted because the sample stream had a gap or the LED currents changed.</summary>
        public int Restarts { get; private set; }

        /// <summary>Times the readings were dropped because no sample came for <see cref="StaleAfterMicroseconds"/>.</summary>
        public int StaleResets { get; private set; }

        public void Run(long nowMicroseconds)
        {
            DrainFlags flags = _sensor.LastDrainFlags;
            if ((flags & StreamBroken) != 0)
            {
                _vitals.Reset();
                Restarts++;
            }

            _vitals.WearerMoving = _motion != null && _motion.Moving;
            _vitals.MotionCadenceBpm = _motion != null ? _motion.CadenceStepsPerMinute : 0f;
            _vitals.AmbientLightOverflow = (flags & DrainFlags.AmbientLightOverflow) != 0;
            int count = _sensor.SampleCount;
            if (count > 0 || !_running)
            {
                _running = true;
                _stale = false;
                _lastSampleMicroseconds = nowMicroseconds;
            }
            else if (!_stale && nowMicroseconds - _lastSampleMicroseconds >= StaleAfterMicroseconds)
            {
                _stale = true;
                _vitals.Reset();
                StaleResets++;
            }

            if (_motion != null)
            {
                // This tick's acceleration first: the motion-robust heart rate pairs it with this tick's pulse.
                Adxl345 accelerometer = _motion.Accelerometer;
                _vitals.AddAccelerations(accelerometer.X, accelerometer.Y, accelerometer.Z, accelerometer.SampleCount, accelerometer.GPerCount);
            }

            _vitals.AddSamples(_sensor.Red, _sensor.Ir, count);

            // One comparison per tick; the call only every update period.
            if (nowMicroseconds >= _nextMotionUpdate)
            {
                UpdateMotionRateWithReading(nowMicroseconds);
            }
        }

        /// <summary>
        /// The readings are published at whole seconds from the loop's first tick, in the first tick at or after each
        /// (the same comparison of the tick's start as the loop's publishers). Counted by the estimator from contact and
        /// the filters' settling instead, each update came 0.75 s after the reading that showed it, and that reading
        /// showed a window that had ended 1.25 s before it.
        /// </summary>
        private void UpdateMotionRateWithReading(long nowMicroseconds)
        {
            if (!_motionUpdateScheduled)
            {
                _motionUpdateScheduled = true;
                _nextMotionUpdate = nowMicroseconds + _motionUpdatePeriod;
                return;
            }

            _vitals.MotionHeartRate.UpdateNow();
            while (_nextMotionUpdate <= nowMicroseconds)
            {
                _nextMotionUpdate += _motionUpdatePeriod;
            }
        }
    }
}
