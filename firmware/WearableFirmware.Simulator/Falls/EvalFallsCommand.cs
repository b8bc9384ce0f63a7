using System.Globalization;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Motion;
using WearableFirmware.Simulator.Commands;

namespace WearableFirmware.Simulator.Falls;

/// <summary>
/// Replays SisFall trials through the portable fall detector with its default (tuned) settings and reports the
/// decision and latency per trial, the overall and per-activity / per-age-group figures, and a PNG summary.
/// </summary>
public sealed class EvalFallsCommand : ICommand
{
    public string Name => "eval-falls";

    public string Summary => "evaluate the fall detector on SisFall trials (per trial, per activity, per age group, PNG)";

    public string Help => """
        usage: WearableFirmware.Simulator eval-falls <sisfall-dir> [options]

          <sisfall-dir>      SisFall root with subject folders (e.g. ../shared/data/sisfall-dev)
          --rate <Hz>        ADXL345 output data rate and detector rate: 25, 50, 100 or 200 (default 50, the firmware's)
          --png <file>       summary plot (default artifacts/fall-eval.png, outside version control)
          --help             this text

        SisFall was recorded with the device at the waist; the detector's defaults assume exactly that.
        """;

    public int Run(CommandLine args)
    {
        int rate = args.Int("rate", FallSensing.SampleRateHz, 25, 200);
        string png = args.String("png") ?? Path.Combine("artifacts", "fall-eval.png");
        args.RejectUnknown(maxPositionals: 1);
        if (args.Positionals.Count != 1)
        {
            throw new UsageException("eval-falls needs the SisFall folder (see --help)");
        }

        OutputDataRate dataRate = FallTrialRunner.DataRate(rate);
        IReadOnlyList<SisFallTrialInfo> trials = SisFallTrialInfo.Discover(args.Positionals[0]);
        Console.WriteLine($"eval-falls: {trials.Count} SisFall trials (ADXL345 columns, 200 Hz) replayed through the firmware at {rate} Hz.");
        Console.WriteLine("SisFall was recorded with the device on the WAIST (belt). The detector assumes a waist-worn device whose");
        Console.WriteLine("upright axis reads (0, -1, 0) g when standing, as in SisFall; on the wrist these thresholds do not apply.");
        Console.WriteLine($"Path: recording -> ADXL345 chip model ({rate} Hz ODR, virtual clock) -> Adxl345 driver -> SamplingLoop (40 ms ticks)");
        Console.WriteLine("      -> MotionDrain + MotionProcessing -> FallDetector; latency = impact sample to the tick that raised the alarm.");
        Console.WriteLine("Thresholds: " + FallThresholds.Describe(new FallDetectorSettings { SampleRateHz = rate }));
        var started = DateTime.UtcNow;
        TrialRun[] runs = FallTrialRunner.RunAll(trials, () => new FallDetectorSettings { SampleRateHz = rate },
            () => new Adxl345Settings { DataRate = dataRate }, "replaying");
        double wall = (DateTime.UtcNow - started).TotalSeconds;

        Console.WriteLine();
        Console.WriteLine("trial             decision  alarms  latency from impact (s)  peak (g)");
        foreach (TrialRun r in runs)
        {
            string decision = r.FallDecisions > 0 ? "FALL" : "-";
            string verdict = r.Trial.IsFall == (r.FallDecisions > 0) ? "" : (r.Trial.IsFall ? "  missed" : "  false alarm");
            string latency = r.Trial.IsFall && r.LatencySeconds is double l ? l.ToString("F2", CultureInfo.InvariantCulture) : "";
            Console.WriteLine($"{r.Trial.Name,-17} {decision,-8}  {r.FallDecisions,6}  {latency,23}  {r.MaxMagnitudeG,8:F2}{verdict}");
        }

        FallMetrics all = FallMetrics.Of(runs);
        Console.WriteLine();
        Console.WriteLine($"overall: {all.Summary()}");
        Console.WriteLine($"         accuracy {100 * all.Accuracy:F1} %, F1 {all.F1:F3}");
        double[] latencies = runs.Where(r => r.Trial.IsFall && r.LatencySeconds.HasValue).Select(r => r.LatencySeconds!.Value).Order().ToArray();
        if (latencies.Length > 0)
        {
            Console.WriteLine($"latency from impact (largest magnitude) to decision, detected falls: median {latencies[latencies.Length / 2]:F2} s, " +
                $"90th percentile {latencies[(int)(0.9 * (latencies.Length - 1))]:F2} s, max {latencies[^1]:F2} s (the alert's cancel window follows)");
        }

        foreach (string group in new[] { "SA", "SE" })
        {
            Console.WriteLine($"{group} ({(group == "SA" ? "adults 19-30" : "elderly 60-75")}): " + FallMetrics.Of(runs.Where(r => r.Trial.AgeGroup == group)).Summary());
        }

        Console.WriteLine();
        Console.WriteLine("per activity code (falls: detected; ADL: trials with an alarm, alarms per hour):");
        var codes = runs.GroupBy(r => r.Trial.Code).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        foreach (var code in codes)
        {
            FallMetrics m = FallMetrics.Of(code);
            string line = code.First().Trial.IsFall
                ? $"{m.Detected}/{m.Falls} detected ({100 * m.Sensitivity:F0} %)"
                : $"{m.AdlsWithAlarm}/{m.Adls} with an alarm, {m.FalseAlarms} alarms in {m.AdlHours * 60:F1} min";
            Console.WriteLine($"  {code.Key}  {line}");
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(png));
        if (folder != null)
        {
            Directory.CreateDirectory(folder);
        }

        FallEvalPlot.Save(png, runs, codes.Select(c => (c.Key, FallMetrics.Of(c))).ToArray());
        Console.WriteLine();
        Console.WriteLine($"summary plot: {Path.GetFullPath(png)}");
        Console.WriteLine($"replay took {wall:F1} s wall time on 2 threads");
        return 0;
    }
}
