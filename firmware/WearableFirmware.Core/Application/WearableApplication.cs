using System;
using WearableFirmware.Alarms;
using WearableFirmware.Ble;
using WearableFirmware.Drivers;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.Falls;
using WearableFirmware.Power;
using WearableFirmware.Sampling;
using WearableFirmware.Storage;
using WearableFirmware.Time;
using WearableFirmware.Vitals;

namespace WearableFirmware.Application
{
    /// <summary>
    /// The firmware, assembled: sensors, sampling loop, vitals, fall detection and alerts, the alarm system, record
    /// store and the GATT health profile, over ports the platform supplies (clock, I2C buses, flash for records and
    /// for settings, watchdog, alarm outputs, button, battery).
    /// The ESP32 application and the simulated board both build exactly this object, so what the simulator shows is
    /// what the device runs. Everything is allocated here; ticks allocate nothing.
    /// </summary>
    public sealed class WearableApplication
    {
        private readonly IClock _clock;
        private readonly ApplicationSettings _settings;
        private readonly BatteryPublisher _batteryPublisher;
        private bool _started;
        private int _connectedPhones;

        /// <summary>
        /// Segments the settings flash needs: the alarm limits on 0 and 1, the alarms' state from
        /// <see cref="AlarmStateStore.FirstSegment"/> (two more).
        /// </summary>
        public const int SettingsFlashSegments = AlarmStateStore.FirstSegment + 2;

        /// <summary>Bytes per settings segment: each holds one framed copy of the larger payload with room to spare.</summary>
        public const int SettingsFlashSegmentBytes = 128;

        public WearableApplication(IClock clock, IRegisterBus ppgBus, IRegisterBus motionBus, IFlashStorage flash, IFlashStorage settingsFlash,
            IWatchdog watchdog, IAlarmSignalOutput alarm, IButtonInput button, IBatterySensor battery, byte[] bluetoothAddress, ApplicationSettings settings)
        {
            if (clock == null || ppgBus == null || motionBus == null || flash == null || settingsFlash == null || watchdog == null || alarm == null
                || button == null || battery == null || bluetoothAddress == null)
            {
                throw new ArgumentException("a platform port is missing (null)");
            }

            _clock = clock;
            _settings = settings == null ? new ApplicationSettings() : settings;
            long detectorPeriod = 1000000000L / FallSensing.DetectorRateHz(_settings.Placement, _settings.WristFallDetector, _settings.FallDetector);
            long sensorPeriod = Adxl345Settings.RatePeriodNanoseconds(_settings.Accelerometer.DataRate);
            if (sensorPeriod < detectorPeriod * 99 / 100 || sensorPeriod > detectorPeriod * 101 / 100)
            {
                // The detector's thresholds hold only at the rate it was tuned for.
                throw new ArgumentException("the accelerometer's data rate does not match the fall detector's sample rate");
            }

            WallClock = new WallClock(clock);
            Store = new RecordStore(flash, WallClock);
            Profile = new HealthProfile(WallClock, bluetoothAddress);
            Ppg = new Max30102(ppgBus, clock, _settings.Ppg);
            Accelerometer = new Adxl345(motionBus, clock, _settings.Accelerometer);
            Vitals = new VitalsProcessor(_settings.Vitals);
            Battery = new BatteryGauge();

            // The fall alarm and the alarm system share the buzzer, motor and LED (precedence: AlarmSignalArbiter).
            AlarmOutputs = new AlarmSignalArbiter(alarm);
            FallAlerts = new FallAlertBridge(Profile.FallAlert, Store, WallClock, AlarmOutputs, clock);
            Alerts = new FallAlertStateMachine(_settings.FallAlerts, AlarmOutputs, FallAlerts, FallAlerts);
            FallAlerts.Attach(Alerts);
            RecordAccess = new RecordAccessBridge(Profile.PulseOximeter, Store);
            RecordAccess.Attach(new RacpControlPoint(Store, RecordAccess));

            AlarmSettings liveAlarmSettings = new AlarmSettings();
            liveAlarmSettings.CopyFrom(_settings.Alarms);
            AlarmState = new AlarmStateStore(new SettingsStore(settingsFlash, AlarmStateStore.FirstSegment, AlarmStateStore.EncodedLength));
            AlarmBridge = new AlarmBridge(Profile.Alarms, Store, new SettingsStore(settingsFlash, AlarmSettings.EncodedLength), liveAlarmSettings,
                AlarmState, clock);
            Alarms = new AlarmSystem(AlarmBridge);
            AlarmEvaluator = new AlarmEvaluator(Alarms, liveAlarmSettings);
            AlarmBridge.Attach(Alarms, AlarmEvaluator, AlarmOutputs);
            AlarmSettings = liveAlarmSettings;
            ButtonRouter router = new ButtonRouter(button, clock);
            router.Attach(Alerts, Alarms);
            Buttons = router;

            IFallDetector detector = FallSensing.CreateDetector(_settings.Placement, _settings.WristFallDetector, _settings.FallDetector);
            AccelerometerProcessingStage = new AccelerometerProcessingStage(Accelerometer, detector, Alerts, router);
            PpgProcessingStage = new PpgProcessingStage(Ppg, Vitals, AccelerometerProcessingStage);
            SpotChecks = new SpotCheckRecorder(Store, new SpotCheckScheduler(_settings.SpotCheckIntervalSeconds));
            VitalsPublisher = new VitalsPublisher(Vitals, Profile, Alerts, SpotChecks, Ppg, Accelerometer);
            _batteryPublisher = new BatteryPublisher(battery, Battery, Profile.Battery);
            OffWristPower = new OffWristPowerPolicy(Ppg, Vitals, _settings.OffWrist);
            AlarmMonitor = new AlarmMonitor(Alarms, AlarmEvaluator, AlarmOutputs, AlarmBridge, Vitals, AccelerometerProcessingStage, Ppg.Health, Accelerometer.Health, Battery,
                battery, Store, Alerts, _settings.VitalsPeriodMicroseconds);

            Loop = new SamplingLoop(clock, _settings.Loop, watchdog);
            Loop.AddSensor("MAX30102", new PpgDrain(Ppg), Ppg.Health);
            Loop.AddSensor("ADXL345", new AccelerometerDrain(Accelerometer), Accelerometer.Health);
            Loop.AddProcessor(AccelerometerProcessingStage);   // first, so the vitals see this tick's movement
            Loop.AddProcessor(PpgProcessingStage);
            Loop.AddPublisher(FallAlerts, 0);
            Loop.AddPublisher(RecordAccess, 0);
            Loop.AddPublisher(VitalsPublisher, _settings.VitalsPeriodMicroseconds);
            Loop.AddPublisher(AlarmMonitor, 0);   // every tick: pauses end on time; judges the vitals once a second
            Loop.AddPublisher(new DeviceEventRecorder(Store, WallClock, Ppg, Accelerometer.Health), 1000000);
            FallDetection = new FallDetectionMonitor(Profile.FallAlert, Accelerometer.Health);
            Loop.AddPublisher(FallDetection, 1000000);
            Loop.AddPublisher(_batteryPublisher, _settings.BatteryPeriodMicroseconds);
            Loop.AddPublisher(new StoreMaintenance(Store), 1000000);
            Loop.AddPublisher(OffWristPower, 1000000);
        }

