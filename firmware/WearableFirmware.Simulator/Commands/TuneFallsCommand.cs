using System.CommandLine;
using System.Globalization;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Falls;
using WearableFirmware.Simulator.Evaluation.Falls;

namespace WearableFirmware.Simulator.Commands;

/// <summary>
/// How the fall detector's thresholds were chosen: replay every trial once with permissive thresholds (so every
/// impact cluster is judged and its stage outputs recorded), then score a grid of threshold sets on those outputs.
/// Leave-one-subject-out cross-validation reports how well the selection generalises to unseen people; the set
/// chosen on all subjects is what FallDetectorSettings carries as defaults.
/// </summary>
public sealed class TuneFallsCommand : Command
{
    private readonly Argument<string> _data = Cli.DataDirectory("a WEDA-FALL folder (wrist: trains the wrist model) or a SisFall root (waist: thresholds); "
        + "any folder of either layout (see eval-falls)");
    private readonly Option<string?> _format = FallOptions.Format();
    private readonly Option<int?> _rate = FallOptions.Rate();
    private readonly Option<string?> _features = Cli.OutputFile("--features", "also write every judged impact's stage outputs / features to this CSV");
    private readonly Option<string?> _writeModel = Cli.OutputFile("--write-model", "wrist only: write the model fitted on all users as the portable core's constants file, "
        + "e.g. firmware/WearableFirmware.Core/Motion/WristFallModelCoefficients.g.cs");
    private readonly Option<double?> _clip = FallOptions.Clip();
    private readonly Option<double?> _resample = FallOptions.Resample();
    private readonly Option<string?> _png = Cli.OutputFile("--png", "wrist only: trade-off plot: cross-validated sensitivity vs false alarms per hour over decision levels "
        + "(default artifacts/wrist-fall-tradeoff.png, outside version control)");
    private readonly Option<double?> _trigger = Cli.Number("--trigger", "waist only: impact-cluster trigger in g (default FallDetectorSettings' 1.6)", 1.05, 4);
    private readonly Option<double?> _settle = Cli.Number("--settle", "waist only: quiet time in s after the last impact before confirming (default 0.5)", 0, 10);
    private readonly Option<double?> _confirm = Cli.Number("--confirm", "waist only: confirmation window in s (default 1.5)", 0.2, 20);
    private readonly Option<double?> _lead = Cli.Number("--lead", "waist only: how long (s) before the impact \"before\" gravity is taken (default 2)", 0.2, 10);

    public TuneFallsCommand()
        : base("tune-falls", "fit the wrist model on WEDA-FALL / choose the waist thresholds on SisFall (leave-one-user-out cross-validation)" + "\n\n" + "Wrist: logistic regression (L2, lambda 1) on the features of every impact; leave-one-user-out: each user's\ntrials are judged by a model fitted without them. Waist: score of a threshold set: sensitivity + specificity over trials, averaged with its grid neighbours so that\na set on a broad plateau wins over an isolated peak; ties go to fewer false alarms.")
    {
        Arguments.Add(_data);
        foreach (Option option in new Option[] { _format, _rate, _features, _writeModel, _clip, _resample, _png, _trigger, _settle, _confirm, _lead })
        {
            Options.Add(option);
        }

        SetAction(Run);
    }

    // The grid: a handful of physically sensible values per threshold (impact values start at the trigger).
    private static readonly float[][] Axes =
    [
        [1.6f, 1.8f, 2.0f],                      // impact, g
        [2.2f, 2.5f, 2.8f, 3.2f, 100f],          // hard impact (no free fall needed), g; 100 = always need free fall
        [0f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f],      // free-fall speed, m/s; 0 = off
        [20f, 30f, 40f, 50f],                    // posture change, degrees
        [60f, 65f, 70f, 75f, 180f],              // upright tilt before, at most, degrees; 180 = off
        [0f, 30f, 40f, 45f, 50f],                // tilt after, at least, degrees; 0 = off
        [0.07f, 0.1f, 0.15f, 0.2f, 100f],        // activity (standard deviation of magnitude), g; 100 = off
    ];

