using WearableFirmware.Falls;
using WearableFirmware.SimulatedBoard.Signals;
using Xunit;
using Xunit.Abstractions;

namespace WearableFirmware.Tests.Falls;

/// <summary>Step rate from the accelerometer magnitude, against the gait the motion scenario generated.</summary>
public class CadenceEstimatorTests(ITestOutputHelper output)
{
    private const int Rate = 50;

    /// <summary>Feeds |a| at 50 Hz from <paramref name="from"/> to <paramref name="to"/> seconds.</summary>
    private static void Feed(CadenceEstimator cadence, IMotionSource source, double from, double to)
    {
        for (long i = (long)(from * Rate); i < (long)(to * Rate); i++)
        {
            cadence.Add(source.AccelerationAt(i * 1_000_000L / Rate).Length());
        }
    }

    [Theory]
    [InlineData(SensorPlacement.Waist, false, 1)]
    [InlineData(SensorPlacement.Wrist, false, 2)]
    [InlineData(SensorPlacement.Waist, true, 3)]
    [InlineData(SensorPlacement.Wrist, true, 4)]
    public void Walking_and_running_give_the_generated_step_rate(SensorPlacement placement, bool running, int seed)
    {
        var builder = MotionScenario.Create(placement, seed);
        builder.Hold(5);
        if (running)
        {
            builder.Run(30);
        }
        else
        {
            builder.Walk(30);
        }

        double truth = 60 * builder.LastStepHz;
        IMotionSource source = builder.BuildWithNoise(0.01, seed);
        var cadence = new CadenceEstimator(Rate);
        Feed(cadence, source, 0, 5);
        Assert.False(cadence.IsValid); // standing still

        Feed(cadence, source, 5, 10); // within 5 s of the first step
        Assert.True(cadence.IsValid);
        Feed(cadence, source, 10, 35);
        output.WriteLine($"{placement} {(running ? "run" : "walk")}: {cadence.StepsPerMinute:F1} steps/min, generated {truth:F1}");
        Assert.True(cadence.IsValid);
        Assert.InRange(cadence.StepsPerMinute, truth * 0.97, truth * 1.03);
    }

    [Fact]
    public void Standing_still_again_ends_the_cadence()
    {
        var builder = MotionScenario.Create(SensorPlacement.Wrist, 5);
        builder.Walk(20).Hold(10);
        IMotionSource source = builder.BuildWithNoise(0.01, 5);
        var cadence = new CadenceEstimator(Rate);
        Feed(cadence, source, 0, 20);
        Assert.True(cadence.IsValid);
        Feed(cadence, source, 20, 24); // three seconds after the last step: longer than two of the slowest steps
        Assert.False(cadence.IsValid);
    }
}

/// <summary>Cadence on recorded walking (SisFall, waist-worn ADXL345 at 200 Hz, taken at 50 Hz as the firmware reads it).</summary>
public class CadenceOnRecordedWalkingTests(ITestOutputHelper output)
{
    private static string Root => Path.Combine(WearableFirmware.Tests.Repository.RepoPaths.SharedData, "sisfall-dev");

    /// <summary>Mean cadence (steps/min) and the share of seconds with one, from 10 s into the trial.</summary>
    private static (double Mean, double ValidShare) Cadence(string path)
    {
        var trial = SisFallTrial.Load(path);
        var cadence = new CadenceEstimator(50);
        double sum = 0;
        int seconds = 0, valid = 0;
        for (int i = 0; i + 3 < trial.Length; i += 4)
        {
            // The mean of 4 samples at 200 Hz: a 50 Hz output, as the chip's own averaging gives.
            float x = (trial.X[i] + trial.X[i + 1] + trial.X[i + 2] + trial.X[i + 3]) / 4;
            float y = (trial.Y[i] + trial.Y[i + 1] + trial.Y[i + 2] + trial.Y[i + 3]) / 4;
            float z = (trial.Z[i] + trial.Z[i + 1] + trial.Z[i + 2] + trial.Z[i + 3]) / 4;
            cadence.Add(MathF.Sqrt(x * x + y * y + z * z));
            int sample = i / 4;
            if (sample % 50 == 0 && sample >= 500)
            {
                seconds++;
                if (cadence.IsValid)
                {
                    valid++;
                    sum += cadence.StepsPerMinute;
                }
            }
        }

        return (valid > 0 ? sum / valid : double.NaN, seconds > 0 ? valid / (double)seconds : 0);
    }

    [SkippableTheory]
    [InlineData("SA01")] // the subjects with both walks (trial R01) in the development part
    [InlineData("SA05")]
    [InlineData("SA09")]
    [InlineData("SE01")]
    [InlineData("SE05")]
    public void Walking_quickly_has_a_higher_cadence_than_walking_slowly_and_both_are_human(string subject)
    {
        string slowPath = Path.Combine(Root, subject, "D01_" + subject + "_R01.txt");
        string quickPath = Path.Combine(Root, subject, "D02_" + subject + "_R01.txt");
        Skip.IfNot(File.Exists(slowPath) && File.Exists(quickPath), "SisFall walking trials not found under " + Root + " (../shared/data beside the repository)");
        var slow = Cadence(slowPath);
        var quick = Cadence(quickPath);
        output.WriteLine($"{subject}: slow {slow.Mean:F1} steps/min ({100 * slow.ValidShare:F0} % of seconds), quick {quick.Mean:F1} ({100 * quick.ValidShare:F0} %)");
        // Adults walk at about 70-140 steps/min, faster when they walk quickly; the walks are steady, so a cadence
        // should be there nearly all the time.
        Assert.InRange(slow.ValidShare, 0.8, 1);
        Assert.InRange(quick.ValidShare, 0.8, 1);
        Assert.InRange(slow.Mean, 60, 140);
        Assert.InRange(quick.Mean, 80, 160);
        Assert.True(quick.Mean > slow.Mean, "quick walking " + quick.Mean + " <= slow " + slow.Mean);
    }
}
