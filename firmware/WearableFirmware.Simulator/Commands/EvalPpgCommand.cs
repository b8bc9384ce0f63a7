using System.CommandLine;
using System.Globalization;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.SimulatedBoard.Vitals;
using WearableFirmware.Simulator.Evaluation;
using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Commands;

/// <summary>Replays the recorded PPG data through the MAX30102 chip model, driver and vitals pipeline and scores it against the references.</summary>
public sealed class EvalPpgCommand : Command
{
    private static readonly long TickMilliseconds = SimulatedPpgSensor.DefaultDrainIntervalMicroseconds / 1000;

    private readonly Argument<string> _data = Cli.DataDirectory("the PPG data directory (e.g. ../shared/data/ppg or ../shared/data/ppg-redir)");
    private readonly Option<string?> _calibration = Cli.Text("--calibration", "SpO2 calibration: a name (max3010x, maxm86161-finger) or a file from fit-spo2 "
        + "(default: max3010x for camera records, which it does not fit, and maxm86161-finger for OxiWear test points)", "name|file");
    private readonly Option<string?> _irChannel = PpgArguments.IrChannelOption();
    private readonly Option<string?> _out = Cli.OutputDirectory("--out", "where the PNGs go (default artifacts/eval-ppg)");
    private readonly Option<bool> _noPlots = Cli.Flag("--no-plots", "skip the PNGs");

    public EvalPpgCommand()
        : base("eval-ppg", "score heart rate / SpO2 on recorded PPG (../shared/data/ppg, ../shared/data/ppg-redir) against the references\n\n"
            + "Replays every recording under the directory (welltory/ and oximetry-phone-cam/ of ../shared/data/ppg,\nor the OxiWear MAXM86161 files of ../shared/data/ppg-redir: oxiwear/proto1/*.csv, or any folder of them)\nas the light on the MAX30102 chip model, which samples it at the configured rate; the driver drains the\nFIFO every " + TickMilliseconds + " ms of simulated time into the vitals pipeline.\n\nCamera recordings: a reading once a second, scored per record and overall: heart-rate mean absolute\nerror (Welltory: vs the chest strap's RR intervals, 8 s mean; oximetry: vs the oximeters' pulse rate),\nthe fraction of seconds with a valid heart rate, the time a valid heart rate was more than 20 % off at\nany " + TickMilliseconds + " ms tick (a split or missed beat's rate that a once-a-second reading can miss), and SpO2 Arms on\nthe oximetry data.\n\nOxiWear test points (a few seconds each, reference SpO2 and HR in the file name): the firmware in its\nshort-record mode (VitalsConfiguration.ShortRecord: SpO2 from 2 agreeing clean beats), scored by the\nreading after the last sample: Arms, bias and the fraction of files with a reading over 70-100 % and\nbelow 90 %, with the shipped MAXM86161 calibration and with the MAX3010x default curve; a Bland-Altman\nPNG of both.")
    {
        Arguments.Add(_data);
        foreach (Option option in new Option[] { _calibration, _irChannel, _out, _noPlots })
        {
            Options.Add(option);
        }

        SetAction(Run);
    }

    private int Run(ParseResult args)
    {
        string dataDir = args.GetValue(_data)!;
        char channel = PpgArguments.IrChannel(args.GetValue(_irChannel));
        string? calibrationName = args.GetValue(_calibration);
        string outDir = args.GetValue(_out) ?? Path.Combine("artifacts", "eval-ppg");
        bool plots = !args.GetValue(_noPlots);
        SpO2Calibration? chosen = calibrationName == null ? null : PpgArguments.ReadingData(() => SpO2CalibrationFile.NamedOrLoad(calibrationName));
        if (plots)
        {
            OutputPaths.Directory(outDir, "--out");
        }

        IReadOnlyList<PpgRecording> recordings = PpgArguments.ReadingData(
            () => PpgRecording.LoadAll(dataDir, channel, m => Console.Error.WriteLine(m)));
        var camera = recordings.Where(r => r.DataSet != PpgDataSet.OxiWear).ToList();
        var testPoints = recordings.Where(r => r.DataSet == PpgDataSet.OxiWear).ToList();
        if (camera.Count > 0)
        {
            var config = new VitalsConfiguration();
            config.Calibration = chosen ?? config.Calibration;
            EvaluateCamera(camera, config, plots ? outDir : null);
        }

        if (testPoints.Count > 0)
        {
            EvaluateTestPoints(testPoints, chosen ?? SpO2Calibration.Maxm86161Finger(),
                calibrationName == null ? "shipped MAXM86161 finger calibration (fitted on the development files)" : "calibration " + calibrationName,
                plots ? outDir : null);
        }

        if (plots)
        {
            Console.WriteLine("plots: " + Path.GetFullPath(outDir));
        }

        return 0;
    }

