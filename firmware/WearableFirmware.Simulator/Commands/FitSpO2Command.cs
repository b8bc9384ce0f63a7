using System.CommandLine;
using System.Globalization;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.SimulatedBoard.Vitals;
using WearableFirmware.Simulator.Evaluation;
using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Commands;

/// <summary>
/// Fits an SpO2 calibration curve from desaturation recordings and reports its cross-validated accuracy: the camera
/// study leave one subject out, the OxiWear test points (one subject) leave one file out and by blocks of time.
/// </summary>
public sealed class FitSpO2Command : Command
{
    private readonly Argument<string> _data = Cli.DataDirectory("the desaturation recordings (../shared/data/ppg or ../shared/data/ppg-redir)");
    private readonly Option<int?> _order = Cli.Whole("--order", "1 = linear, 2 = quadratic (camera default 1; OxiWear default: chosen as above)", 1, 2);
    private readonly Option<string?> _irChannel = PpgArguments.IrChannelOption();
    private readonly Option<string?> _out = Cli.OutputFile("--out", "calibration file to write (default artifacts/spo2-calibration.txt)");

    public FitSpO2Command()
        : base("fit-spo2", "fit an SpO2 calibration from desaturation recordings; report its cross-validated Arms" + "\n\n" + "Replays the desaturation recordings through the MAX30102 chip model, driver and vitals pipeline (as\neval-ppg does), pairs the ratio of ratios behind each valid SpO2 reading with the reference, fits\nSpO2 = constant + linear\u00b7R (+ quadratic\u00b7R\u00b2) by least squares on all of them and writes it to a file that\neval-ppg --calibration (and the host vitals configuration) loads.\n\noximetry-phone-cam (../shared/data/ppg): every once-a-second reading against the oximeters' SpO2 at that\nsecond; Arms leave-one-subject-out (each subject judged by a curve fitted without it).\n\nOxiWear test points (../shared/data/ppg-redir, or any folder of them): the firmware in its short-record\nmode, one reading per file (after its last sample) against the SpO2 in the file name; Arms leave-one-\nfile-out (the held-out files of the session interleave these in time) and by 5 blocks of consecutive\nfiles (harsher: each block of minutes judged by a curve fitted on the others). Without --order the\norder with the lower leave-one-file-out Arms is chosen. Reports Arms, bias and the fraction of files\nwith a reading over 70-100 % and below 90 % and writes a Bland-Altman PNG of the leave-one-file-out\nestimates beside the calibration file.")
    {
        Arguments.Add(_data);
        foreach (Option option in new Option[] { _order, _irChannel, _out })
        {
            Options.Add(option);
        }

        SetAction(Run);
    }

    private int Run(ParseResult args)
    {
        string dataDir = args.GetValue(_data)!;
        char channel = PpgArguments.IrChannel(args.GetValue(_irChannel));
        int order = args.GetValue(_order) ?? 0;
        string outFile = OutputPaths.File(args.GetValue(_out) ?? Path.Combine("artifacts", "spo2-calibration.txt"), "--out");

        IReadOnlyList<PpgRecording> recordings = PpgArguments.ReadingData(() => PpgRecording.LoadAll(dataDir, channel, m => Console.Error.WriteLine(m)));
        var testPoints = recordings.Where(r => r.DataSet == PpgDataSet.OxiWear).ToList();
        var oximetry = recordings.Where(r => r.DataSet == PpgDataSet.Oximetry).ToList();
        if (testPoints.Count > 0 && oximetry.Count > 0)
        {
            throw new UsageException(dataDir + " holds both camera and OxiWear recordings; fit one sensor at a time");
        }

        if (testPoints.Count > 0)
        {
            FitTestPoints(testPoints, order, outFile);
        }
        else
        {
            FitCamera(oximetry, order == 0 ? 1 : order, channel, outFile, dataDir);
        }

        return 0;
    }

