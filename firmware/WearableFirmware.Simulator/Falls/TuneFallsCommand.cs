using System.Globalization;
using WearableFirmware.Motion;
using WearableFirmware.Simulator.Commands;

namespace WearableFirmware.Simulator.Falls;

/// <summary>
/// How the fall detector's thresholds were chosen: replay every trial once with permissive thresholds (so every
/// impact cluster is judged and its stage outputs recorded), then score a grid of threshold sets on those outputs.
/// Leave-one-subject-out cross-validation reports how well the selection generalises to unseen people; the set
/// chosen on all subjects is what FallDetectorSettings carries as defaults.
/// </summary>
public sealed class TuneFallsCommand : ICommand
{
    // The grid: a handful of physically sensible values per stage; "off" values disable a stage.
    private static readonly float[] ImpactGrid = [1.6f, 1.8f, 2.0f, 2.2f, 2.5f, 2.8f, 3.2f];
    private static readonly float[] FreeFallGrid = [0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 100f];
    private static readonly float[] PostureGrid = [0f, 20f, 30f, 40f, 50f, 60f, 70f];
    private static readonly float[] InactivityGrid = [0.02f, 0.03f, 0.05f, 0.07f, 0.1f, 0.15f, 0.2f, 100f];

    public string Name => "tune-falls";

    public string Summary => "choose fall-detector thresholds on SisFall (leave-one-subject-out cross-validation)";

    public string Help => """
        usage: WearableFirmware.Simulator tune-falls <sisfall-dir> [options]

          <sisfall-dir>      SisFall root with subject folders (e.g. ../shared/data/sisfall-dev)
          --rate <Hz>        detector sample rate, must divide 200 (default 50)
          --features <csv>   also write every judged impact cluster's stage outputs to this CSV
          --help             this text

        Score of a threshold set: sensitivity + specificity over trials, averaged with its grid neighbours so that
        a set on a broad plateau wins over an isolated peak; ties go to fewer false alarms.
        """;

    public int Run(CommandLine args)
    {
        int rate = args.Int("rate", FallDetectorSettings.DefaultSampleRateHz, 10, 200);
        double trigger = args.Double("trigger", FallDetectorSettings.DefaultImpactTriggerG, 1.05, 4);
        string? featuresPath = args.String("features");
        args.RejectUnknown(maxPositionals: 1);
        if (args.Positionals.Count != 1)
        {
            throw new UsageException("tune-falls needs the SisFall folder (see --help)");
        }

        IReadOnlyList<SisFallTrialInfo> trials = SisFallTrialInfo.Discover(args.Positionals[0]);
        Console.WriteLine($"tune-falls: {trials.Count} trials, detector at {rate} Hz (SisFall: waist-worn device, 200 Hz)");
        TrialRun[] runs = FallTrialRunner.RunAll(trials, new DecimatedRecordingFeed(), () => Permissive(rate, (float)trigger), "replaying");
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
            Console.WriteLine($"  {group}:  " + FallMetrics.Of(heldOut.Where(r => r.Trial.AgeGroup == group)).Summary());
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
        return 0;
    }

    /// <summary>Every stage passes everything, so every cluster is judged "fall" and its outputs recorded.</summary>
    public static FallDetectorSettings Permissive(int rate, float trigger) => new()
    {
        SampleRateHz = rate,
        ImpactTriggerG = trigger,
        ImpactThresholdG = trigger,
        FreeFallThresholdG = 100f,
        PostureChangeDegrees = 0f,
        InactivityThresholdG = 100f,
    };

    private static void WriteFeatures(string path, TrialRun[] runs)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("trial,code,subject,peak_s,decision_s,peak_g,preimpact_min_g,posture_deg,activity_g,trial_max_s,bx,by,bz,ax,ay,az,speed");
        foreach (TrialRun r in runs)
        {
            foreach (JudgedImpact j in r.Judged)
            {
                w.WriteLine(string.Join(',', r.Trial.Name, r.Trial.Code, r.Trial.Subject,
                    F(j.PeakSample / (double)r.RateHz), F(j.DecisionSample / (double)r.RateHz), F(j.PeakG), F(j.PreImpactMinimumG),
                    F(j.PostureChangeDegrees), F(j.ActivityG), F(r.MaxMagnitudeSample / (double)r.RateHz), F(j.BeforeX), F(j.BeforeY), F(j.BeforeZ), F(j.AfterX), F(j.AfterY), F(j.AfterZ), F(j.PreImpactSpeed)));
            }
        }

