using WearableFirmware.Time;

namespace WearableFirmware.Ble
{
    /// <summary>
    /// The device's GATT attribute table: every service in declaration order (handles follow this order), built
    /// once at start-up. The simulated server and the device adapter both map exactly this table.
    /// </summary>
    public sealed class HealthProfile
    {
        public HealthProfile(WallClock clock, byte[] bluetoothAddress)
        {
            DeviceInformation = new DeviceInformationService(bluetoothAddress);
            Battery = new BatteryService();
            HeartRate = new HeartRateService();
            PulseOximeter = new PulseOximeterService();
            CurrentTime = new CurrentTimeService(clock);
            FallAlert = new FallAlertService();
            Alarms = new AlarmService();
            Services = new GattService[] { DeviceInformation, Battery, HeartRate, PulseOximeter, CurrentTime, FallAlert, Alarms };
        }

        public DeviceInformationService DeviceInformation { get; }

        public BatteryService Battery { get; }

        public HeartRateService HeartRate { get; }

        public PulseOximeterService PulseOximeter { get; }

        public CurrentTimeService CurrentTime { get; }

        public FallAlertService FallAlert { get; }

        /// <summary>Alarm status, limits and stored alarm events (last, so the other services keep their handles).</summary>
        public AlarmService Alarms { get; }

        public GattService[] Services { get; }

        /// <summary>Attaches the transport that delivers notifications and indications (server or adapter).</summary>
        public void AttachNotifier(IGattNotifier notifier)
        {
            for (int i = 0; i < Services.Length; i++)
            {
                Services[i].Notifier = notifier;
            }
        }
    }
}
