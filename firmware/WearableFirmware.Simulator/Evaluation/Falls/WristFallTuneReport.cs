using System.Globalization;
using WearableFirmware.Falls;

namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>tune-falls on a WEDA-FALL folder: fits the wrist model, cross-validates it by user and reports both.</summary>
public static class WristFallTuneReport
{
    public static int Run(WristTuneOptions given, FallDataSet data)
    {
        var (rate, featuresPath, modelPath, clip, resample, png) = given;
        var options = new ReplayOptions(clip > 0 ? clip : null, resample > 0 ? resample : null);

        Console.WriteLine($"tune-falls (wrist): {data.Trials.Count} {data.Label} trials ({options.Describe()}) through the ADXL345 chip model,");
        Console.WriteLine($"driver, sampling loop and WristFallDetector at {rate} Hz (the eval-falls replay); every impact >= "
            + $"{WristFallDetectorSettings.DefaultTriggerG:0.0#} g is judged and its {WristFallFeatures.Count} features recorded.");
        TrialRun[] runs = WristFallTuning.Replay(data.Trials, options, rate, "replaying");
        if (featuresPath != null)
        {
            WriteFeatures(featuresPath, runs);
        }

        var (features, labels) = WristFallTuning.Examples(runs);
        Console.WriteLine($"training examples: {labels.Count(l => l)} fall impacts (inside the marked falls), {labels.Count(l => !l)} activity impacts; "
            + $"{runs.Where(r => r.Trial.IsFall).Sum(r => r.Judged.Count(j => !r.InFallWindow(j)))} impacts in fall trials away from the fall left out");
        double decision = WristFallDetectorSettings.DefaultDecisionScore;

        Dictionary<JudgedImpact, double> cv = WristFallTuning.CrossValidatedScores(runs, out var folds);
        TrialRun[] heldOut = WristFallTuning.Decide(runs, j => cv[j], decision).ToArray();
        Console.WriteLine();
        Console.WriteLine($"leave-one-user-out ({folds.Count} folds; each user's trials judged by a model fitted on the others), decision at score >= {decision:0.##}:");
        FallReport.Summary(heldOut, data, "  ");
        FallReport.Latency(heldOut, true);
        FallReport.Codes(heldOut, "  ");
        Console.WriteLine("  per user:");
        foreach (var user in heldOut.GroupBy(r => r.Trial.Subject).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"    {user.Key}: " + FallMetrics.Of(user).Summary());
        }

        var curve = WristFallTuning.Levels.Select(l => (Level: l, Metrics: FallMetrics.Of(WristFallTuning.Decide(runs, j => cv[j], l)))).ToArray();
        Console.WriteLine("  other decision levels (the same cross-validated scores):");
        foreach (var point in curve.Where(c => Math.Abs(c.Level * 2 - Math.Round(c.Level * 2)) < 1e-9 && c.Level is >= -1.5 and <= 1.5))
        {
            Console.WriteLine($"    score >= {point.Level,4:0.0}: " + point.Metrics.Summary());
        }

        Console.Error.WriteLine("nested cross-validation of the decision level (14 x 13 fits) ...");
        Dictionary<JudgedImpact, double> nested = WristFallTuning.NestedScores(runs, out var levels);
        FallMetrics nestedMetrics = FallMetrics.Of(WristFallTuning.Decide(runs, j => nested[j], 0));
        Console.WriteLine();
        Console.WriteLine($"decision level chosen inside the cross-validation (for each user, on the other users' own leave-one-user-out scores: "
            + $"the highest level keeping sensitivity >= {100 * WristFallTuning.RequiredSensitivity:0} %):");
        Console.WriteLine("  " + nestedMetrics.Summary());
        Console.WriteLine("  levels picked: " + string.Join(", ", levels.Select(l => $"{l.Key} {l.Value:+0.0;-0.0;0}")));
        Console.WriteLine($"  the same criterion on all users' scores picks {WristFallTuning.PickLevel(runs, cv):+0.0;-0.0;0}; shipped: {decision:0.0#} (Motion/README.md says why)");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(png));
        if (folder != null)
        {
            Directory.CreateDirectory(folder);
        }

        WristFallTradeoffPlot.Save(png, curve, decision, nestedMetrics, $"{data.Label} ({options.Describe()}): cross-validated trade-off of the wrist model's decision level");
        Console.WriteLine($"trade-off plot: {Path.GetFullPath(png)}");

        LogisticRegression final = WristFallTuning.Fit(runs);
        Console.WriteLine();
        Console.WriteLine($"fitted on all users ({final.Iterations} Newton steps): standardised weights, spread of each weight over the folds");
        for (int i = 0; i < WristFallFeatures.Count; i++)
        {
            double[] perFold = folds.Values.Select(m => m.Weights[i]).ToArray();
            Console.WriteLine($"  {WristFallFeatures.Name(i),-24} mean {final.Means[i],8:F3}  scale {final.Scales[i],7:F3}  weight {final.Weights[i],7:F3}"
                + $"  (folds {perFold.Min(),6:F2} .. {perFold.Max(),6:F2})");
        }

        Console.WriteLine($"  bias {final.Bias:F3}");
        Console.WriteLine("  resubstitution (judged by the model fitted on everyone, as shipped): "
            + FallMetrics.Of(WristFallTuning.Decide(runs, j => final.Score(j.Features!), decision)).Summary());
        Console.WriteLine("  baseline on the same replay, impact >= 3 g only: "
            + FallMetrics.Of(WristFallTuning.Decide(runs, j => j.Features![WristFallFeatures.Peak] - 3.0, 0)).Summary());

        if (modelPath != null)
        {
            string source = WristFallTuning.CoefficientsSource(final,
                $"Fitted on {data.Trials.Count} trials of {runs.Select(r => r.Trial.Subject).Distinct().Count()} users ({data.Label}, {options.Describe()}), "
                + $"{labels.Count} impacts, lambda {WristFallTuning.Lambda.ToString(CultureInfo.InvariantCulture)}.");
            File.WriteAllText(modelPath, source);
            Console.WriteLine($"model written to {Path.GetFullPath(modelPath)}");
        }
        else
        {
            Console.WriteLine("(--write-model <file> writes these coefficients as the portable core's constants)");
        }

        return 0;
    }

    private static void WriteFeatures(string path, TrialRun[] runs)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("trial,code,user,group,label,peak_s,decision_s," + string.Join(',', Enumerable.Range(0, WristFallFeatures.Count).Select(WristFallFeatures.Name)));
        foreach (TrialRun r in runs)
        {
            foreach (JudgedImpact j in r.Judged)
            {
                string label = !r.Trial.IsFall ? "activity" : r.InFallWindow(j) ? "fall" : "fall-trial-other";
                w.WriteLine(string.Join(',', new[] { r.Trial.Name, r.Trial.Code, r.Trial.Subject, r.Trial.Group, label,
                    F(j.PeakMicroseconds / 1e6), F(j.DecisionMicroseconds / 1e6) }.Concat(j.Features!.Select(v => F(v)))));
            }
        }

        Console.WriteLine($"features of {runs.Sum(r => r.Judged.Count)} impacts written to {path}");
    }

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