    private static void EvaluateCamera(List<PpgRecording> recordings, VitalsConfiguration config, string? plotDir)
    {
        Console.WriteLine("calibration: " + Describe(config.Calibration));
        var scores = new List<(PpgRecording Rec, PpgScore Score)>();
        Console.WriteLine();
        Console.WriteLine("record                      secs  HR MAE  valid%  valid% after 1st  1st HR (s)  wrong (s)  SpO2 Arms  SpO2 n");
        int done = 0;
        foreach (PpgRecording rec in recordings)
        {
            PpgReplayResult result = PpgReplay.Run(rec, config);
            PpgScore score = PpgScore.Of(result);
            scores.Add((rec, score));
            done++;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{rec.Name,-26} {score.Seconds,5}  {score.Mae,6:F2}  {100 * score.ValidFraction,6:F1}  {100 * score.ValidFractionAfterFirst,16:F1}  {score.TimeToFirstSeconds,10:F0}  {score.WrongSeconds,9:F2}  {score.SpO2Arms,9:F2}  {score.SpO2Pairs.Count,6}   [{done}/{recordings.Count}]"));
            if (plotDir != null)
            {
                PpgPlot.Save(result, score, Path.Combine(plotDir, rec.Name.Replace('/', '_') + ".png"));
            }
        }

        Console.WriteLine();
        foreach (PpgDataSet set in new[] { PpgDataSet.Welltory, PpgDataSet.Oximetry })
        {
            var part = scores.Where(s => s.Rec.DataSet == set).Select(s => s.Score).ToList();
            if (part.Count > 0)
            {
                Summarize(set == PpgDataSet.Welltory ? "Welltory vs chest strap" : "oximetry vs oximeters' pulse", part);
            }
        }

        Summarize("all records", scores.Select(s => s.Score).ToList());
        var spo2 = scores.SelectMany(s => s.Score.SpO2Pairs).ToList();
        if (spo2.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"SpO2 Arms (oximetry, {spo2.Count} valid seconds, calibration above): {PpgScore.Arms(spo2):F2} %"));
        }
    }

    private static void EvaluateTestPoints(List<PpgRecording> recordings, SpO2Calibration calibration, string label, string? plotDir)
    {
        Console.WriteLine();
        Console.WriteLine("OxiWear test points (MAXM86161 finger PPG, one subject), short-record mode: SpO2 from "
            + VitalsConfiguration.ShortRecordMinimumSpO2Beats + " agreeing clean beats, the reading after the last sample");
        Console.WriteLine("calibration: " + Describe(calibration));
        var config = VitalsConfiguration.ShortRecord();
        config.Calibration = calibration;
        List<TestPoint> points = TestPointEvaluation.Run(recordings, config, progress: m => Console.Error.WriteLine(m));
        Console.WriteLine();
        TestPointEvaluation.PrintTable(points, calibration);
        Console.WriteLine();
        int swapped = points.Count(p => p.Replay.ChannelOrder == Drivers.Max3010x.ChannelOrder.Swapped);
        Console.WriteLine("driver's red/IR order check: red brighter than IR per mA in " + swapped + " of " + points.Count
            + " files (it would swap them; the replay keeps the order the LED sequence registers give)");
        var shipped = points.Select(p => p.SpO2With(calibration)).ToList();
        SpO2Calibration maxim = SpO2Calibration.Max3010xMaxim();
        var defaultCurve = points.Select(p => p.SpO2With(maxim)).ToList();
        TestPointEvaluation.PrintAccuracy("SpO2 with the " + label + ":", points, shipped);
        TestPointEvaluation.PrintAccuracy("SpO2 with the MAX3010x default curve (" + maxim.Source + "), as it is:", points, defaultCurve);

        // The continuous device's gates on the same files: why the short-record mode exists.
        var continuous = new VitalsConfiguration { Calibration = calibration };
        int continuousReadings = TestPointEvaluation.Run(recordings, continuous).Count(p => p.HasSpO2);
        Console.WriteLine("the continuous configuration (" + continuous.MinimumSpO2Beats + " agreeing clean beats) gives a reading in "
            + continuousReadings + " of " + points.Count + " files");
        var hr = points.Where(p => p.Replay.Final.HeartRateValid).Select(p => Math.Abs(p.Replay.Final.HeartRateBpm - p.ReferenceHeartRate)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"heart rate at the end of the record: in {hr.Count} of {points.Count} files, MAE {(hr.Count > 0 ? hr.Average() : double.NaN):F1} bpm against the reference in the name"));
        Console.WriteLine(TestPointEvaluation.NotAClinicalValidation);
        if (plotDir != null)
        {
            foreach (TestPoint p in points)
            {
                PpgPlot.Save(p.Replay, PpgScore.Of(p.Replay), Path.Combine(plotDir, p.Name.Replace('/', '_') + ".png"));
            }

            string png = Path.Combine(plotDir, "oxiwear-bland-altman.png");
            BlandAltmanPlot.Save(png, new (string, IReadOnlyList<(double, double)>)[]
            {
                ("OxiWear, " + label, Pairs(points, shipped)),
                ("OxiWear, MAX3010x default curve (Maxim AN6845)", Pairs(points, defaultCurve)),
            });
            Console.WriteLine("Bland-Altman: " + Path.GetFullPath(png));
        }
    }

    private static List<(double, double)> Pairs(List<TestPoint> points, List<double> estimates)
        => points.Select((p, i) => (estimates[i], p.ReferenceSpO2)).ToList();

    private static void Summarize(string label, List<PpgScore> part)
    {
        var (mae, valid, validAfter, seconds) = PpgScore.Pool(part);
        double meanOfMaes = part.Where(s => !double.IsNaN(s.Mae)).Select(s => s.Mae).DefaultIfEmpty(double.NaN).Average();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-30} {part.Count,3} records, {seconds,6} s: HR MAE {mae:F2} bpm (mean of records {meanOfMaes:F2}), valid {100 * valid:F1} % ({100 * validAfter:F1} % after the first reading), more than 20 % off {part.Sum(s => s.WrongSeconds):F2} s"));
    }

    internal static string Describe(SpO2Calibration c) => string.Create(CultureInfo.InvariantCulture,
        $"SpO2 = {c.Constant:G6} + {c.Linear:G6}·R + {c.Quadratic:G6}·R²  ({c.Source})");
}
