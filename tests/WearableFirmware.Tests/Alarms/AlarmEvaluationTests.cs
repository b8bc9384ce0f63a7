using WearableFirmware.Alarms;
using WearableFirmware.Application;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Simulator.Evaluation.Alarms;
using WearableFirmware.Tests.Repository;
using Xunit;
using Xunit.Abstractions;

namespace WearableFirmware.Tests.Alarms;

/// <summary>The alarm evaluation's scoring (hand-made series) and the targets on the recorded red/IR hypoxia data.</summary>
public class AlarmEvaluationTests(ITestOutputHelper output)
{
    private static readonly double[] Times = Enumerable.Range(0, 100).Select(i => (double)i).ToArray();

    private static double[] Reference(params (int From, int To, double Value)[] spans)
    {
        var r = Enumerable.Repeat(97.0, 100).ToArray();
        foreach (var (from, to, value) in spans)
        {
            for (int i = from; i < to; i++)
            {
                r[i] = value;
            }
        }

        return r;
    }

    private static AlarmPriority[] Alarm(params (int From, int To, AlarmPriority P)[] spans)
    {
        var a = new AlarmPriority[100];
        foreach (var (from, to, p) in spans)
        {
            for (int i = from; i < to; i++)
            {
                a[i] = p;
            }
        }

        return a;
    }

    [Fact]
    public void An_episode_longer_than_the_stated_delay_needs_the_alarm_within_that_delay()
    {
        double[] reference = Reference((20, 60, 88));                   // 40 s below 90
        var inTime = AlarmScore.Of(Times, reference, Alarm((37, 70, AlarmPriority.Medium)), 90, true, AlarmPriority.Medium, 17);
        Assert.Equal((1, 1), (inTime.Required, inTime.Detected));
        Assert.Equal([17.0], inTime.Latencies);
        var late = AlarmScore.Of(Times, reference, Alarm((38, 70, AlarmPriority.Medium)), 90, true, AlarmPriority.Medium, 17);
        Assert.Equal((1, 0), (late.Required, late.Detected));
        Assert.Equal([20.0], late.MissedAt);
        var shortOne = AlarmScore.Of(Times, Reference((20, 37, 88)), Alarm(), 90, true, AlarmPriority.Medium, 17); // exactly 17 s: not required
        Assert.Equal(0, shortOne.Required);
    }

    [Fact]
    public void An_alarm_already_on_counts_and_a_lower_priority_does_not()
    {
        double[] reference = Reference((20, 60, 83));
        var on = AlarmScore.Of(Times, reference, Alarm((10, 90, AlarmPriority.High)), 85, true, AlarmPriority.High, 17);
        Assert.Equal([0.0], on.Latencies);
        var medium = AlarmScore.Of(Times, reference, Alarm((10, 90, AlarmPriority.Medium)), 85, true, AlarmPriority.High, 17);
        Assert.Equal(0, medium.Detected);
    }

    [Fact]
    public void A_false_alarm_is_an_onset_with_the_reference_within_the_limit_for_the_whole_stated_delay()
    {
        double[] reference = Reference((50, 55, 89));
        var score = AlarmScore.Of(Times, reference, Alarm((30, 35, AlarmPriority.Medium), (60, 65, AlarmPriority.Medium), (80, 85, AlarmPriority.Medium)),
            90, true, AlarmPriority.Medium, 17);
        // At 30 s the reference had been 97 since 13 s: false. At 60 s it was 89 at 50-54 s: justified. At 80 s: false.
        Assert.Equal([30.0, 80.0], score.FalseAlarmsAt);
        Assert.Equal(0, score.Required);
    }

