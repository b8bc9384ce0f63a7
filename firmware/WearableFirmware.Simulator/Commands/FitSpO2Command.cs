using System.Globalization;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.SimulatedBoard.Vitals;
using WearableFirmware.Simulator.Evaluation;
using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Commands;

/// <summary>Fits an SpO2 calibration curve from the desaturation recordings and reports its leave-one-subject-out accuracy.</summary>
public sealed class FitSpO2Command : ICommand
{
    public string Name => "fit-spo2";

    public string Summary => "fit an SpO2 calibration from the desaturation recordings; report leave-one-subject-out Arms";

    public string Help => """
        usage: WearableFirmware.Simulator fit-spo2 <ppg-data-dir> [options]

        Replays the oximetry-phone-cam recordings through the MAX30102 chip model, driver and vitals pipeline
        (as eval-ppg does), pairs the ratio of ratios behind
        every valid once-a-second reading with the oximeters' SpO2 at that second, fits
        SpO2 = constant + linear·R (+ quadratic·R²) by least squares on all subjects and writes it to a file that
        eval-ppg --calibration (and the host vitals configuration) loads. Reports Arms leave-one-subject-out: each
        subject judged by a curve fitted without that subject.

          --order <n>        1 = linear (default), 2 = quadratic
          --ir-channel <c>   camera channel standing in for IR: G or B (default G)
          --out <file>       calibration file to write (default artifacts/spo2-calibration.txt)
          --help             this text
        """;

    public int Run(CommandLine args)
    {
        string dataDir = PpgArguments.DataDirectory(args, Name);
        char channel = PpgArguments.IrChannel(args);
        int order = args.Int("order", 1, 1, 2);
        string outFile = args.String("out") ?? Path.Combine("artifacts", "spo2-calibration.txt");
        args.RejectUnknown(1);

        var config = new VitalsConfiguration();
        var pairs = PpgArguments.ReadingData(() => CollectPairs(dataDir, config, channel, m => Console.Error.WriteLine(m)));
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
        string? dir = Path.GetDirectoryName(Path.GetFullPath(outFile));
        Directory.CreateDirectory(dir!);
        SpO2CalibrationFile.Save(outFile, all, string.Create(CultureInfo.InvariantCulture,
            $"{pairs.Count} one-second windows; leave-one-subject-out Arms {result.PooledArms:F2} %"));
        Console.WriteLine("fitted on all: " + EvalPpgCommand.Describe(all));
        Console.WriteLine("written: " + Path.GetFullPath(outFile));
        return 0;
    }

    /// <summary>(subject, R, reference SpO2) for every valid once-a-second reading of the oximetry recordings.</summary>
    public static List<(string Subject, double Ratio, double Reference)> CollectPairs(string dataDir, VitalsConfiguration config, char irChannel, Action<string>? progress)
    {
        var pairs = new List<(string, double, double)>();
        var recordings = PpgRecording.LoadAll(dataDir, irChannel, progress)
            .Where(r => r.DataSet == PpgDataSet.Oximetry).ToList();
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
        var perSubject = new List<(string, double, int, SpO2Calibration)>();
        var pooled = new List<(double, double)>();
        foreach (string subject in pairs.Select(p => p.Subject).Distinct().OrderBy(s => s, StringComparer.Ordinal))
        {
            var training = pairs.Where(p => p.Subject != subject).Select(p => (p.Ratio, p.Reference)).ToList();
            var judged = pairs.Where(p => p.Subject == subject).ToList();
            SpO2Calibration fitted = SpO2Fit.Fit(training, order, "without " + subject);
            var errors = judged.Select(p => ((double)Math.Clamp(fitted.Evaluate((float)p.Ratio), 0f, 100f), p.Reference)).ToList();
            pooled.AddRange(errors);
            perSubject.Add((subject, PpgScore.Arms(errors), errors.Count, fitted));
        }

        return new LosoResult(perSubject, PpgScore.Arms(pooled), pooled.Count);
    }
}
