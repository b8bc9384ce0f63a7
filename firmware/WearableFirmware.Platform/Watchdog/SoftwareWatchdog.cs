using System.Threading;
using WearableFirmware.Platform.Esp32;
using WearableFirmware.Sampling;

namespace WearableFirmware.Platform.Watchdog
{
    /// <summary>
    /// nanoFramework has no managed API for the ESP32 hardware watchdog (only the native task watchdog inside the
    /// firmware image), so a low-cost monitor thread does the job for the sampling loop: when the loop has not fed
    /// it for <see cref="TimeoutMilliseconds"/>, the device reboots. The reboot reason is recorded at the next boot
    /// from the persisted "last feed" marker written by <see cref="MarkStall"/>.
    /// </summary>
    public sealed class SoftwareWatchdog : IWatchdog
    {
        private readonly Esp32Clock _clock;
        private readonly Thread _monitor;
        private long _lastFeedMicroseconds;

        public SoftwareWatchdog(Esp32Clock clock, int timeoutMilliseconds)
        {
            _clock = clock;
            TimeoutMilliseconds = timeoutMilliseconds;
            _lastFeedMicroseconds = clock.NowMicroseconds;
            _monitor = new Thread(Monitor);
            _monitor.Priority = ThreadPriority.AboveNormal;
        }

        public int TimeoutMilliseconds { get; private set; }

        /// <summary>Called just before the watchdog reboots the device, so the cause can be persisted.</summary>
        public event StallHandler Stalled;

        public delegate void StallHandler(long stalledMicroseconds);

        public void Start()
        {
            // Start-up (sensor self-checks, GATT table) may take longer than the timeout: count from now.
            _lastFeedMicroseconds = _clock.NowMicroseconds;
            _monitor.Start();
        }

        public void Feed()
        {
            _lastFeedMicroseconds = _clock.NowMicroseconds;
        }

        private void Monitor()
        {
            while (true)
            {
                Thread.Sleep(TimeoutMilliseconds / 4);
                long stalled = _clock.NowMicroseconds - _lastFeedMicroseconds;
                if (stalled > (long)TimeoutMilliseconds * 1000)
                {
                    MarkStall(stalled);
                    // Qualified: inside WearableFirmware, 'Power' names the core's WearableFirmware.Power namespace.
                    nanoFramework.Runtime.Native.Power.RebootDevice();
                }
            }
        }

        private void MarkStall(long stalledMicroseconds)
        {
            StallHandler handler = Stalled;
            if (handler != null)
            {
                try
                {
                    handler(stalledMicroseconds);
                }
                catch (System.Exception)
                {
                    // The marker is lost (e.g. a flash error), but an exception here must not end this thread
                    // before the reboot.
                }
            }
        }
    }
}
