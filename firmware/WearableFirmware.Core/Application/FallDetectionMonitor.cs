using WearableFirmware.Ble;
using WearableFirmware.Drivers;
using WearableFirmware.Sampling;

namespace WearableFirmware.Application
{
    /// <summary>
    /// Once a second: Fall Detection Status on the fall alert service follows the accelerometer's health (the same
    /// rule that sets PLX Equipment Malfunction Detected, <see cref="DeviceStatus.FallDetectionUnavailable"/>), so a
    /// phone sees the technical condition for as long as it lasts, notified when it starts and ends.
    /// </summary>
    public sealed class FallDetectionMonitor : ILoopTask
    {
        private readonly FallAlertService _service;
        private readonly DriverHealth _motion;

        public FallDetectionMonitor(FallAlertService service, DriverHealth motion)
        {
            _service = service;
            _motion = motion;
        }

        /// <summary>Seconds (runs) the condition was reported.</summary>
        public int UnavailableSeconds { get; private set; }

        public void Run(long nowMicroseconds)
        {
            bool unavailable = DeviceStatus.FallDetectionUnavailable(_motion.State);
            if (unavailable)
            {
                UnavailableSeconds++;
            }

            _service.SetDetectionUnavailable(unavailable);
        }
    }
}
