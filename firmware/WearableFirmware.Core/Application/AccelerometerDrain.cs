using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Sampling;

namespace WearableFirmware.Application
{
    /// <summary>Acquire phase for the ADXL345: one FIFO drain per tick.</summary>
    public sealed class AccelerometerDrain : ILoopTask
    {
        private readonly Adxl345 _sensor;

        public AccelerometerDrain(Adxl345 sensor)
        {
            _sensor = sensor;
        }

        public void Run(long nowMicroseconds)
        {
            _sensor.Drain();
        }
    }
}