        public WallClock WallClock { get; private set; }

        public RecordStore Store { get; private set; }

        public HealthProfile Profile { get; private set; }

        public Max30102 Ppg { get; private set; }

        public Adxl345 Accelerometer { get; private set; }

        public VitalsProcessor Vitals { get; private set; }

        public BatteryGauge Battery { get; private set; }

        public FallAlertStateMachine Alerts { get; private set; }

        public FallAlertBridge FallAlerts { get; private set; }

        public RecordAccessBridge RecordAccess { get; private set; }

        public AccelerometerProcessingStage AccelerometerProcessingStage { get; private set; }

        public PpgProcessingStage PpgProcessingStage { get; private set; }

        public VitalsPublisher VitalsPublisher { get; private set; }

        /// <summary>Stores a spot-check from the published reading once per interval while worn.</summary>
        public SpotCheckRecorder SpotChecks { get; private set; }

        /// <summary>Fall Detection Status on the fall alert service (the accelerometer's technical condition).</summary>
        public FallDetectionMonitor FallDetection { get; private set; }

        /// <summary>Turns the PPG LEDs down while the band is off the wrist.</summary>
        public OffWristPowerPolicy OffWristPower { get; private set; }

        public SamplingLoop Loop { get; private set; }

        /// <summary>The alarm system: conditions' alarms, priorities, latching, pause.</summary>
        public AlarmSystem Alarms { get; private set; }

        /// <summary>Judges the alarm conditions once a second.</summary>
        public AlarmEvaluator AlarmEvaluator { get; private set; }

        /// <summary>The alarm limits and delays in force (defaults, or what a phone set, kept across restarts).</summary>
        public AlarmSettings AlarmSettings { get; private set; }

        /// <summary>The physiological alarms' running and latched state, kept on the settings flash across restarts.</summary>
        public AlarmStateStore AlarmState { get; private set; }

