using System.CommandLine;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Falls;
using WearableFirmware.Sampling;
using WearableFirmware.Simulator.Evaluation.Falls;

namespace WearableFirmware.Simulator.Commands;

/// <summary>
/// Replays a fall data set (SisFall at the waist, WEDA-FALL at the wrist, or any folder of either layout) through the
/// placement's fall detector with its shipped settings and reports the decision and latency per trial, the overall,
/// per-group and per-activity figures, and a PNG summary.
/// </summary>
public sealed class EvalFallsCommand : Command
{
    private readonly Argument<string> _data = Cli.DataDirectory("a SisFall root with subject folders (e.g. ../shared/data/sisfall-dev) or a WEDA-FALL folder "
        + "holding <code>/Uxx_Rnn_accel.csv (e.g. ../shared/data/wrist-falls/weda-fall); any folder of the same layout works (other users, more recordings)");
    private readonly Option<string?> _format = FallOptions.Format();
    private readonly Option<string?> _placement = Cli.Choice("--placement", "wrist or waist detector (default: where the data set was recorded: WEDA wrist, SisFall waist)", "placement", "wrist", "waist");
    private readonly Option<int?> _rate = FallOptions.Rate();
    private readonly Option<double?> _clip = FallOptions.Clip();
    private readonly Option<double?> _resample = FallOptions.Resample();
    private readonly Option<string?> _png = Cli.OutputFile("--png", "summary plot (default artifacts/fall-eval.png, outside version control)");

    public EvalFallsCommand()
        : base("eval-falls", "evaluate fall detection on SisFall (waist) or WEDA-FALL (wrist) trials (per trial, activity, group; PNG)" + "\n\n" + "WEDA-FALL: a fall trial counts as detected when an alarm's impact lies within 1 s of the fall marked in\nfall_timestamps.csv; alarms elsewhere in fall trials are listed apart. False alarms per hour are over the\nactivity trials' time.")
    {
        Arguments.Add(_data);
        foreach (Option option in new Option[] { _format, _placement, _rate, _clip, _resample, _png })
        {
            Options.Add(option);
        }

        SetAction(Run);
    }

    private int Run(ParseResult args)
    {
        string? format = args.GetValue(_format);
        string? placementText = args.GetValue(_placement);
        int rate = args.GetValue(_rate) ?? FallSensing.SampleRateHz;
        double clip = args.GetValue(_clip) ?? 0;
        double resample = args.GetValue(_resample) ?? 0;
        string png = OutputPaths.File(args.GetValue(_png) ?? Path.Combine("artifacts", "fall-eval.png"), "--png");
        FallDataSet data = FallDataSet.Open(args.GetValue(_data)!, format);
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

        Console.WriteLine($"Path: recording -> ADXL345 chip model ({rate} Hz ODR, virtual clock) -> Adxl345 driver -> SamplingLoop ({new LoopSettings().PeriodMicroseconds / 1000} ms ticks)");
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
