using WearableFirmware.Alarms;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.Falls;
using WearableFirmware.Sampling;
using WearableFirmware.Vitals;

namespace WearableFirmware.Application
{
    /// <summary>Every tunable of the firmware in one object; the defaults are the shipped configuration.</summary>
    public sealed class ApplicationSettings
    {
        public LoopSettings Loop = new LoopSettings();

        public Max3010xSettings Ppg = new Max3010xSettings();

        /// <summary>The accelerometer at the rate the fall detector was tuned for (<see cref="FallSensing"/>).</summary>
        public Adxl345Settings Accelerometer = FallSensing.AccelerometerSettings();

        public VitalsConfiguration Vitals = new VitalsConfiguration();

        /// <summary>LED currents while the band is off the wrist.</summary>
        public OffWristPowerSettings OffWrist = new OffWristPowerSettings();

        /// <summary>Where the device is worn: picks the fall detector (wrist by default; waist for a belt-clip build).</summary>
        public SensorPlacement Placement = FallSensing.DefaultPlacement;

        /// <summary>The wrist detector's settings (used when <see cref="Placement"/> is Wrist).</summary>
        public WristFallDetectorSettings WristFallDetector = FallSensing.WristDetectorSettings();

        /// <summary>The waist detector's settings (used when <see cref="Placement"/> is Waist).</summary>
        public FallDetectorSettings FallDetector = FallSensing.DetectorSettings();

        public FallAlertSettings FallAlerts = new FallAlertSettings();

        /// <summary>Alarm limits and delays used until a phone sets others (those are kept on flash and win at start).</summary>
        public AlarmSettings Alarms = new AlarmSettings();

        /// <summary>Spot-check measurement interval while worn (stored for RACP retrieval).</summary>
        public int SpotCheckIntervalSeconds = 300;

        /// <summary>Vitals notification period (Heart Rate Measurement, PLX Continuous).</summary>
        public int VitalsPeriodMicroseconds = 1000000;

        /// <summary>Battery reading period.</summary>
        public int BatteryPeriodMicroseconds = 60000000;
    }
}
