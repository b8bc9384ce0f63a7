using WearableFirmware.Ble;
using WearableFirmware.Power;
using WearableFirmware.Sampling;

namespace WearableFirmware.Application
{
    /// <summary>Once a minute: battery voltage into the gauge, the level into the Battery service.</summary>
    public sealed class BatteryPublisher : ILoopTask
    {
        private readonly IBatterySensor _sensor;
        private readonly BatteryGauge _gauge;
        private readonly BatteryService _service;

        public BatteryPublisher(IBatterySensor sensor, BatteryGauge gauge, BatteryService service)
        {
            _sensor = sensor;
            _gauge = gauge;
            _service = service;
        }

        public void Run(long nowMicroseconds)
        {
            _gauge.AddReading(_sensor.ReadMillivolts(), _sensor.Charging);
            _service.SetLevel(_gauge.LevelPercent);
        }
    }
}
