using System.CommandLine;
using System.Globalization;
using WearableFirmware.Alarms;
using WearableFirmware.Application;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Simulator.Evaluation.Alarms;
using WearableFirmware.Simulator.Evaluation;
using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Commands;

/// <summary>
/// The alarm system judged as shipped: the simulated scenarios against their truth, then the recorded PPG through
/// the whole firmware against the recordings' references (the OxiWear red/IR test points joined in clock order,
/// the oximetry desaturation records with a leave-one-subject-out calibration, Welltory for the pulse rate).
/// </summary>
public sealed class EvalAlarmsCommand : Command
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // The sum the alarm README states, from the constants that define it (SpO2 and pulse rate share each term).
    private static readonly string StatedDelay = AlarmSettings.DefaultSpO2DelaySeconds + " + " + AlarmSettings.SpO2AveragingSeconds
        + " + " + AlarmSettings.PublicationSeconds + " = "
        + (AlarmSettings.DefaultSpO2DelaySeconds + AlarmSettings.SpO2AveragingSeconds + AlarmSettings.PublicationSeconds) + " s";

    private readonly Argument<string> _data = DataDirectoryOptional();
    private readonly Option<int?> _seeds = Cli.Whole("--seeds", "seeds per scenario (default 5)", 1, 100);
    private readonly Option<string?> _out = Cli.OutputDirectory("--out", "PNGs (default artifacts/eval-alarms)");
    private readonly Option<bool> _noPlots = Cli.Flag("--no-plots", "skip the PNGs");

    public EvalAlarmsCommand()
        : base("eval-alarms", "the alarm system on scenarios and recorded PPG: alarms within the stated delay, false alarms" + "\n\n" + $"""
            Runs the whole firmware (loop, vitals, alarm system; no phone) on the simulated board with the shipped alarm
            settings and scores every physiological alarm tier on the once-a-second evaluation grid:
              required   the reference stayed beyond the limit longer than the stated delay (condition delay +
                         estimator averaging + publication: {StatedDelay} for SpO2 and pulse rate)
              detected   the alarm had at least the tier's priority within the stated delay of the episode's start
              false      the tier started while the reference had stayed within the limit for the whole stated delay

            Scenarios (simulated truth): desaturation, tachycardia, sensor-off and the default rest-walk-sit run, each
            with --seeds seeds. Recordings, when <data-dir> holds them (../shared/data, or its ppg/ or ppg-redir/):
              OxiWear     the MAXM86161 red/IR test points joined end to end in clock order (OxiWearSequence: the
                          minutes between test points left out, levels equalised per file), the default MAX3010x curve
              oximetry    the camera desaturation records, each with a curve fitted on the other subjects (LOSO)
              Welltory    heart rate only (one camera channel: red = IR, so its SpO2 is not a measurement)
            """)
    {
        Arguments.Add(_data);
        Options.Add(_seeds);
        Options.Add(_out);
        Options.Add(_noPlots);
        SetAction(Run);
    }

    // The data folder is optional here: without it only the scenarios run.
    private static Argument<string> DataDirectoryOptional()
    {
        Argument<string> argument = Cli.DataDirectory("../shared/data, or its ppg/ or ppg-redir/ (optional: without it only the scenarios run)");
        argument.Arity = ArgumentArity.ZeroOrOne;
        return argument;
    }

    private int Run(ParseResult args)
    {
        string? dataDir = args.GetValue(_data);
        int seeds = args.GetValue(_seeds) ?? 5;
        bool plots = !args.GetValue(_noPlots);
        string outDir = args.GetValue(_out) ?? Path.Combine("artifacts", "eval-alarms");
        if (plots)
        {
            OutputPaths.Directory(outDir, "--out");
        }

        var limits = new AlarmSettings();
        double stated = limits.SpO2DelaySeconds + AlarmSettings.SpO2AveragingSeconds + AlarmSettings.PublicationSeconds;
        Console.WriteLine(F($"alarms as shipped: SpO2 < {limits.SpO2MediumPercent} % medium, < {limits.SpO2HighPercent} % high, delay {limits.SpO2DelaySeconds} s; ")
            + F($"pulse > {limits.PulseHighMediumBpm} / {limits.PulseHighHighBpm}, < {limits.PulseLowMediumBpm} / {limits.PulseLowHighBpm} bpm, delay {limits.PulseDelaySeconds} s"));
        Console.WriteLine(F($"stated delay: condition delay + estimator averaging + publication = {limits.SpO2DelaySeconds} + {AlarmSettings.SpO2AveragingSeconds} + {AlarmSettings.PublicationSeconds} = {stated:F0} s"));
        Console.WriteLine();

        Scenarios(seeds, stated, limits, plots ? outDir : null);
        if (dataDir != null)
        {
            Recordings(dataDir, stated, limits, plots ? outDir : null);
        }

        return 0;
    }

    private static void Scenarios(int seeds, double stated, AlarmSettings limits, string? outDir)
    {
        Console.WriteLine($"scenarios ({seeds} seeds each, simulated truth):");
        var kinds = new (string Name, Func<int, WearerScenario> Build)[]
        {
            ("desaturation", WearerScenario.Desaturation),
            ("tachycardia", WearerScenario.TachycardiaAtRest),
            ("sensor-off", WearerScenario.SensorOff),
            ("rest-walk-sit", WearerScenario.RestWalkSit),
        };
        var shown = new List<AlarmRun>();
        foreach (var (name, build) in kinds)
        {
            var runs = new List<AlarmRun>();
            for (int seed = 1; seed <= seeds; seed++)
            {
                Console.Error.WriteLine($"  [{name} seed {seed}]");
                runs.Add(AlarmRun.Execute($"{name} (seed {seed})", build(seed), new ApplicationSettings()));
            }

            Console.WriteLine("  " + name + ":");
            PrintPhysiological(name, runs, stated, limits);
            if (name == "sensor-off")
            {
                // Off at 40 s: contact judged lost within 0.1 s, the 10 s delay, judged once a second.
                var starts = runs.Select(r => r.FirstStart(AlarmCondition.SensorOff)).ToList();
                int inTime = starts.Count(s => s is double t && t >= 40 + AlarmSettings.SensorOffDelaySeconds && t <= 40 + AlarmSettings.SensorOffDelaySeconds + 1.2);
                Console.WriteLine(F($"    sensor off (low): {inTime} of {runs.Count} raised 10-11.2 s after the band came off at 40 s ")
                    + F($"(at {string.Join(", ", starts.Select(s => s is double t ? t.ToString("F2", Inv) : "never"))} s)"));
            }

            var technical = runs.SelectMany(r => r.Events).Where(e => e.Kind == AlarmEventKind.Started && !AlarmConditions.IsPhysiological(e.Condition)
                && !(name == "sensor-off" && e.Condition == AlarmCondition.SensorOff)).ToList();
            Console.WriteLine("    other technical alarms: " + Describe(technical));
            if (name is "desaturation" or "tachycardia")
            {
                shown.Add(runs[0]);
            }
        }

        if (outDir != null)
        {
            string path = Path.Combine(outDir, "scenarios.png");
            AlarmPlot.Save(shown, "simulated truth", path, limits);
            Console.WriteLine("  plot: " + path);
        }

        Console.WriteLine();
    }

    private static void Recordings(string dataDir, double stated, AlarmSettings limits, string? outDir)
    {
        OxiWearSequence? sequence = null;
        var camera = new List<PpgRecording>();
        foreach (string candidate in new[] { dataDir, Path.Combine(dataDir, "ppg"), Path.Combine(dataDir, "ppg-redir") }.Where(Directory.Exists))
        {
            sequence ??= PpgArguments.ReadingData(() => OxiWearSequence.Load(candidate));
            if (Directory.Exists(Path.Combine(candidate, "welltory")) || Directory.Exists(Path.Combine(candidate, "oximetry-phone-cam")))
            {
                camera.AddRange(PpgArguments.ReadingData(() => PpgRecording.LoadAll(candidate, 'G', m => Console.Error.WriteLine(m)))
                    .Where(r => r.DataSet != PpgDataSet.OxiWear && camera.All(c => c.Name != r.Name)));
            }
        }

        if (sequence == null && camera.Count == 0)
        {
            throw new UsageException("no recordings under " + dataDir + " (expected ppg/ and ppg-redir/ of ../shared/data, or one of them)");
        }

        Console.WriteLine("recordings (through the whole firmware, no phone):");
        if (sequence != null)
        {
            var settings = new ApplicationSettings();
            settings.Ppg = OxiWearFile.ReplaySettings(); // channel order known from the MAXM86161's registers
            Console.Error.WriteLine("  [oxiwear sequence]");
            AlarmRun run = AlarmRun.Execute("OxiWear: " + sequence.TestPoints.Count + " test points joined in clock order (default MAX3010x curve)",
                WearerScenario.Recorded(sequence.Recording, 1), settings);
            Console.WriteLine(F($"  OxiWear MAXM86161 red/IR, one subject, {sequence.TestPoints.Count} test points ({run.Times[^1]:F0} s joined; ")
                + F($"reference {sequence.TestPoints.Min(p => p.SpO2):F0}-{sequence.TestPoints.Max(p => p.SpO2):F0} %), MAX3010x default curve (not fitted to this data):"));
            PrintPhysiological("oxiwear", [run], stated, limits);
            Console.WriteLine("    technical alarms: " + Describe(run.Events.Where(e => e.Kind == AlarmEventKind.Started && !AlarmConditions.IsPhysiological(e.Condition)).ToList()));
            Console.WriteLine("    events: " + string.Join("; ", run.Events.Where(e => e.Condition == AlarmCondition.SpO2Low)
                .Select(e => F($"{e.AtMicroseconds / 1e6:F0} s {e.Kind.ToString().ToLowerInvariant()} {e.Priority.ToString().ToLowerInvariant()} at {e.Value:F1} %"))));
            Console.WriteLine("    reference episodes below 90 %: " + string.Join(", ", Episodes(run, limits.SpO2MediumPercent)));
            // The curve shipped for this sensor was fitted on these very test points: in-sample, shown for comparison only.
            var fitted = new ApplicationSettings();
            fitted.Ppg = OxiWearFile.ReplaySettings();
            fitted.Vitals.Calibration = SpO2Calibration.Maxm86161Finger();
            AlarmRun inSample = AlarmRun.Execute("OxiWear with the MAXM86161 finger curve (fitted on these test points: in-sample)",
                WearerScenario.Recorded(sequence.Recording, 1), fitted);
            Console.WriteLine("    for comparison, the MAXM86161 finger curve fitted on these same test points (in-sample, not an estimate for new data):");
            int silent = Print("SpO2 < " + limits.SpO2MediumPercent + " % (medium)", AlarmScore.Of(inSample.Times, inSample.ReferenceSpO2, inSample.SpO2Priority,
                limits.SpO2MediumPercent, true, AlarmPriority.Medium, stated));
            silent += Print("SpO2 < " + limits.SpO2HighPercent + " % (high)", AlarmScore.Of(inSample.Times, inSample.ReferenceSpO2, inSample.SpO2Priority,
                limits.SpO2HighPercent, true, AlarmPriority.High, stated));
            if (outDir != null)
            {
                string path = Path.Combine(outDir, "oxiwear-sequence.png");
                AlarmPlot.Save([run, inSample], "reference SpO2 of each test point", path, limits);
                Console.WriteLine("    plot: " + path);
            }
        }

        var oximetry = camera.Where(r => r.DataSet == PpgDataSet.Oximetry).ToList();
        if (oximetry.Count > 0)
        {
            Console.Error.WriteLine("  [oximetry: leave-one-subject-out calibrations]");
            var pairs = FitSpO2Command.CollectPairs(oximetry, new VitalsConfiguration(), m => Console.Error.WriteLine("    " + m));
            var runs = new List<AlarmRun>();
            foreach (PpgRecording rec in oximetry)
            {
                var training = pairs.Where(p => p.Subject != rec.Subject).Select(p => (p.Ratio, p.Reference)).ToList();
                var settings = new ApplicationSettings();
                settings.Vitals.Calibration = SpO2Fit.Fit(training, 1, "without " + rec.Subject);
                Console.Error.WriteLine($"  [{rec.Name}]");
                runs.Add(AlarmRun.Execute(rec.Name + " (curve fitted without this subject)", WearerScenario.Recorded(rec, 1), settings));
            }

            Console.WriteLine(F($"  oximetry-phone-cam, {oximetry.Count} records ({oximetry.Select(r => r.Subject).Distinct().Count()} subjects x 2 hands), camera R/G, ")
                + "each with a linear curve fitted on the other subjects:");
            PrintPhysiological("oximetry", runs, stated, limits);
            foreach (AlarmRun run in runs)
            {
                var m = AlarmScore.Of(run.Times, run.ReferenceSpO2, run.SpO2Priority, limits.SpO2MediumPercent, true, AlarmPriority.Medium, stated);
                var h = AlarmScore.Of(run.Times, run.ReferenceSpO2, run.SpO2Priority, limits.SpO2HighPercent, true, AlarmPriority.High, stated);
                double valid = run.Readings.Count(r => r.SpO2Valid) / (double)run.Readings.Length;
                var errors = Enumerable.Range(0, run.Times.Length).Where(i => run.Readings[i].SpO2Valid && !double.IsNaN(run.ReferenceSpO2[i]))
                    .Select(i => run.Readings[i].SpO2Percent - run.ReferenceSpO2[i]).ToList();
                string arms = errors.Count == 0 ? "  --" : F($"{Math.Sqrt(errors.Average(e => e * e)),4:F1}");
                string bias = errors.Count == 0 ? "  --" : F($"{errors.Average(),+5:F1}");
                Console.WriteLine(F($"    {run.Name.Split(' ')[0],-22} SpO2 valid {100 * valid,3:F0} %, Arms {arms} %, bias {bias} %;  < 90: {m.Detected}/{m.Required}, false {m.FalseAlarmsAt.Count}   ")
                    + F($"< 85: {h.Detected}/{h.Required}, false {h.FalseAlarmsAt.Count}   technical: ")
                    + Describe(run.Events.Where(e => e.Kind == AlarmEventKind.Started && !AlarmConditions.IsPhysiological(e.Condition)).ToList()));
            }

            if (outDir != null)
            {
                string path = Path.Combine(outDir, "oximetry.png");
                AlarmPlot.Save(runs, "oximeters' SpO2", path, limits);
                Console.WriteLine("    plot: " + path);
            }
        }

        var welltory = camera.Where(r => r.DataSet == PpgDataSet.Welltory).ToList();
        if (welltory.Count > 0)
        {
            var runs = welltory.Select(rec =>
            {
                Console.Error.WriteLine($"  [{rec.Name}]");
                return AlarmRun.Execute(rec.Name, WearerScenario.Recorded(rec, 1), new ApplicationSettings());
            }).ToList();
            Console.WriteLine(F($"  Welltory, {runs.Count} records at rest vs the chest strap (heart rate only: red = IR, so R = 1 and SpO2 reads about 80 %):"));
            PrintPhysiological("welltory", runs, stated, limits, spo2: false);
            int spo2Alarms = runs.Count(r => r.Events.Any(e => e.Condition == AlarmCondition.SpO2Low));
            Console.WriteLine($"    SpO2 alarms: {spo2Alarms} of {runs.Count} records (not scored: the replay's SpO2 is an artefact of feeding one channel as both)");
            Console.WriteLine("    technical alarms: " + Describe(runs.SelectMany(r => r.Events).Where(e => e.Kind == AlarmEventKind.Started && !AlarmConditions.IsPhysiological(e.Condition)).ToList()));
        }
    }

    /// <summary>Both SpO2 tiers (when the reference has SpO2) and the four pulse-rate tiers, pooled over the runs.</summary>
    /// <summary>Both SpO2 tiers (when the reference has SpO2) and the four pulse-rate tiers, pooled over the runs; silent tiers summed up in one line.</summary>
    private static void PrintPhysiological(string name, List<AlarmRun> runs, double stated, AlarmSettings limits, bool spo2 = true)
    {
        int silent = 0;
        if (spo2 && runs.Any(r => r.ReferenceSpO2.Any(v => !double.IsNaN(v))))
        {
            silent += Print("SpO2 < " + limits.SpO2MediumPercent + " % (medium)", Pool(runs, r => AlarmScore.Of(r.Times, r.ReferenceSpO2, r.SpO2Priority, limits.SpO2MediumPercent, true, AlarmPriority.Medium, stated)));
            silent += Print("SpO2 < " + limits.SpO2HighPercent + " % (high)", Pool(runs, r => AlarmScore.Of(r.Times, r.ReferenceSpO2, r.SpO2Priority, limits.SpO2HighPercent, true, AlarmPriority.High, stated)));
        }

        silent += Print("pulse > " + limits.PulseHighMediumBpm + " (medium)", Pool(runs, r => AlarmScore.Of(r.Times, r.ReferenceRate, r.RateHighPriority, limits.PulseHighMediumBpm, false, AlarmPriority.Medium, stated)));
        silent += Print("pulse > " + limits.PulseHighHighBpm + " (high)", Pool(runs, r => AlarmScore.Of(r.Times, r.ReferenceRate, r.RateHighPriority, limits.PulseHighHighBpm, false, AlarmPriority.High, stated)));
        silent += Print("pulse < " + limits.PulseLowMediumBpm + " (medium)", Pool(runs, r => AlarmScore.Of(r.Times, r.ReferenceRate, r.RateLowPriority, limits.PulseLowMediumBpm, true, AlarmPriority.Medium, stated)));
        silent += Print("pulse < " + limits.PulseLowHighBpm + " (high)", Pool(runs, r => AlarmScore.Of(r.Times, r.ReferenceRate, r.RateLowPriority, limits.PulseLowHighBpm, true, AlarmPriority.High, stated)));
        if (silent > 0)
        {
            Console.WriteLine($"    {silent} other tiers: no reference episode longer than the stated delay and no false alarm");
        }
    }

    private static AlarmScore Pool(List<AlarmRun> runs, Func<AlarmRun, AlarmScore> score) => runs.Select(score).Aggregate(AlarmScore.Empty, (a, b) => a + b);

    /// <summary>One tier's line; returns 1 (and prints nothing) when it had nothing to do.</summary>
    private static int Print(string tier, AlarmScore s)
    {
        if (s.Required == 0 && s.FalseAlarmsAt.Count == 0)
        {
            return 1;
        }

        string latency = s.Latencies.Count == 0 ? "" : F($", latency median {Median(s.Latencies):F0} s, max {s.Latencies.Max():F0} s");
        string missed = s.MissedAt.Count == 0 ? "" : F($", missed at {string.Join(", ", s.MissedAt.Select(t => t.ToString("F0", Inv)))} s");
        string falses = s.FalseAlarmsAt.Count == 0 ? "" : F($" at {string.Join(", ", s.FalseAlarmsAt.Select(t => t.ToString("F0", Inv)))} s");
        Console.WriteLine(F($"    {tier,-24} {s.Detected} of {s.Required} episodes alarmed within the stated delay{latency}{missed}; {s.FalseAlarmsAt.Count} false alarms{falses}"));
        return 0;
    }

    private static IEnumerable<string> Episodes(AlarmRun run, double limit)
    {
        for (int i = 0; i < run.Times.Length; i++)
        {
            if (run.ReferenceSpO2[i] < limit && (i == 0 || !(run.ReferenceSpO2[i - 1] < limit)))
            {
                int j = i;
                while (j + 1 < run.Times.Length && run.ReferenceSpO2[j + 1] < limit)
                {
                    j++;
                }

                yield return F($"{run.Times[i]:F0}-{run.Times[j] + 1:F0} s");
            }
        }
    }

    private static string Describe(List<AlarmEvent> started) => started.Count == 0
        ? "none"
        : string.Join(", ", started.GroupBy(e => e.Condition).Select(g => F($"{g.Key} x{g.Count()}")));

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string F(FormattableString s) => s.ToString(Inv);
}
