using WearableFirmware.Ble;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.Falls;
using WearableFirmware.Sampling;
using WearableFirmware.Vitals;

namespace WearableFirmware.Application
{
    /// <summary>
    /// Once a second: the latest reading goes to the Heart Rate Measurement (with every RR interval since the last
    /// one) and the PLX Continuous Measurement (unavailable values as NaN with the status bits saying why), the alert
    /// state machine gets the vitals it attaches to a fall alert, and the spot-check recorder gets the reading.
    /// </summary>
    public sealed class VitalsPublisher : ILoopTask
    {
        private readonly VitalsProcessor _vitals;
        private readonly HealthProfile _profile;
        private readonly FallAlertStateMachine _alerts;
        private readonly SpotCheckRecorder _spotChecks;
        private readonly Max30102 _ppg;
        private readonly Adxl345 _accelerometer;
        private readonly ushort[] _rr = new ushort[32];

        // Filled in place once a second and only ever passed by reference: on nanoCLR a struct is a heap object, and
        // every copy of this one (a local, an argument, a property value) would allocate about 300 bytes.
        private VitalsReading _reading;

        public VitalsPublisher(VitalsProcessor vitals, HealthProfile profile, FallAlertStateMachine alerts, SpotCheckRecorder spotChecks,
            Max30102 ppg, Adxl345 accelerometer)
        {
            _vitals = vitals;
            _profile = profile;
            _alerts = alerts;
            _spotChecks = spotChecks;
            _ppg = ppg;
            _accelerometer = accelerometer;
        }

        /// <summary>The reading published last (a copy: for tests and tools, not the loop).</summary>
        public VitalsReading LastReading
        {
            get { return _reading; }
        }

        public void Run(long nowMicroseconds)
        {
            _vitals.Read(ref _reading);
            bool contact = _reading.Contact == SensorContact.Contact;

            int rrCount = _vitals.RrIntervals.Take(_rr);
            if (_reading.HeartRateValid)
            {
                HeartRateService heartRate = _profile.HeartRate;
                for (int i = 0; i < rrCount; i++)
                {
                    heartRate.AddRrInterval(_rr[i]);
                }

                heartRate.NotifyMeasurement((int)(_reading.HeartRateBpm + 0.5f), contact);
            }

            int measurementStatus = DeviceStatus.MeasurementStatus(ref _reading);
            int sensorStatus = DeviceStatus.DeviceAndSensorStatus(ref _reading, _ppg.Health.State, _accelerometer.Health.State);
            _profile.PulseOximeter.NotifyContinuous(
                _reading.SpO2Valid ? _reading.SpO2Percent : float.NaN,
                _reading.HeartRateValid ? _reading.HeartRateBpm : float.NaN,
                measurementStatus,
                sensorStatus,
                _reading.PerfusionIndexValid ? _reading.PerfusionIndexPercent : float.NaN);

            bool valid = _reading.HeartRateValid && _reading.SpO2Valid;
            _alerts.UpdateVitals((int)(_reading.HeartRateBpm + 0.5f), (int)(_reading.SpO2Percent + 0.5f), valid);
            _spotChecks.OnReading(nowMicroseconds, ref _reading, measurementStatus, sensorStatus);
        }
    }
}