    [SkippableFact]
    public void The_joined_oxiwear_sequence_keeps_each_test_points_reference_and_ratio()
    {
        SkipWithout(out string folder);
        var parts = OxiWearFile.LoadFolder(folder);
        var sequence = OxiWearSequence.Join(parts);
        Assert.Equal(parts.Count, sequence.TestPoints.Count);
        Assert.Equal(parts.Select(p => p.TestPointSpO2), sequence.TestPoints.Select(p => p.SpO2));
        for (int k = 1; k < sequence.TestPoints.Count; k++)
        {
            Assert.Equal(sequence.TestPoints[k - 1].EndSeconds, sequence.TestPoints[k].StartSeconds);
            double mid = (sequence.TestPoints[k].StartSeconds + sequence.TestPoints[k].EndSeconds) / 2;
            Assert.Equal(sequence.TestPoints[k].SpO2, sequence.Recording.ReferenceSpO2At(mid));
        }

        // Equalising is one gain per channel per file: the LED light's AC/DC, hence R, is the file's own.
        var first = parts[1];
        int n = first.Red.Length;
        int offset = parts[0].Red.Length;
        double Ac(float[] x, float[] amb, int from) => Enumerable.Range(from, n).Max(i => x[i] - amb[i]) - Enumerable.Range(from, n).Min(i => x[i] - amb[i]);
        double Dc(float[] x, float[] amb, int from) => Enumerable.Range(from, n).Average(i => x[i] - amb[i]);
        double R(float[] red, float[] ir, float[] amb, int from) => Ac(red, amb, from) / Dc(red, amb, from) / (Ac(ir, amb, from) / Dc(ir, amb, from));
        var joined = sequence.Recording;
        Assert.Equal(R(first.Red, first.Ir, first.Ambient, 0), R(joined.Red, joined.Ir, joined.Ambient, offset), 4);
    }

    [SkippableFact]
    public void On_the_joined_hypoxia_test_points_the_spo2_alarm_is_on_through_the_long_episode_and_never_false()
    {
        SkipWithout(out string folder);
        var sequence = OxiWearSequence.Join(OxiWearFile.LoadFolder(folder));
        var settings = new ApplicationSettings();
        settings.Ppg = OxiWearFile.ReplaySettings();
        AlarmRun run = AlarmRun.Execute("oxiwear", WearerScenario.Recorded(sequence.Recording, 1), settings);
        double stated = AlarmSettings.DefaultSpO2DelaySeconds + AlarmSettings.SpO2AveragingSeconds + AlarmSettings.PublicationSeconds;
        var medium = AlarmScore.Of(run.Times, run.ReferenceSpO2, run.SpO2Priority, 90, true, AlarmPriority.Medium, stated);
        var high = AlarmScore.Of(run.Times, run.ReferenceSpO2, run.SpO2Priority, 85, true, AlarmPriority.High, stated);
        output.WriteLine($"< 90: {medium.Detected}/{medium.Required}, false {medium.FalseAlarmsAt.Count}; < 85: {high.Detected}/{high.Required} "
            + $"(missed at {string.Join(", ", high.MissedAt)}), false {high.FalseAlarmsAt.Count}");
        Assert.Equal(1, medium.Required);   // 15:55-16:12, 84-70 %: about 45 s joined
        Assert.Equal(1, medium.Detected);
        Assert.Empty(medium.FalseAlarmsAt);
        Assert.Empty(high.FalseAlarmsAt);
        // The high tier comes late here (README: the 84 % test point reads 87-88 %): stated as a miss, not hidden.
        Assert.NotNull(run.Events.FirstOrDefault(e => e.Condition == AlarmCondition.SpO2Low && e.Priority == AlarmPriority.High));
        Assert.DoesNotContain(run.Events, e => e.Condition is AlarmCondition.PulseRateHigh or AlarmCondition.PulseRateLow);
    }

    private static void SkipWithout(out string folder)
    {
        string dir = Path.Combine(RepoPaths.SharedData, "ppg-redir");
        string? found = Directory.Exists(dir) ? OxiWearFile.FindFolder(dir) : null;
        Skip.If(found == null, "OxiWear recordings not found under " + dir + " (../shared/data beside the repository)");
        folder = found!;
    }
}
