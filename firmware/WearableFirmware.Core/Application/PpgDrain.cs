using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.Sampling;

namespace WearableFirmware.Application
{
    /// <summary>Acquire phase for the MAX30102: one FIFO drain per tick (the driver also steps its own recovery).</summary>
    public sealed class PpgDrain : ILoopTask
    {
        private readonly Max30102 _sensor;

        public PpgDrain(Max30102 sensor)
        {
            _sensor = sensor;
        }

        public void Run(long nowMicroseconds)
        {
            _sensor.Drain();
        }
    }
}
