using System.Globalization;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.SimulatedBoard.Vitals;
using WearableFirmware.Simulator.Evaluation;
using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Commands;

/// <summary>Replays the recorded PPG data through the MAX30102 chip model, driver and vitals pipeline and scores it against the references.</summary>
public sealed class EvalPpgCommand : ICommand
{
    public string Name => "eval-ppg";

    public string Summary => "score heart rate / SpO2 on recorded PPG (../shared/data/ppg) against the references";

    public string Help => """
        usage: WearableFirmware.Simulator eval-ppg <ppg-data-dir> [options]

        Replays every recording (welltory/ and oximetry-phone-cam/ under the directory) as the light on the
        MAX30102 chip model, which samples it at the configured rate; the driver drains the FIFO every 40 ms of
        simulated time into the vitals pipeline. Takes a reading once a second and reports per record and overall:
        heart-rate mean absolute error (Welltory: vs the chest strap's RR intervals, 8 s mean; oximetry: vs the
        oximeters' pulse rate), the fraction of seconds with a valid heart rate, the time a valid heart rate was
        more than 20 % off at any 40 ms tick (a split or missed beat's rate that a once-a-second reading can
        miss), and SpO2 Arms on the oximetry data.

          --calibration <f>  SpO2 calibration file from fit-spo2 (default: the device's MAX3010x curve, which
                             does not apply to phone-camera channels)
          --ir-channel <c>   camera channel standing in for IR on the oximetry data: G or B (default G)
          --out <dir>        where the PNG per record goes (default artifacts/eval-ppg)
          --no-plots         skip the PNGs
          --help             this text
        """;

    public int Run(CommandLine args)
    {
        string dataDir = PpgArguments.DataDirectory(args, Name);
        char channel = PpgArguments.IrChannel(args);
        string? calibrationFile = args.String("calibration");
        string outDir = args.String("out") ?? Path.Combine("artifacts", "eval-ppg");
        bool plots = !args.Flag("no-plots");
        args.RejectUnknown(1);
        var config = new VitalsConfiguration();
        if (calibrationFile != null)
        {
            config.Calibration = PpgArguments.ReadingData(() => SpO2CalibrationFile.Load(calibrationFile));
        }

        if (plots)
        {
            Directory.CreateDirectory(outDir);
        }

        Console.WriteLine("calibration: " + Describe(config.Calibration));
        IReadOnlyList<PpgRecording> recordings = PpgArguments.ReadingData(
            () => PpgRecording.LoadAll(dataDir, channel, m => Console.Error.WriteLine(m)));
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
            if (plots)
            {
                PpgPlot.Save(result, score, Path.Combine(outDir, rec.Name.Replace('/', '_') + ".png"));
            }
        }

        Console.WriteLine();
        foreach (PpgDataSet set in Enum.GetValues<PpgDataSet>())
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

        if (plots)
        {
            Console.WriteLine("plots: " + Path.GetFullPath(outDir));
        }

        return 0;
    }

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