    private int Run(ParseResult args)
    {
        string dataDir = args.GetValue(_data)!;
        string? format = args.GetValue(_format);
        bool wrist = format == null ? WedaTrialInfo.LooksLikeWeda(dataDir) : format == "weda";
        int rate = args.GetValue(_rate) ?? FallSensing.SampleRateHz;
        string? featuresPath = args.GetValue(_features);
        if (featuresPath != null)
        {
            OutputPaths.File(featuresPath, "--features");
        }

        Option[] notHere = wrist ? [_trigger, _settle, _confirm, _lead] : [_writeModel, _clip, _resample, _png];
        foreach (Option option in notHere.Where(o => args.GetResult(o) != null))
        {
            throw new UsageException($"{option.Name} is for {(wrist ? "SisFall (waist)" : "WEDA-FALL (wrist)")} data only (see --help)");
        }

        FallDataSet data = FallDataSet.Open(dataDir, format);
        if (wrist)
        {
            string? modelPath = args.GetValue(_writeModel);
            var wristOptions = new WristTuneOptions(rate, featuresPath, modelPath == null ? null : OutputPaths.File(modelPath, "--write-model"),
                args.GetValue(_clip) ?? 0, args.GetValue(_resample) ?? 0,
                OutputPaths.File(args.GetValue(_png) ?? Path.Combine("artifacts", "wrist-fall-tradeoff.png"), "--png"));
            return WristFallTuneReport.Run(wristOptions, data);
        }

        double trigger = args.GetValue(_trigger) ?? FallDetectorSettings.DefaultImpactTriggerG;
        double settle = args.GetValue(_settle) ?? FallDetectorSettings.DefaultSettleSeconds;
        double confirm = args.GetValue(_confirm) ?? FallDetectorSettings.DefaultConfirmationSeconds;
        double lead = args.GetValue(_lead) ?? FallDetectorSettings.DefaultGravityLeadSeconds;
        OutputDataRate dataRate = FallTrialRunner.DataRate(rate);
        IReadOnlyList<FallTrialInfo> trials = data.Trials;
        Console.WriteLine($"tune-falls: {trials.Count} trials (SisFall: waist-worn device, 200 Hz) through the ADXL345 chip model, driver and");
        Console.WriteLine($"sampling loop at {rate} Hz, the same replay as eval-falls");
        TrialRun[] runs = FallTrialRunner.RunAll(trials, () => Permissive(rate, (float)trigger, (float)settle, (float)confirm, (float)lead),
            () => new Adxl345Settings { DataRate = dataRate }, "replaying");
        if (featuresPath != null)
        {
            WriteFeatures(featuresPath, runs);
        }

        var grid = new ThresholdGrid(runs);
        string[] subjects = runs.Select(r => r.Trial.Subject).Distinct().Order(StringComparer.Ordinal).ToArray();

        // Leave one subject out: choose on the others, judge the held-out subject's trials with that choice.
        var heldOut = new List<TrialRun>();
        var picks = new Dictionary<string, int>();
        foreach (string subject in subjects)
        {
            int best = grid.Best(r => r.Trial.Subject != subject);
            string key = ThresholdGrid.Describe(best);
            picks[key] = picks.GetValueOrDefault(key) + 1;
            heldOut.AddRange(grid.Apply(best, r => r.Trial.Subject == subject));
            Console.Error.WriteLine($"fold {subject}: {key}");
        }

        Console.WriteLine();
        Console.WriteLine("leave-one-subject-out (each subject judged with thresholds chosen without it):");
        Console.WriteLine("  all: " + FallMetrics.Of(heldOut).Summary());
        foreach (string group in new[] { "SA", "SE" })
        {
            Console.WriteLine($"  {group}:  " + FallMetrics.Of(heldOut.Where(r => r.Trial.Group == group)).Summary());
        }

        Console.WriteLine("  threshold sets chosen by the folds:");
        foreach (var pick in picks.OrderByDescending(p => p.Value))
        {
            Console.WriteLine($"    {pick.Value,2} folds: {pick.Key}");
        }

        int final = grid.Best(_ => true);
        Console.WriteLine();
        Console.WriteLine("chosen on all subjects (put these in FallDetectorSettings):");
        Console.WriteLine("  " + ThresholdGrid.Describe(final));
        Console.WriteLine("  resubstitution: " + FallMetrics.Of(grid.Apply(final, _ => true)).Summary());
        Report("current defaults: " + FallThresholds.Describe(new FallDetectorSettings()), new FallDetectorSettings(), runs);
        Console.WriteLine();
        Console.WriteLine("baselines on the same replay (single stages of the same detector):");
        Report("  impact >= 3 g only", FallThresholds.With(3f, 3f, 0f, 0f, 180f, 0f, 100f), runs);
        Report("  impact >= 2.5 g and posture change >= 30 deg", FallThresholds.With(2.5f, 2.5f, 0f, 30f, 180f, 0f, 100f), runs);
        return 0;
    }

    private static void Report(string label, FallDetectorSettings thresholds, TrialRun[] runs)
    {
        Console.WriteLine(label);
        Console.WriteLine("    " + FallMetrics.Of(runs.Select(r => r with { Judged = r.Judged.Select(j => j with { IsFall = thresholds.Passes(j) }).ToList() })).Summary());
    }

    /// <summary>Every stage passes everything, so every cluster is judged "fall" and its outputs recorded.</summary>
    public static FallDetectorSettings Permissive(int rate, float trigger, float settle, float confirm, float lead)
    {
        FallDetectorSettings s = FallThresholds.With(trigger, trigger, 0f, 0f, 180f, 0f, 100f);
        s.SampleRateHz = rate;
        s.ImpactTriggerG = trigger;
        s.SettleSeconds = settle;
        s.ConfirmationSeconds = confirm;
        s.GravityLeadSeconds = lead;
        return s;
    }

