using System.Diagnostics;
using WearableFirmware.Drivers;

namespace WearableFirmware.SimulatedBoard;

/// <summary>
/// Simulated time for the whole board. Sleeping advances it, so the firmware runs as fast as the CPU allows;
/// with a <see cref="RealTimeFactor"/> the clock also waits for wall time (1 = real time, 10 = ten times faster).
/// Chip models read <see cref="NowMicroseconds"/> on every bus access and catch up lazily, which keeps runs
/// deterministic for a given seed whatever the host's speed.
/// </summary>
public sealed class VirtualClock : IClock
{
    private readonly Stopwatch _wall = new();
    private long _now;
    private long _pacingOriginMicroseconds;

    public VirtualClock(long startMicroseconds = 0)
    {
        _now = startMicroseconds;
    }

    /// <summary>0 = as fast as possible; otherwise simulated seconds per wall second.</summary>
    public double RealTimeFactor { get; private set; }

    public long NowMicroseconds => _now;

    public void SleepMicroseconds(long microseconds)
    {
        if (microseconds > 0)
        {
            Advance(microseconds);
        }
    }

    /// <summary>Moves simulated time forward (work the firmware does "takes" time on the host only when charged here).</summary>
    public void Advance(long microseconds)
    {
        if (microseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(microseconds), microseconds, "time cannot go backwards");
        }

        _now += microseconds;
        if (RealTimeFactor > 0)
        {
            double wallDueMs = (_now - _pacingOriginMicroseconds) / 1000.0 / RealTimeFactor;
            double aheadMs = wallDueMs - _wall.Elapsed.TotalMilliseconds;
            if (aheadMs >= 1)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(aheadMs));
            }
        }
    }

    /// <summary>Paces simulated time against wall time from now on (0 turns pacing off).</summary>
    public void PaceAgainstWallClock(double realTimeFactor)
    {
        if (realTimeFactor < 0 || double.IsNaN(realTimeFactor) || double.IsInfinity(realTimeFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(realTimeFactor), realTimeFactor, "must be 0 (fast) or a positive factor");
        }

        RealTimeFactor = realTimeFactor;
        _pacingOriginMicroseconds = _now;
        _wall.Restart();
    }
}
