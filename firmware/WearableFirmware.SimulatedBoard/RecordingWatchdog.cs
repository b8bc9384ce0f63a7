using WearableFirmware.Sampling;

namespace WearableFirmware.SimulatedBoard;

/// <summary>The watchdog: records the longest gap between feeds (on the device a gap past the timeout reboots).</summary>
public sealed class RecordingWatchdog(VirtualClock clock) : IWatchdog
{
    private long _last = -1;

    public long Feeds { get; private set; }

    public long LongestGapMicroseconds { get; private set; }

    public void Feed()
    {
        long now = clock.NowMicroseconds;
        if (_last >= 0 && now - _last > LongestGapMicroseconds)
        {
            LongestGapMicroseconds = now - _last;
        }

        _last = now;
        Feeds++;
    }
}
