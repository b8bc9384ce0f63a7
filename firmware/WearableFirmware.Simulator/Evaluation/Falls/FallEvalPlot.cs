using ScottPlot;
using WearableFirmware.Falls;

namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>The eval-falls PNG: per-activity bars, a detected fall and a false alarm (or the hardest rejected ADL).</summary>
public static class FallEvalPlot
{
    public static void Save(string path, TrialRun[] runs, (string Code, FallMetrics Metrics)[] codes, string title)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        Plot bars = multiplot.GetPlot(0);
        double[] positions = Enumerable.Range(0, codes.Length).Select(i => (double)i).ToArray();
        double[] percent = codes.Select(c => 100 * (c.Code[0] == 'F' ? c.Metrics.Sensitivity : 1 - c.Metrics.Specificity)).ToArray();
        for (int i = 0; i < codes.Length; i++)
        {
            var bar = bars.Add.Bar(positions[i], percent[i]);
            bar.Color = codes[i].Code[0] == 'F' ? Colors.SteelBlue : Colors.OrangeRed;
        }

        bars.Axes.Bottom.SetTicks(positions, codes.Select(c => c.Code).ToArray());
        bars.Axes.Bottom.TickLabelStyle.Rotation = 90;
        bars.Axes.SetLimitsY(0, 105);
        FallMetrics all = FallMetrics.Of(runs);
        bars.Title($"{title}: falls detected % (blue), activity trials with an alarm % (red)\n" +
            $"sens {100 * all.Sensitivity:F1} %, spec {100 * all.Specificity:F1} %, {all.FalseAlarmsPerHour:F2} FA/h");
        bars.YLabel("% of trials");

        TrialRun? fall = runs.Where(r => r.Detected).OrderBy(r => r.Trial.Name, StringComparer.Ordinal).FirstOrDefault();
        TrialRun? falseAlarm = runs.Where(r => !r.Trial.IsFall && r.FallDecisions > 0).OrderBy(r => r.Trial.Name, StringComparer.Ordinal).FirstOrDefault();
        string adlTitle = "false alarm";
        if (falseAlarm == null)
        {
            falseAlarm = runs.Where(r => !r.Trial.IsFall).OrderByDescending(r => r.MaxMagnitudeG).First();
            adlTitle = "no false alarm; ADL with the largest peak";
        }

        Trace(multiplot.GetPlot(1), fall, "detected fall");
        Trace(multiplot.GetPlot(2), falseAlarm, adlTitle);
        multiplot.SavePng(path, 1400, 1300);
    }

    private static void Trace(Plot plot, TrialRun? run, string what)
    {
        if (run == null)
        {
            plot.Title(what + ": none in this run");
            return;
        }

        int rate = run.RateHz;
        int n = run.Magnitudes.Length;
        double[] t = new double[n];
        double[] magnitude = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = (double)i / rate;
            magnitude[i] = run.Magnitudes[i];
        }

        var line = plot.Add.Scatter(t, magnitude);
        line.MarkerSize = 0;
        line.LegendText = "|a| (g), as the detector saw it";
        bool wrist = run.Judged.Any(j => j.Features != null);
        var trigger = plot.Add.HorizontalLine(wrist ? WristFallDetectorSettings.DefaultTriggerG : FallDetectorSettings.DefaultImpactTriggerG);
        trigger.LinePattern = LinePattern.Dashed;
        trigger.LegendText = "impact trigger";
        bool[] labelled = new bool[3];
        foreach (JudgedImpact j in run.Judged)
        {
            var peak = plot.Add.VerticalLine(j.PeakSample / (double)rate);
            peak.Color = Colors.Gray;
            peak.LegendText = Once(labelled, 0, "impact peak");
            var decision = plot.Add.VerticalLine(j.DecisionSample / (double)rate);
            decision.Color = j.IsFall ? Colors.Red : Colors.Green;
            decision.LegendText = j.IsFall ? Once(labelled, 1, "fall decision") : Once(labelled, 2, "rejected");
        }

        JudgedImpact? shown = run.Judged.FirstOrDefault(j => j.IsFall) ?? run.Judged.OrderByDescending(j => j.PeakG).FirstOrDefault();
        string stages = shown == null ? "no impact judged"
            : shown.Features is float[] f
                ? $"peak {shown.PeakG:F1} g, score {shown.Score:F2} (p {WristFallModel.Probability(shown.Score):F2}), turned {f[WristFallFeatures.Turn]:F0}°, " +
                  $"activity after {Math.Exp(f[WristFallFeatures.ActivityLater]) - 0.01:F3} g, impacts before {Math.Exp(f[WristFallFeatures.ImpactsBefore]) - 1:F0}"
                : $"peak {shown.PeakG:F1} g, free fall {shown.PreImpactSpeed:F2} m/s, turned {shown.PostureChangeDegrees:F0}° " +
                  $"from tilt {shown.TiltBeforeDegrees:F0}°, activity {shown.ActivityG:F3} g";
        plot.Title($"{what}: {run.Trial.Name}\n{stages}");
        plot.XLabel("time (s)");
        plot.YLabel("g");
        plot.ShowLegend();
    }

    private static string Once(bool[] done, int i, string text)
    {
        if (done[i])
        {
            return "";
        }

        done[i] = true;
        return text;
    }
}
