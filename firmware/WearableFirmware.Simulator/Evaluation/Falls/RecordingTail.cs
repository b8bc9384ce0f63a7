using System.Numerics;
using WearableFirmware.SimulatedBoard.Signals;

namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>
/// Continues a recording past its end so that an impact near the end is judged after the detector's full observation
/// time, as on a device that keeps running: the last <see cref="SourceSeconds"/> are played back and forth (backwards,
/// then forwards, ...). The continuation keeps the recording's own end state (still if the wearer was still, moving if
/// not) whatever the trial's class, so the end of a recording neither adds stillness nor removes it. Before the end
/// the recording is unchanged.
/// </summary>
public sealed class RecordingTail(IMotionSource recording, long endMicroseconds) : IMotionSource
{
    /// <summary>Length of the recording's end that is replayed (s): long enough to show the end state, short enough to stay after the impact.</summary>
    public const double SourceSeconds = 1.0;

    private static readonly long Span = (long)(SourceSeconds * 1e6);

    public Vector3 AccelerationAt(long timeMicroseconds)
    {
        if (timeMicroseconds <= endMicroseconds)
        {
            return recording.AccelerationAt(timeMicroseconds);
        }

        long phase = (timeMicroseconds - endMicroseconds) % (2 * Span);
        long back = phase <= Span ? phase : 2 * Span - phase;
        return recording.AccelerationAt(endMicroseconds - back);
    }
}
