using System.Threading;
using nanoFramework.Hardware.Esp32;
using WearableFirmware.Drivers;

namespace WearableFirmware.Platform.Esp32
{
    /// <summary>
    /// Monotonic microseconds from the ESP32 high-resolution timer (esp_timer, 64-bit, never wraps in practice).
    /// Sleeps yield to other managed threads in whole milliseconds and spin only for the sub-millisecond rest, so
    /// the sampling loop wakes on its deadline without burning the CPU for the whole wait.
    /// </summary>
    public sealed class Esp32Clock : IClock
    {
        public long NowMicroseconds
        {
            get { return (long)HighResTimer.GetCurrent(); }
        }

        public void SleepMicroseconds(long microseconds)
        {
            if (microseconds <= 0)
            {
                return;
            }

            long until = NowMicroseconds + microseconds;
            int wholeMilliseconds = (int)(microseconds / 1000);
            if (wholeMilliseconds > 0)
            {
                Thread.Sleep(wholeMilliseconds);
            }

            while (NowMicroseconds < until)
            {
                Thread.SpinWait(1);
            }
        }
    }
}
