using System.Globalization;
using System.Text;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Falls;

namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>
/// Training and leave-one-user-out cross-validation of the wrist fall model (<see cref="WristFallModel"/>). Every
/// trial is replayed once through the chip model, driver, sampling loop and <see cref="WristFallDetector"/>; the
/// detector judges every impact whatever the model says, so the features of every impact are recorded once and any
/// model can be scored on them afterwards. Examples: impacts of fall trials inside the marked fall window (± the
/// margin) are falls; impacts of activity trials are not; impacts of fall trials away from the fall (walking before,
/// getting up after) are left out of training (their label is unsure) but still count as alarms in every report.
/// </summary>
public static class WristFallTuning
{
    /// <summary>Regularisation of the shipped model: scikit-learn's default, chosen before looking at results.</summary>
    public const double Lambda = 1.0;

    public static TrialRun[] Replay(IReadOnlyList<FallTrialInfo> trials, ReplayOptions options, int rateHz, string what)
    {
        OutputDataRate dataRate = FallTrialRunner.DataRate(rateHz);
        return FallTrialRunner.RunAll(trials, () => FallDetectorSetup.ForWrist(new WristFallDetectorSettings { SampleRateHz = rateHz }),
            () => new Adxl345Settings { DataRate = dataRate }, options, what);
    }

    /// <summary>The training examples: (features, is a fall) of every impact with a sure label.</summary>
    public static (List<float[]> Features, List<bool> Labels) Examples(IEnumerable<TrialRun> runs)
    {
        var features = new List<float[]>();
        var labels = new List<bool>();
        foreach (TrialRun r in runs)
        {
            foreach (JudgedImpact j in r.Judged)
            {
                bool fall = r.Trial.IsFall && r.InFallWindow(j);
                if (r.Trial.IsFall && !fall)
                {
                    continue;
                }

                features.Add(j.Features!);
                labels.Add(fall);
            }
        }

        return (features, labels);
    }

    public static LogisticRegression Fit(IEnumerable<TrialRun> runs)
    {
        var (features, labels) = Examples(runs);
        return LogisticRegression.Fit(features, labels, Lambda);
    }

    /// <summary>The runs with every impact re-decided by a model at a decision score.</summary>
    public static IEnumerable<TrialRun> Decide(IEnumerable<TrialRun> runs, Func<JudgedImpact, double> score, double decisionScore) =>
        runs.Select(r => r with { Judged = r.Judged.Select(j => j with { IsFall = score(j) >= decisionScore }).ToList() });

    /// <summary>Decision levels (log odds) the level choice considers: -2 … +2 in steps of 0.1.</summary>
    public static readonly double[] Levels = Enumerable.Range(-20, 41).Select(i => i / 10.0).ToArray();

    /// <summary>Sensitivity the level choice must keep: the issue's target (a missed fall is the worst outcome).</summary>
    public const double RequiredSensitivity = 0.95;

    /// <summary>
    /// The level criterion: the highest level (fewest alarms) whose sensitivity on these scores still reaches
    /// <see cref="RequiredSensitivity"/>; when none does, the level with the highest sensitivity (the highest such level).
    /// </summary>
    public static double PickLevel(IReadOnlyList<TrialRun> runs, IReadOnlyDictionary<JudgedImpact, double> scores)
    {
        double best = Levels[0];
        double bestSensitivity = -1;
        foreach (double level in Levels)
        {
            double sensitivity = FallMetrics.Of(Decide(runs, j => scores[j], level)).Sensitivity;
            if (sensitivity >= RequiredSensitivity - 1e-12)
            {
                best = level; // levels ascend: the last one that keeps the sensitivity
                bestSensitivity = double.MaxValue;
            }
            else if (bestSensitivity != double.MaxValue && sensitivity >= bestSensitivity)
            {
                best = level;
                bestSensitivity = sensitivity;
            }
        }

        return best;
    }

    /// <summary>
    /// Nested leave-one-user-out: for each held-out user the level is picked (<see cref="PickLevel"/>) on the other
    /// users' own leave-one-user-out scores, then that user's impacts are scored by the model fitted on the others
    /// minus that level (a fall at ≥ 0). Returns those scores; <paramref name="levels"/> gets each user's level.
    /// </summary>
    public static Dictionary<JudgedImpact, double> NestedScores(TrialRun[] runs, out Dictionary<string, double> levels)
    {
        var scores = new Dictionary<JudgedImpact, double>(ReferenceEqualityComparer.Instance);
        levels = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string user in runs.Select(r => r.Trial.Subject).Distinct().Order(StringComparer.Ordinal))
        {
            TrialRun[] others = runs.Where(r => r.Trial.Subject != user).ToArray();
            double level = PickLevel(others, CrossValidatedScores(others, out _));
            levels[user] = level;
            LogisticRegression model = Fit(others);
            foreach (JudgedImpact j in runs.Where(r => r.Trial.Subject == user).SelectMany(r => r.Judged))
            {
                scores[j] = model.Score(j.Features!) - level;
            }
        }

        return scores;
    }

    /// <summary>Leave one user out: each user's impacts scored by a model fitted on the other users.</summary>
    public static Dictionary<JudgedImpact, double> CrossValidatedScores(TrialRun[] runs, out Dictionary<string, LogisticRegression> folds)
    {
        var scores = new Dictionary<JudgedImpact, double>(ReferenceEqualityComparer.Instance);
        folds = new Dictionary<string, LogisticRegression>(StringComparer.Ordinal);
        foreach (string user in runs.Select(r => r.Trial.Subject).Distinct().Order(StringComparer.Ordinal))
        {
            LogisticRegression model = Fit(runs.Where(r => r.Trial.Subject != user));
            folds[user] = model;
            foreach (TrialRun r in runs.Where(r => r.Trial.Subject == user))
            {
                foreach (JudgedImpact j in r.Judged)
                {
                    scores[j] = model.Score(j.Features!);
                }
            }
        }

        return scores;
    }

    /// <summary>The coefficients as the portable core's constants file (float literals that round-trip).</summary>
    public static string CoefficientsSource(LogisticRegression model, string trainedOn)
    {
        static string F(double v) => ((float)v).ToString("R", CultureInfo.InvariantCulture) + "f";
        string List(double[] values) => string.Join(", ", values.Select(F));
        var s = new StringBuilder();
        s.Append("// Generated by `WearableFirmware.Simulator tune-falls --format weda --write-model <this file>`; do not edit.\n");
        s.Append("// ").Append(trainedOn).Append('\n');
        s.Append("namespace WearableFirmware.Falls\n{\n");
        s.Append("    /// <summary>Coefficients of <see cref=\"WristFallModel\"/>, in <see cref=\"WristFallFeatures\"/> order.</summary>\n");
        s.Append("    public static class WristFallModelCoefficients\n    {\n");
        s.Append("        public const float Bias = ").Append(F(model.Bias)).Append(";\n\n");
        s.Append("        public static readonly float[] Means = new float[] { ").Append(List(model.Means)).Append(" };\n\n");
        s.Append("        public static readonly float[] Scales = new float[] { ").Append(List(model.Scales)).Append(" };\n\n");
        s.Append("        public static readonly float[] Weights = new float[] { ").Append(List(model.Weights)).Append(" };\n");
        s.Append("    }\n}\n");
        return s.ToString();
    }
}
