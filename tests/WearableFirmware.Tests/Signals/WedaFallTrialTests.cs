using System.Globalization;
using System.Text;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Simulator;
using WearableFirmware.Simulator.Evaluation.Falls;
using WearableFirmware.Tests.Repository;
using Xunit;

namespace WearableFirmware.Tests.Signals;

/// <summary>The WEDA-FALL reader: its layout, its bursty stamps, time stepping back, units; and the folder discovery.</summary>
public class WedaFallTrialTests
{
    private static string Csv(IEnumerable<(double T, double X, double Y, double Z)> rows)
    {
        var s = new StringBuilder(WedaFallTrial.Header + "\n");
        foreach (var (t, x, y, z) in rows)
        {
            s.Append(string.Create(CultureInfo.InvariantCulture, $"{t},{x},{y},{z}\n"));
        }

        return s.ToString();
    }

    /// <summary>n readings per burst, 1-3 ms apart, a burst every 0.1 s: as the watch delivered them.</summary>
    private static IEnumerable<(double, double, double, double)> Bursts(int bursts, int perBurst)
    {
        for (int b = 0; b < bursts; b++)
        {
            for (int k = 0; k < perBurst; k++)
            {
                double t = Math.Round(b * 0.1 + k * 0.002, 3);
                yield return (t, b * perBurst + k, 9.80665, -9.80665);
            }
        }
    }

    [Fact]
    public void Readings_convert_from_metres_per_second_squared_to_g()
    {
        var trial = WedaFallTrial.Parse(new StringReader(Csv(new[] { (0.0, 9.80665, -19.6133, 0.0), (0.02, 0.0, 0.0, 39.2266) })), "F01/U01_R01");
        Assert.Equal(2, trial.Length);
        Assert.Equal(1f, trial.X[0], 6);
        Assert.Equal(-2f, trial.Y[0], 6);
        Assert.Equal(4f, trial.Z[1], 6);
        Assert.Equal("F01/U01_R01", trial.Name);
    }

    [Theory]
    [InlineData(4, 40.0)] // WEDA's falls: 4 readings per 0.1 s
    [InlineData(5, 50.0)] // its activities: 5 per 0.1 s
    public void Each_burst_is_spread_over_the_time_to_the_next_so_samples_are_even_at_the_real_rate(int perBurst, double rate)
    {
        var trial = WedaFallTrial.Parse(new StringReader(Csv(Bursts(30, perBurst))), "D01/U01_R01");

        Assert.Equal(30, trial.Bursts);
        Assert.Equal(rate, trial.EffectiveRateHz, 1);
        for (int i = 1; i < trial.Length; i++)
        {
            Assert.Equal(1 / rate, trial.TimesSeconds[i] - trial.TimesSeconds[i - 1], 6);
        }

        Assert.Equal(perBurst, trial.X[perBurst] * WedaFallTrial.StandardGravity, 4); // order kept: sample n is the n-th reading
    }

    [Fact]
    public void Evenly_stamped_readings_keep_their_stamps()
    {
        double[] stamps = Enumerable.Range(0, 50).Select(i => i * 0.02).ToArray();
        double[] times = WedaFallTrial.SpreadBursts(stamps, out int bursts);
        Assert.Equal(1, bursts); // no gap stands out: one burst, spread over what it spans
        for (int i = 0; i < stamps.Length; i++)
        {
            Assert.Equal(stamps[i], times[i], 9);
        }
    }

    [Fact]
    public void A_dropout_stays_a_gap_instead_of_stretching_the_burst_before_it()
    {
        var rows = Bursts(10, 5).Concat(Bursts(10, 5).Select(r => (r.Item1 + 1.8, r.Item2 + 50, r.Item3, r.Item4))).ToList();
        var trial = WedaFallTrial.Parse(new StringReader(Csv(rows)), "D01/U01_R01");
        Assert.Equal(0.98, trial.TimesSeconds[49], 3); // last reading before the gap: 0.9 + 4 × 20 ms
        Assert.Equal(1.8, trial.TimesSeconds[50], 3);
    }

    [Fact]
    public void A_chunk_stamped_before_what_was_already_read_is_dropped()
    {
        // As in 20 WEDA files: the stamps jump back (a stretch read again), then go on from where they were.
        var rows = new List<(double, double, double, double)>
        {
            (0.0, 1, 0, 0), (0.02, 2, 0, 0), (0.04, 3, 0, 0), (0.01, 99, 0, 0), (0.03, 99, 0, 0), (0.06, 4, 0, 0),
        };
        var trial = WedaFallTrial.Parse(new StringReader(Csv(rows)), "F06/U05_R01");
        Assert.Equal(2, trial.DroppedSamples);
        Assert.Equal(new[] { 1, 2, 3, 4 }, trial.X.Select(v => (int)Math.Round(v * WedaFallTrial.StandardGravity)).ToArray());
        Assert.All(trial.TimesSeconds.Zip(trial.TimesSeconds.Skip(1)), p => Assert.True(p.Second > p.First));
    }