        /// <summary>Alarm records, alarm status and limits over BLE.</summary>
        public AlarmBridge AlarmBridge { get; private set; }

        public AlarmMonitor AlarmMonitor { get; private set; }

        /// <summary>Buzzer, motor and LED shared by the fall alarm and the alarm system.</summary>
        public AlarmSignalArbiter AlarmOutputs { get; private set; }

        /// <summary>Routes short presses to the fall alarm or the alarm system.</summary>
        public ButtonRouter Buttons { get; private set; }

        /// <summary>Take it before calling into the firmware from another thread (BLE callbacks on the device).</summary>
        public object SyncRoot
        {
            get { return Loop.SyncRoot; }
        }

        /// <summary>
        /// Boot: records the boot (with the platform's reset or wake cause), brings back pending fall alerts and the
        /// physiological alarms that were running or latched before the restart, starts both sensors with their self-checks
        /// (a missing sensor is reported, the rest keeps working and the driver keeps retrying), reads the battery.
        /// Returns false when a sensor did not start.
        /// </summary>
        public bool Start(int resetCause)
        {
            if (_started)
            {
                throw new InvalidOperationException("already started");
            }

            _started = true;
            Store.AppendDeviceEvent(DeviceEventCode.Boot, resetCause);
            FallAlerts.RestorePending();
            AlarmState.Restore(_clock.NowMicroseconds, Alarms, AlarmEvaluator);
            bool ppg = Ppg.Start();
            bool motion = Accelerometer.Start();
            if (!ppg)
            {
                Store.AppendDeviceEvent(DeviceEventCode.SensorFault, DeviceEventRecorder.SensorPpg);
            }

            if (!motion)
            {
                Store.AppendDeviceEvent(DeviceEventCode.SensorFault, DeviceEventRecorder.SensorMotion);
            }

            _batteryPublisher.Run(_clock.NowMicroseconds);
            return ppg && motion;
        }

        /// <summary>Runs the sampling loop until the clock reaches <paramref name="untilMicroseconds"/> (or Stop).</summary>
        public void Run(long untilMicroseconds)
        {
            Loop.Run(untilMicroseconds);
        }

        /// <summary>
        /// Deep sleep is due: the gauge reads critical, no charger is attached, and the critical-battery alarm has
        /// started (stored, indicated to a phone, its burst begun: the alarm system judges once a second), so the
        /// device never goes dark unannounced. The main thread asks once a second, under <see cref="SyncRoot"/>. After
        /// a wake the first readings decide again, so a still-critical cell goes straight back.
        /// </summary>
        public bool DeepSleepDue(bool charging)
        {
            return Battery.IsCritical && !charging && Alarms.IsActive(AlarmCondition.BatteryCritical);
        }

        /// <summary>
        /// Before deep sleep (under <see cref="SyncRoot"/>): records why, with the battery voltage, and stops the loop.
        /// The record store needs no flush: every append is complete on flash when it returns.
        /// </summary>
        public void PrepareForDeepSleep()
        {
            Store.AppendDeviceEvent(DeviceEventCode.DeepSleep, Battery.AverageMillivolts);
            Loop.Stop();
        }

        /// <summary>A phone connected (call under <see cref="SyncRoot"/>): pending fall alerts go out now.</summary>
        public void OnPhoneConnected(IGattLink link)
        {
            _connectedPhones++;
            RecordAccess.OnConnected(link);
            FallAlerts.IsConnected = true;
            AlarmMonitor.OnConnectedPhones(_connectedPhones);
            Alerts.OnPhoneConnected(_clock.NowMicroseconds);
        }

        /// <summary>A phone's link went down (call under <see cref="SyncRoot"/>).</summary>
        public void OnPhoneDisconnected(IGattLink link)
        {
            // A caregiver's second phone may still be connected: alerts keep going to it.
            _connectedPhones = _connectedPhones > 0 ? _connectedPhones - 1 : 0;
            FallAlerts.IsConnected = _connectedPhones > 0;
            AlarmMonitor.OnConnectedPhones(_connectedPhones);
            Alerts.OnPhoneDisconnected();
            RecordAccess.OnDisconnected(link);
            AlarmBridge.OnDisconnected(link);
        }

        /// <summary>A phone confirmed an indication (call under <see cref="SyncRoot"/>).</summary>
        public void OnIndicationConfirmed(IGattLink link, GattCharacteristic characteristic)
        {
            RecordAccess.OnIndicationConfirmed(link, characteristic);
            AlarmBridge.OnIndicationConfirmed(link, characteristic);
        }
    }
}
