using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Falls;
using WearableFirmware.Simulator.Commands;

namespace WearableFirmware.Simulator.Falls;

/// <summary>
/// Replays a fall data set (SisFall at the waist, WEDA-FALL at the wrist, or any folder of either layout) through the
/// placement's fall detector with its shipped settings and reports the decision and latency per trial, the overall,
/// per-group and per-activity figures, and a PNG summary.
/// </summary>
public sealed class EvalFallsCommand : ICommand
{
    public string Name => "eval-falls";

    public string Summary => "evaluate fall detection on SisFall (waist) or WEDA-FALL (wrist) trials (per trial, activity, group; PNG)";

    public string Help => """
        usage: WearableFirmware.Simulator eval-falls <data-dir> [options]

          <data-dir>         a SisFall root with subject folders (e.g. ../shared/data/sisfall-dev) or a WEDA-FALL folder
                             holding <code>/Uxx_Rnn_accel.csv (e.g. ../shared/data/wrist-falls/weda-fall); any folder of
                             the same layout works (other users, more recordings)
          --format <f>       sisfall or weda (default: told from the files)
          --placement <p>    wrist or waist detector (default: where the data set was recorded: WEDA wrist, SisFall waist)
          --rate <Hz>        ADXL345 output data rate and detector rate: 25, 50, 100 or 200 (default 50, the firmware's)
          --clip <g>         clip every axis at ± this many g before the chip (robustness: a ±4 g watch)
          --resample <Hz>    WEDA only: resample every trial onto an even grid at this rate first (e.g. 40: falls and
                             activities at one rate, to show the rate does not tell the class)
          --png <file>       summary plot (default artifacts/fall-eval.png, outside version control)
          --help             this text

        WEDA-FALL: a fall trial counts as detected when an alarm's impact lies within 1 s of the fall marked in
        fall_timestamps.csv; alarms elsewhere in fall trials are listed apart. False alarms per hour are over the
        activity trials' time.
        """;

    public int Run(CommandLine args)
    {
        string? format = args.String("format");
        string? placementText = args.String("placement");
        int rate = args.Int("rate", FallSensing.SampleRateHz, 25, 200);
        double clip = args.Double("clip", 0, 0, 16);
        double resample = args.Double("resample", 0, 0, 1000);
        string png = args.String("png") ?? Path.Combine("artifacts", "fall-eval.png");
        args.RejectUnknown(maxPositionals: 1);
        if (args.Positionals.Count != 1)
        {
            throw new UsageException("eval-falls needs the data folder (see --help)");
        }

        FallDataSet data = FallDataSet.Open(args.Positionals[0], format);
        SensorPlacement placement = FallDataSet.ParsePlacement(placementText, data.RecordedAt);
        var options = new ReplayOptions(clip > 0 ? clip : null, resample > 0 ? resample : null);
        OutputDataRate dataRate = FallTrialRunner.DataRate(rate);
        FallDetectorSetup Setup() => placement == SensorPlacement.Waist
            ? FallDetectorSetup.ForWaist(new FallDetectorSettings { SampleRateHz = rate })
            : FallDetectorSetup.ForWrist(new WristFallDetectorSettings { SampleRateHz = rate });

        Console.WriteLine($"eval-falls: {data.Trials.Count} {data.Label} trials ({options.Describe()}) through the {placement.ToString().ToLowerInvariant()} detector at {rate} Hz.");
        if (placement != data.RecordedAt)
        {
            Console.WriteLine($"NOTE: the {placement.ToString().ToLowerInvariant()} detector on recordings made at the {data.RecordedAt.ToString().ToLowerInvariant()}: not what it was built for.");
        }

        Console.WriteLine($"Path: recording -> ADXL345 chip model ({rate} Hz ODR, virtual clock) -> Adxl345 driver -> SamplingLoop (40 ms ticks)");
        Console.WriteLine($"      -> AccelerometerDrain + AccelerometerProcessingStage -> {(placement == SensorPlacement.Waist ? "FallDetector" : "WristFallDetector")}; latency = impact to the tick that raised the alarm.");
        Console.WriteLine(placement == SensorPlacement.Waist
            ? "Thresholds: " + FallThresholds.Describe(new FallDetectorSettings { SampleRateHz = rate })
            : $"Model: logistic regression on {WristFallFeatures.Count} features, trigger {WristFallDetectorSettings.DefaultTriggerG:0.0#} g, decision at score >= {WristFallDetectorSettings.DefaultDecisionScore:0.##}");
        var started = DateTime.UtcNow;
        TrialRun[] runs = FallTrialRunner.RunAll(data.Trials, Setup, () => new Adxl345Settings { DataRate = dataRate }, options, "replaying");
        double wall = (DateTime.UtcNow - started).TotalSeconds;

        Console.WriteLine();
        FallReport.Trials(runs);
        Console.WriteLine();
        FallReport.Summary(runs, data);
        FallReport.Latency(runs, data.Format == FallDataFormat.Weda);
        Console.WriteLine();
        var codes = FallReport.Codes(runs);

        string? folder = Path.GetDirectoryName(Path.GetFullPath(png));
        if (folder != null)
        {
            Directory.CreateDirectory(folder);
        }

        FallEvalPlot.Save(png, runs, codes, $"{data.Label}, {placement.ToString().ToLowerInvariant()} detector, {options.Describe()}");
        Console.WriteLine();
        Console.WriteLine($"summary plot: {Path.GetFullPath(png)}");
        Console.WriteLine($"replay took {wall:F1} s wall time on 2 threads");
        return 0;
    }
}
