using WearableFirmware.Drivers;

namespace WearableFirmware.Bench
{
    /// <summary>
    /// Bench time: sleeping advances it at once, so the sampling loop runs tick after tick without waiting and the
    /// replayed chips produce samples exactly on their grid. Processing takes no bench time (no overruns).
    /// </summary>
    public sealed class BenchClock : IClock
    {
        private long _now;

        public long NowMicroseconds
        {
            get { return _now; }
        }

        public void SleepMicroseconds(long microseconds)
        {
            if (microseconds > 0)
            {
                _now += microseconds;
            }
        }
    }
}
