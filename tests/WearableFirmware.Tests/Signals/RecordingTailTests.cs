using System.Numerics;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Simulator.Evaluation.Falls;
using Xunit;

namespace WearableFirmware.Tests.Signals;

/// <summary>The continuation past a recording's end: its last second played back and forth, the recording itself untouched.</summary>
public class RecordingTailTests
{
    // x = t in s (a ramp at 10 Hz over 0..5 s), so every value tells the time it was read at.
    private static RecordedMotion Ramp()
    {
        float[] x = Enumerable.Range(0, 51).Select(i => i / 10f).ToArray();
        float[] zero = new float[51];
        return new RecordedMotion(x, zero, zero, 10.0);
    }

    [Theory]
    [InlineData(2.5, 2.5)]  // inside the recording: unchanged
    [InlineData(5.0, 5.0)]  // the last sample
    [InlineData(5.3, 4.7)]  // 0.3 s past the end: 0.3 s back from it
    [InlineData(6.0, 4.0)]  // 1 s past: the start of the replayed second
    [InlineData(6.4, 4.4)]  // then forwards again
    [InlineData(7.0, 5.0)]  // back at the end
    [InlineData(7.5, 4.5)]  // and backwards again
    public void Plays_the_last_second_back_and_forth(double atSeconds, double expectedX)
    {
        var tail = new RecordingTail(Ramp(), 5_000_000);

        Vector3 a = tail.AccelerationAt((long)Math.Round(atSeconds * 1e6));

        Assert.Equal(expectedX, a.X, 4);
    }
}