        Console.WriteLine($"stage outputs of {runs.Sum(r => r.Judged.Count)} clusters written to {path}");
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Scores threshold sets on recorded stage outputs (no replay needed per set).</summary>
    private sealed class ThresholdGrid(TrialRun[] runs)
    {
        private static int Count => ImpactGrid.Length * FreeFallGrid.Length * PostureGrid.Length * InactivityGrid.Length;

        // Fall decisions per threshold set and trial, computed once; folds only sum over their trials.
        private readonly int[][] _decisions = Enumerable.Range(0, Count).Select(c => runs.Select(r => Decisions(c, r)).ToArray()).ToArray();

        public int Best(Func<TrialRun, bool> include)
        {
            bool[] member = runs.Select(include).ToArray();
            var raw = new double[Count];
            var alarms = new int[Count];
            for (int c = 0; c < Count; c++)
            {
                int falls = 0, detected = 0, adls = 0, quiet = 0;
                for (int t = 0; t < runs.Length; t++)
                {
                    if (!member[t])
                    {
                        continue;
                    }

                    int d = _decisions[c][t];
                    if (runs[t].Trial.IsFall)
                    {
                        falls++;
                        detected += d > 0 ? 1 : 0;
                    }
                    else
                    {
                        adls++;
                        quiet += d == 0 ? 1 : 0;
                        alarms[c] += d;
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

        private static int Decisions(int c, TrialRun r)
        {
            (float impact, float freeFall, float posture, float inactivity) = Decode(c);
            return r.Judged.Count(j => j.PeakG >= impact && j.PreImpactMinimumG <= freeFall && j.PostureChangeDegrees >= posture && j.ActivityG <= inactivity);
        }

        public IEnumerable<TrialRun> Apply(int c, Func<TrialRun, bool> include)
        {
            (float impact, float freeFall, float posture, float inactivity) = Decode(c);
            foreach (TrialRun r in runs.Where(include))
            {
                var judged = r.Judged.Select(j => j with
                {
                    IsFall = j.PeakG >= impact && j.PreImpactMinimumG <= freeFall && j.PostureChangeDegrees >= posture && j.ActivityG <= inactivity,
                }).ToList();
                yield return r with { Judged = judged };
            }
        }

        public static string Describe(int c)
        {
            (float impact, float freeFall, float posture, float inactivity) = Decode(c);
            return $"impact >= {impact:0.0#} g, pre-impact minimum <= {(freeFall >= 100 ? "off" : freeFall.ToString("0.0#") + " g")}, " +
                $"posture change >= {posture:0} deg, activity <= {(inactivity >= 100 ? "off" : inactivity.ToString("0.0#") + " g")}";
        }

        private static (float, float, float, float) Decode(int c)
        {
            int i = c % InactivityGrid.Length;
            c /= InactivityGrid.Length;
            int p = c % PostureGrid.Length;
            c /= PostureGrid.Length;
            int f = c % FreeFallGrid.Length;
            c /= FreeFallGrid.Length;
            return (ImpactGrid[c], FreeFallGrid[f], PostureGrid[p], InactivityGrid[i]);
        }

        private double Smoothed(double[] raw, int c)
        {
            int[] sizes = [ImpactGrid.Length, FreeFallGrid.Length, PostureGrid.Length, InactivityGrid.Length];
            int[] index = new int[4];
            int rest = c;
            for (int d = 3; d >= 0; d--)
            {
                index[d] = rest % sizes[d];
                rest /= sizes[d];
            }

            double sum = raw[c];
            int n = 1;
            for (int d = 0; d < 4; d++)
            {
                foreach (int delta in new[] { -1, 1 })
                {
                    int k = index[d] + delta;
                    if (k < 0 || k >= sizes[d])
                    {
                        continue;
                    }

                    int[] neighbour = (int[])index.Clone();
                    neighbour[d] = k;
                    int flat = ((neighbour[0] * sizes[1] + neighbour[1]) * sizes[2] + neighbour[2]) * sizes[3] + neighbour[3];
                    sum += raw[flat];
                    n++;
                }
            }

            // Half the raw score, half the neighbourhood mean: a plateau wins, but the point itself still counts.
            return 0.5 * raw[c] + 0.5 * sum / n;
        }
    }
}