    private static void FitCamera(List<PpgRecording> recordings, int order, char channel, string outFile, string dataDir)
    {
        // Judged leave-one-subject-out: a curve needs subjects other than the one it is judged on.
        List<string> subjects = recordings.Select(r => r.Subject).Distinct().ToList();
        if (subjects.Count < 2)
        {
            throw new UsageException($"fit-spo2 judges each subject by a curve fitted on the others: {dataDir} holds "
                + (subjects.Count == 0 ? "no oximetry recording" : "one subject (" + subjects[0] + ")") + ", at least 2 are needed");
        }

        var config = new VitalsConfiguration();
        var pairs = CollectPairs(recordings, config, m => Console.Error.WriteLine(m));
        if (pairs.Count == 0)
        {
            throw new UsageException("no oximetry recordings with valid SpO2 readings under " + dataDir);
        }

        var result = LeaveOneSubjectOut(pairs, order);
        Console.WriteLine();
        Console.WriteLine("leave-one-subject-out (each subject judged by a curve fitted on the others):");
        foreach (var (subject, arms, n, fitted) in result.PerSubject)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {subject,-20} Arms {arms,5:F2} %  ({n} s)   fit without it: {EvalPpgCommand.Describe(fitted)}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LOSO Arms, pooled: {result.PooledArms:F2} % over {result.Count} s"));

        var all = SpO2Fit.Fit(pairs.Select(p => (p.Ratio, p.Reference)).ToList(), order,
            "fit-spo2 on " + pairs.Select(p => p.Subject).Distinct().Count() + " oximetry subjects, camera R / " + channel + ", order " + order);
        SpO2CalibrationFile.Save(outFile, all, string.Create(CultureInfo.InvariantCulture,
            $"{pairs.Count} one-second windows; leave-one-subject-out Arms {result.PooledArms:F2} %"));
        Console.WriteLine("fitted on all: " + EvalPpgCommand.Describe(all));
        Console.WriteLine("written: " + Path.GetFullPath(outFile));
    }

