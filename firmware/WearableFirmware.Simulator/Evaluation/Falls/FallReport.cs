using System.Globalization;

namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>The text report of a fall evaluation: per trial, overall, per group, per activity code, latency.</summary>
public static class FallReport
{
    public static void Trials(IEnumerable<TrialRun> runs)
    {
        Console.WriteLine("trial             decision  alarms  latency from impact (s)  peak (g)");
        foreach (TrialRun r in runs)
        {
            string decision = r.FallDecisions > 0 ? "FALL" : "-";
            string verdict = r.Trial.IsFall
                ? (r.Detected ? "" : "  missed") + (r.AlarmsOutsideFall > 0 ? $"  {r.AlarmsOutsideFall} alarm(s) away from the fall" : "")
                : r.FallDecisions > 0 ? "  false alarm" : "";
            string latency = r.LatencySeconds is double l ? l.ToString("F2", CultureInfo.InvariantCulture) : "";
            Console.WriteLine($"{r.Trial.Name,-17} {decision,-8}  {r.FallDecisions,6}  {latency,23}  {r.MaxMagnitudeG,8:F2}{verdict}");
        }
    }

    public static void Summary(IReadOnlyList<TrialRun> runs, FallDataSet data, string indent = "")
    {
        FallMetrics all = FallMetrics.Of(runs);
        Console.WriteLine($"{indent}overall: {all.Summary()}");
        Console.WriteLine($"{indent}         accuracy {100 * all.Accuracy:F1} %, F1 {all.F1:F3}");
        foreach (var (group, meaning) in data.Groups)
        {
            Console.WriteLine($"{indent}{group} ({meaning}): " + FallMetrics.Of(runs.Where(r => r.Trial.Group == group)).Summary());
        }
    }

    public static void Latency(IEnumerable<TrialRun> runs, bool fromMarkedImpact)
    {
        double[] latencies = runs.Where(r => r.LatencySeconds.HasValue).Select(r => r.LatencySeconds!.Value).Order().ToArray();
        if (latencies.Length == 0)
        {
            return;
        }

        string from = fromMarkedImpact ? "the detected impact's peak" : "impact (largest magnitude)";
        Console.WriteLine($"latency from {from} to the alarm's tick, detected falls: median {latencies[latencies.Length / 2]:F2} s, " +
            $"90th percentile {latencies[(int)(0.9 * (latencies.Length - 1))]:F2} s, max {latencies[^1]:F2} s (the alert's cancel window follows)");
    }

    /// <summary>Per activity code; returns the codes with their metrics (for the plot).</summary>
    public static (string Code, FallMetrics Metrics)[] Codes(IEnumerable<TrialRun> runs, string indent = "")
    {
        Console.WriteLine($"{indent}per activity code (falls: detected; activities: trials with an alarm, alarms per hour):");
        var codes = runs.GroupBy(r => r.Trial.Code).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        foreach (var code in codes)
        {
            FallMetrics m = FallMetrics.Of(code);
            string line = code.First().Trial.IsFall
                ? $"{m.Detected}/{m.Falls} detected ({100 * m.Sensitivity:F0} %)" + (m.AlarmsOutsideFalls > 0 ? $", {m.AlarmsOutsideFalls} alarms away from the fall" : "")
                : $"{m.AdlsWithAlarm}/{m.Adls} with an alarm, {m.FalseAlarms} alarms in {m.AdlHours * 60:F1} min ({m.FalseAlarmsPerHour:F1} /h)";
            Console.WriteLine($"{indent}  {code.Key}  {line}");
        }

        return codes.Select(c => (c.Key, FallMetrics.Of(c))).ToArray();
    }
}
