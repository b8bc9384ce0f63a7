using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Tests.Drivers.Adxl345;
using WearableFirmware.Tests.Repository;
using Xunit;

namespace WearableFirmware.Tests.Signals;

public class SisFallTrialTests
{
    // Two rows in SisFall's layout (values made up here): padded integers, ';' then CRLF.
    private const string TwoRows = "  -9,-257, -25,  84, 247,  27,-120,-987,  63;\r\n  256,  -4096,  4095,  99, 258,  35,-110,-1016,  1024;\r\n";

    [Fact]
    public void Parses_the_original_layout_into_g()
    {
        var trial = SisFallTrial.Parse(new StringReader(TwoRows), "F05_SA03_R02");

        Assert.Equal(2, trial.Length);
        Assert.Equal(-9 / 256f, trial.X[0]);
        Assert.Equal(-257 / 256f, trial.Y[0]);
        Assert.Equal(-25 / 256f, trial.Z[0]);
        Assert.Equal(1f, trial.X[1]);
        Assert.Equal(-16f, trial.Y[1]);
        Assert.Equal(4095 / 256f, trial.Z[1]);
        Assert.Equal(-120 / 1024f, trial.MmaX[0]);
        Assert.Equal(1f, trial.MmaZ[1]);
        Assert.Equal("F05", trial.ActivityCode);
        Assert.Equal("SA03", trial.Subject);
        Assert.Equal("R02", trial.Trial);
        Assert.True(trial.IsFall);
        Assert.Equal(0.01, trial.DurationSeconds);
    }

    [Theory]
    [InlineData("  1, 2, 3, 4, 5, 6, 7, 8, 9\r\n", "line 1: expected ';'")]
    [InlineData("  1, 2, 3, 4, 5, 6, 7, 8;\r\n", "8 columns")]
    [InlineData("  1, 2, 3, 4, 5, 6, 7, 8, 9, 10;\r\n", "more than 9 columns")]
    [InlineData("  1, 2, x, 4, 5, 6, 7, 8, 9;\r\n", "column 3: \"x\" is not an integer")]
    [InlineData("\r\n", "no samples")]
    public void Malformed_files_are_rejected_naming_the_place(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SisFallTrial.Parse(new StringReader(TwoRows.Substring(0, 0) + text), "D01_SA01_R01"));
        Assert.Contains(expected, error.Message);
    }

    [SkippableFact]
    public void Real_trial_reads_one_g_standing_and_replays_through_the_chip_and_driver()
    {
        string path = Path.Combine(RepoPaths.SharedData, "sisfall-dev", "SA01", "F01_SA01_R01.txt");
        Skip.IfNot(File.Exists(path), "SisFall development data not found at " + path + " (see ../shared/data/README.md)");

        var trial = SisFallTrial.Load(path);
        Assert.Equal(3000, trial.Length); // falls are 15 s at 200 Hz
        Assert.True(trial.IsFall);

        // Standing at the start: about 1 g, on -y (the dataset README's check).
        double meanY = trial.Y.Take(100).Average();
        double meanMagnitude = Enumerable.Range(0, 100).Average(i => Math.Sqrt(trial.X[i] * trial.X[i] + trial.Y[i] * trial.Y[i] + trial.Z[i] * trial.Z[i]));
        Assert.InRange(meanY, -1.1, -0.9);
        Assert.InRange(meanMagnitude, 0.95, 1.1);
        double peak = Enumerable.Range(0, trial.Length).Max(i => Math.Sqrt(trial.X[i] * trial.X[i] + trial.Y[i] * trial.Y[i] + trial.Z[i] * trial.Z[i]));
        Assert.True(peak > 2, "a fall has an impact peak; got " + peak);

        // Replayed into the model at 100 Hz and drained: 15 s of samples, nothing lost, the impact still there.
        var rig = new Adxl345Rig(source: trial.ToMotionSource());
        Assert.True(rig.Driver.Start());
        double replayPeak = 0;
        long end = (long)(trial.DurationSeconds * 1e6);
        while (rig.Clock.NowMicroseconds < end)
        {
            rig.Clock.Advance(40_000);
            int n = rig.DrainOnce();
            for (int i = 0; i < n; i++)
            {
                double g = rig.Driver.GPerCount * Math.Sqrt((double)rig.Driver.X[i] * rig.Driver.X[i] + (double)rig.Driver.Y[i] * rig.Driver.Y[i] + (double)rig.Driver.Z[i] * rig.Driver.Z[i]);
                replayPeak = Math.Max(replayPeak, g);
            }
        }

        Assert.InRange(rig.Delivered, 1495, 1500);
        Assert.Equal(0, rig.Driver.Health.SamplesLost);
        Assert.InRange(replayPeak, 0.6 * peak, peak); // the 100 Hz boxcar smooths the peak, never raises it
    }

    [Theory]
    [InlineData("F01_SA01_R01", true)]
    [InlineData("D19_SE06_R03", true)]
    [InlineData("Readme", false)]
    [InlineData("X01_SA01_R01", false)]
    [InlineData("F01_XY01_R01", false)]
    [InlineData("F01_SA01", false)]
    public void Trial_names_follow_the_data_set_layout(string name, bool isTrial)
    {
        Assert.Equal(isTrial, SisFallTrial.IsTrialName(name));
    }
}
