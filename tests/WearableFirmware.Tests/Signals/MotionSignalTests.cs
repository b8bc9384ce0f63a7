using System.Numerics;
using WearableFirmware.SimulatedBoard.Signals;
using Xunit;
using WearableFirmware.Falls;

namespace WearableFirmware.Tests.Signals;

public class MotionSignalTests
{
    private static float Magnitude(IMotionSource s, double seconds) => s.AccelerationAt((long)(seconds * 1e6)).Length();

    [Theory]
    [InlineData(SensorPlacement.Waist)]
    [InlineData(SensorPlacement.Wrist)]
    public void Every_posture_at_rest_reads_one_g(SensorPlacement placement)
    {
        foreach (WearerPose posture in Enum.GetValues<WearerPose>())
        {
            var frame = BodyFrame.For(posture, placement);
            Assert.Equal(1f, frame.Up.Length(), 4);
            Assert.Equal(0f, Vector3.Dot(frame.Up, frame.Forward), 4);
        }

        // Waist standing matches SisFall: gravity on -y.
        Assert.Equal(new Vector3(0, -1, 0), BodyFrame.For(WearerPose.Standing, SensorPlacement.Waist).Up);
    }

    [Fact]
    public void A_fall_has_free_fall_then_an_impact_then_rest_in_the_new_orientation()
    {
        var scenario = MotionScenario.Create(SensorPlacement.Waist, 7).Hold(1).Fall(FallDirection.Forward, impactG: 5).Hold(2).Build();
        long fall = scenario.StartOf("fall-forward");
        Assert.Equal(1_000_000, fall);

        double minDuringDescent = Enumerable.Range(0, 400).Min(i => Magnitude(scenario, 1.3 + i * 0.001 * 0.35));
        double peak = Enumerable.Range(0, 2000).Max(i => Magnitude(scenario, 1 + i * 0.001));
        Assert.True(minDuringDescent < 0.3, "free-fall magnitude " + minDuringDescent);
        Assert.InRange(peak, 4.5, 7);
        Vector3 rest = scenario.AccelerationAt(5_500_000);
        Assert.Equal(BodyFrame.For(WearerPose.LyingOnFront, SensorPlacement.Waist).Up, rest);
    }

    [Fact]
    public void Walking_and_running_average_one_g_and_running_peaks_higher()
    {
        var walk = MotionScenario.Create(SensorPlacement.Waist, 1).Walk(20).Build();
        var run = MotionScenario.Create(SensorPlacement.Waist, 1).Run(20).Build();
        Vector3 meanWalk = Vector3.Zero, meanRun = Vector3.Zero;
        float peakWalk = 0, peakRun = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++)
        {
            long t = i * 1000L;
            Vector3 w = walk.AccelerationAt(t), r = run.AccelerationAt(t);
            meanWalk += w / n;
            meanRun += r / n;
            peakWalk = Math.Max(peakWalk, w.Length());
            peakRun = Math.Max(peakRun, r.Length());
        }

        // Over whole gait cycles the dynamic part averages out: gravity remains (on -y at the waist).
        Assert.Equal(-1f, meanWalk.Y, 1);
        Assert.Equal(-1f, meanRun.Y, 1);
        Assert.InRange(peakWalk, 1.2, 1.6);
        Assert.InRange(peakRun, 3.0, 5.0);
    }

    [Fact]
    public void Scenarios_are_deterministic_per_seed()
    {
        IMotionSource A(int seed) => MotionScenario.Create(SensorPlacement.Wrist, seed).Walk(5).Fall(FallDirection.Sideways).BuildWithNoise(0.004, seed);
        var a1 = A(42);
        var a2 = A(42);
        var b = A(43);
        for (long t = 0; t < 8_000_000; t += 12_345)
        {
            Assert.Equal(a1.AccelerationAt(t), a2.AccelerationAt(t));
        }

        Assert.NotEqual(a1.AccelerationAt(1_234_567), b.AccelerationAt(1_234_567));
    }

    [Fact]
    public void Sensor_noise_has_the_requested_rms_and_no_bias()
    {
        var noisy = new SensorNoise(new ConstantMotion(Vector3.Zero), 0.004, seed: 9);
        double sum = 0, sumSq = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++)
        {
            float v = noisy.AccelerationAt(i * 10_000L).Y;
            sum += v;
            sumSq += v * v;
        }

        double mean = sum / n;
        double rms = Math.Sqrt(sumSq / n - mean * mean);
        Assert.InRange(rms, 0.004 * 0.97, 0.004 * 1.03);
        Assert.InRange(mean, -0.0001, 0.0001); // 4 sigma of the mean's spread (0.004 / sqrt(20000))
        Assert.Equal(noisy.AccelerationAt(5_000), noisy.AccelerationAt(9_999)); // held within a 10 ms cell
    }

    [Fact]
    public void Recorded_motion_interpolates_and_holds_the_ends()
    {
        var rec = new RecordedMotion(new[] { 0f, 1f, 3f }, new[] { 0f, 0f, 0f }, new[] { 1f, 1f, 1f }, 200, startMicroseconds: 1_000_000);
        Assert.Equal(0f, rec.AccelerationAt(0).X);
        Assert.Equal(0.5f, rec.AccelerationAt(1_002_500).X);
        Assert.Equal(2f, rec.AccelerationAt(1_007_500).X);
        Assert.Equal(3f, rec.AccelerationAt(9_000_000).X);
        Assert.Equal(1_010_000, rec.EndMicroseconds);
        Assert.Throws<ArgumentException>(() => new RecordedMotion(new float[2], new float[3], new float[2], 200));
    }
}