    private static void FitTestPoints(List<PpgRecording> recordings, int order, string outFile)
    {
        var config = VitalsConfiguration.ShortRecord();
        List<TestPoint> points = TestPointEvaluation.Run(recordings, config, progress: m => Console.Error.WriteLine(m));
        int read = points.Count(p => p.HasSpO2);
        Console.WriteLine();
        Console.WriteLine("OxiWear test points, short-record mode (SpO2 from " + VitalsConfiguration.ShortRecordMinimumSpO2Beats
            + " agreeing clean beats): a reading in " + read + " of " + points.Count + " files");
        foreach (TestPoint p in points.Where(p => !p.HasSpO2))
        {
            Console.WriteLine("  no reading: " + p.Name + " (" + p.WhyNoSpO2 + ")");
        }

        if (read < 4)
        {
            throw new UsageException("too few test points with a reading to fit and cross-validate a calibration (" + read + ")");
        }

        var training = points.Where(p => p.HasSpO2).Select(p => (p.Ratio, p.ReferenceSpO2)).ToList();
        var leaveOneOut = new Dictionary<int, double[]>();
        Console.WriteLine();
        Console.WriteLine("order  leave-one-file-out Arms  by " + TestPointEvaluation.TimeBlocks + " time blocks  fitted and judged on all   curve fitted on all");
        foreach (int candidate in new[] { 1, 2 })
        {
            leaveOneOut[candidate] = TestPointEvaluation.CrossValidated(points, candidate, false);
            double[] blocks = TestPointEvaluation.CrossValidated(points, candidate, true);
            SpO2Calibration fitted = SpO2Fit.Fit(training, candidate, "all");
            double inSample = SpO2Accuracy.Of(points.Select(p => (p.SpO2With(fitted), p.ReferenceSpO2)).ToList()).Arms;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{candidate,5}  {Arms(points, leaveOneOut[candidate]),22:F2} %  {Arms(points, blocks),17:F2} %  {inSample,22:F2} %   {EvalPpgCommand.Describe(fitted)}"));
        }

        bool chosen = order == 0;
        if (chosen)
        {
            order = Arms(points, leaveOneOut[1]) <= Arms(points, leaveOneOut[2]) ? 1 : 2;
        }

        double loo = Arms(points, leaveOneOut[order]);
        Console.WriteLine((chosen ? "chosen" : "--order") + ": " + (order == 1 ? "linear" : "quadratic")
            + (chosen ? " (lower leave-one-file-out Arms; the training fit always favours more terms)" : ""));
        Console.WriteLine();
        TestPointEvaluation.PrintAccuracy("leave-one-file-out, " + (order == 1 ? "linear" : "quadratic") + " (each file judged by a curve fitted without it):",
            points, leaveOneOut[order]);
        var maxim = points.Select(p => p.SpO2With(SpO2Calibration.Max3010xMaxim())).ToList();
        TestPointEvaluation.PrintAccuracy("for comparison, the MAX3010x default curve as it is (nothing fitted):", points, maxim);

        var all = SpO2Fit.Fit(training, order, string.Create(CultureInfo.InvariantCulture,
            $"fit-spo2 on {training.Count} OxiWear MAXM86161 finger test points (one subject), {(order == 1 ? "linear" : "quadratic")}, leave-one-file-out Arms {loo:F2} %"));
        SpO2CalibrationFile.Save(outFile, all, string.Create(CultureInfo.InvariantCulture,
            $"{training.Count} of {points.Count} test points with a reading in the short-record mode; leave-one-file-out Arms {loo:F2} %"));
        Console.WriteLine("fitted on all: " + EvalPpgCommand.Describe(all));
        Console.WriteLine("written: " + Path.GetFullPath(outFile));
        string png = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outFile))!, Path.GetFileNameWithoutExtension(outFile) + "-bland-altman.png");
        BlandAltmanPlot.Save(png, new (string, IReadOnlyList<(double, double)>)[]
        {
            ("OxiWear, leave-one-file-out, " + (order == 1 ? "linear" : "quadratic"), points.Select((p, i) => (leaveOneOut[order][i], p.ReferenceSpO2)).ToList()),
            ("OxiWear, MAX3010x default curve", points.Select((p, i) => (maxim[i], p.ReferenceSpO2)).ToList()),
        });
        Console.WriteLine("Bland-Altman: " + Path.GetFullPath(png));
        Console.WriteLine(TestPointEvaluation.NotAClinicalValidation);
    }

    private static double Arms(List<TestPoint> points, double[] estimates)
        => SpO2Accuracy.Of(points.Select((p, i) => (estimates[i], p.ReferenceSpO2)).ToList()).Arms;

    /// <summary>(subject, R, reference SpO2) for every valid once-a-second reading of the oximetry recordings.</summary>
    public static List<(string Subject, double Ratio, double Reference)> CollectPairs(IReadOnlyList<PpgRecording> recordings, VitalsConfiguration config, Action<string>? progress)
    {
        var pairs = new List<(string, double, double)>();
        int done = 0;
        foreach (PpgRecording rec in recordings)
        {
            PpgReplayResult replay = PpgReplay.Run(rec, config);
            int before = pairs.Count;
            for (int i = 0; i < replay.Times.Length; i++)
            {
                double reference = rec.ReferenceSpO2At(replay.Times[i]);
                if (!double.IsNaN(replay.Ratios[i]) && !double.IsNaN(reference))
                {
                    pairs.Add((rec.Subject, replay.Ratios[i], reference));
                }
            }

            done++;
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"[{done}/{recordings.Count}] {rec.Name}: {pairs.Count - before} windows"));
        }

        return pairs;
    }

    public sealed record LosoResult(List<(string Subject, double Arms, int Count, SpO2Calibration Fitted)> PerSubject, double PooledArms, int Count);

    public static LosoResult LeaveOneSubjectOut(List<(string Subject, double Ratio, double Reference)> pairs, int order)
    {
        var judged = SpO2Fit.CrossValidate(pairs, order);
        var perSubject = new List<(string, double, int, SpO2Calibration)>();
        foreach (string subject in pairs.Select(p => p.Subject).Distinct().OrderBy(s => s, StringComparer.Ordinal))
        {
            SpO2Calibration fitted = SpO2Fit.Fit(pairs.Where(p => p.Subject != subject).Select(p => (p.Ratio, p.Reference)).ToList(), order, "without " + subject);
            var errors = judged.Where(p => p.Fold == subject).Select(p => (p.Estimate, p.Reference)).ToList();
            perSubject.Add((subject, PpgScore.Arms(errors), errors.Count, fitted));
        }

        return new LosoResult(perSubject, PpgScore.Arms(judged.Select(p => (p.Estimate, p.Reference)).ToList()), judged.Count);
    }
}