    [Theory]
    [InlineData("time,x,y,z\n0,1,2,3\n0.1,1,2,3\n", "expected the header")]
    [InlineData(WedaFallTrial.Header + "\n0,1,2\n", "3 columns")]
    [InlineData(WedaFallTrial.Header + "\n0,1,2,3,4\n", "more than 4 columns")]
    [InlineData(WedaFallTrial.Header + "\n0,1,abc,3\n", "column 3: \"abc\" is not a number")]
    [InlineData(WedaFallTrial.Header + "\n0,1,2,3\n", "need at least 2")]
    public void Anything_else_is_refused_with_the_line_named(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => WedaFallTrial.Parse(new StringReader(text), "F01/U01_R01"));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void The_motion_source_replays_at_the_rebuilt_times_clipped_or_resampled_on_request()
    {
        var trial = WedaFallTrial.Parse(new StringReader(Csv(new[] { (0.0, 0.0, 0.0, 9.80665), (0.02, 49.0, 0.0, 9.80665), (0.04, 0.0, 0.0, 9.80665) })), "F01/U01_R01");
        Assert.Equal(5f, trial.ToMotionSource().AccelerationAt(20_000).X, 1);
        Assert.Equal(2.5f, trial.ToMotionSource().AccelerationAt(10_000).X, 1); // linear between stamps
        Assert.Equal(4f, trial.ToMotionSource(clipG: 4).AccelerationAt(20_000).X);
        RecordedMotion even = trial.ToMotionSource(uniformRateHz: 100);
        Assert.Equal(100, even.SampleRateHz, 6);
        Assert.Equal(2.5f, even.AccelerationAt(10_000).X, 1);
    }

    [Fact]
    public void Discovery_takes_code_folders_of_user_trials_and_the_fall_windows()
    {
        string root = Path.Combine(Path.GetTempPath(), "weda-discovery-" + Environment.ProcessId);
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "dataset", "50Hz", "F03"));
            Directory.CreateDirectory(Path.Combine(root, "dataset", "50Hz", "D10"));
            Directory.CreateDirectory(Path.Combine(root, "dataset", "40Hz", "F03"));
            File.WriteAllText(Path.Combine(root, "dataset", "50Hz", "F03", "U02_R01_accel.csv"), Csv(Bursts(3, 4)));
            File.WriteAllText(Path.Combine(root, "dataset", "50Hz", "D10", "U22_R03_accel.csv"), Csv(Bursts(3, 5)));
            File.WriteAllText(Path.Combine(root, "dataset", "50Hz", "D10", "notes.csv"), "x");
            File.WriteAllText(Path.Combine(root, "dataset", "40Hz", "F03", "U02_R01_accel.csv"), Csv(Bursts(3, 4)));
            File.WriteAllText(Path.Combine(root, "dataset", "fall_timestamps.csv"), "\uFEFFfilename,start_time,end_time\r\nF03/U02_R01,4.5,7.5\r\n");

            foreach (string start in new[] { root, Path.Combine(root, "dataset", "50Hz") })
            {
                IReadOnlyList<WedaTrialInfo> trials = WedaTrialInfo.Discover(start);
                Assert.Equal(new[] { "D10/U22_R03", "F03/U02_R01" }, trials.Select(t => t.Name).ToArray());
                Assert.Equal("elderly", trials[0].Group);
                Assert.Null(trials[0].FallWindow);
                Assert.Equal("young", trials[1].Group);
                Assert.Equal((4.5, 7.5), trials[1].FallWindow);
            }

            Assert.True(WedaTrialInfo.LooksLikeWeda(root));
            Assert.Throws<UsageException>(() => WedaTrialInfo.Discover(Path.Combine(root, "missing")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [SkippableFact]
    public void The_development_set_has_the_rates_and_quirks_its_readme_states()
    {
        string root = Path.Combine(RepoPaths.SharedData, "wrist-falls", "weda-fall");
        Skip.IfNot(Directory.Exists(root), "WEDA-FALL development data not found at " + root + " (see ../shared/data/README.md)");
        IReadOnlyList<WedaTrialInfo> trials = WedaTrialInfo.Discover(root);
        Assert.Equal(544, trials.Count);
        Assert.Equal(200, trials.Count(t => t.IsFall));
        Assert.All(trials.Where(t => t.IsFall), t => Assert.NotNull(t.FallWindow));

        var falls = trials.Where(t => t.IsFall).Take(40).Select(t => WedaFallTrial.Load(t.Path)).ToList();
        var activities = trials.Where(t => !t.IsFall).Take(40).Select(t => WedaFallTrial.Load(t.Path)).ToList();
        Assert.All(falls, t => Assert.InRange(t.EffectiveRateHz, 37, 41.5)); // a dropout lowers a few
        Assert.All(activities, t => Assert.InRange(t.EffectiveRateHz, 48, 51.5));
        Assert.Equal(20, trials.Count(t => WedaFallTrial.Load(t.Path).DroppedSamples > 0)); // "in 20 of the 544 files the time steps back once"
    }
}