    private static void WriteFeatures(string path, TrialRun[] runs)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("trial,code,subject,peak_s,decision_s,peak_g,preimpact_min_g,preimpact_speed,posture_deg,tilt_before_deg,tilt_after_deg,activity_g");
        foreach (TrialRun r in runs)
        {
            foreach (JudgedImpact j in r.Judged)
            {
                w.WriteLine(string.Join(',', r.Trial.Name, r.Trial.Code, r.Trial.Subject,
                    F(j.PeakSample / (double)r.RateHz), F(j.DecisionSample / (double)r.RateHz), F(j.PeakG), F(j.PreImpactMinimumG),
                    F(j.PreImpactSpeed), F(j.PostureChangeDegrees), F(j.TiltBeforeDegrees), F(j.TiltAfterDegrees), F(j.ActivityG)));
            }
        }

        Console.WriteLine($"stage outputs of {runs.Sum(r => r.Judged.Count)} clusters written to {path}");
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Scores threshold sets on recorded stage outputs (no replay needed per set).</summary>
    private sealed class ThresholdGrid
    {
        private static readonly int Count = Axes.Aggregate(1, (n, axis) => n * axis.Length);
        private readonly TrialRun[] _runs;

        // Fall decisions per threshold set and trial, computed once; folds only sum over their trials.
        private readonly byte[][] _decisions;

        public ThresholdGrid(TrialRun[] runs)
        {
            _runs = runs;
            _decisions = new byte[Count][];
            Parallel.For(0, Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, c =>
            {
                FallDetectorSettings t = Decode(c);
                _decisions[c] = runs.Select(r => (byte)Math.Min(255, r.Judged.Count(t.Passes))).ToArray();
            });
        }

        public int Best(Func<TrialRun, bool> include)
        {
            bool[] member = _runs.Select(include).ToArray();
            var raw = new double[Count];
            var alarms = new int[Count];
            for (int c = 0; c < Count; c++)
            {
                int falls = 0, detected = 0, adls = 0, quiet = 0;
                byte[] d = _decisions[c];
                for (int t = 0; t < _runs.Length; t++)
                {
                    if (!member[t])
                    {
                        continue;
                    }

                    if (_runs[t].Trial.IsFall)
                    {
                        falls++;
                        detected += d[t] > 0 ? 1 : 0;
                    }
                    else
                    {
                        adls++;
                        quiet += d[t] == 0 ? 1 : 0;
                        alarms[c] += d[t];
                    }
                }

                raw[c] = (falls == 0 ? 0 : (double)detected / falls) + (adls == 0 ? 0 : (double)quiet / adls);
            }

            int best = 0;
            double bestScore = double.MinValue;
            for (int c = 0; c < Count; c++)
            {
                double score = Smoothed(raw, c);
                if (score > bestScore + 1e-12 || (Math.Abs(score - bestScore) <= 1e-12 && alarms[c] < alarms[best]))
                {
                    best = c;
                    bestScore = score;
                }
            }

            return best;
        }

        public IEnumerable<TrialRun> Apply(int c, Func<TrialRun, bool> include)
        {
            FallDetectorSettings t = Decode(c);
            foreach (TrialRun r in _runs.Where(include))
            {
                yield return r with { Judged = r.Judged.Select(j => j with { IsFall = t.Passes(j) }).ToList() };
            }
        }

        public static string Describe(int c) => FallThresholds.Describe(Decode(c));

        private static int[] Index(int c)
        {
            var index = new int[Axes.Length];
            for (int d = Axes.Length - 1; d >= 0; d--)
            {
                index[d] = c % Axes[d].Length;
                c /= Axes[d].Length;
            }

            return index;
        }

        private static int Flat(int[] index)
        {
            int c = 0;
            for (int d = 0; d < Axes.Length; d++)
            {
                c = c * Axes[d].Length + index[d];
            }

            return c;
        }

        private static FallDetectorSettings Decode(int c)
        {
            int[] i = Index(c);
            return FallThresholds.With(Axes[0][i[0]], Math.Max(Axes[0][i[0]], Axes[1][i[1]]), Axes[2][i[2]], Axes[3][i[3]], Axes[4][i[4]], Axes[5][i[5]], Axes[6][i[6]]);
        }

        private static double Smoothed(double[] raw, int c)
        {
            int[] index = Index(c);
            double sum = raw[c];
            int n = 1;
            for (int d = 0; d < Axes.Length; d++)
            {
                foreach (int delta in new[] { -1, 1 })
                {
                    int k = index[d] + delta;
                    if (k < 0 || k >= Axes[d].Length)
                    {
                        continue;
                    }

                    int[] neighbour = (int[])index.Clone();
                    neighbour[d] = k;
                    sum += raw[Flat(neighbour)];
                    n++;
                }
            }

            // Half the point's own score, half its neighbourhood mean: a plateau wins over an isolated peak.
            return 0.5 * raw[c] + 0.5 * sum / n;
        }
    }
}
