using System.Globalization;
using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Evaluation;

/// <summary>Test-point replays and their scores over the reference ranges ISO 80601-2-61 asks about.</summary>
public static class TestPointEvaluation
{
    /// <summary>The ranges reported: the standard's 70-100 %, and below 90 % (where a user most relies on the number) apart.</summary>
    public static readonly (string Label, double Low, double High)[] Ranges =
    [
        ("70-100 %", 70, 100),
        ("below 90 %", 0, 89.999),
        ("90-100 %", 90, 100),
    ];

    /// <summary>Blocks of consecutive test points (in clock order) for the time-block cross-validation.</summary>
    public const int TimeBlocks = 5;

    public static List<TestPoint> Run(IReadOnlyList<PpgRecording> recordings, VitalsConfiguration configuration, Max3010xSettings? settings = null,
        Action<string>? progress = null)
    {
        var points = new List<TestPoint>();
        foreach (PpgRecording rec in recordings)
        {
            if (double.IsNaN(rec.TestPointSpO2))
            {
                throw new ArgumentException(rec.Name + " is not a test-point recording (no reference SpO2 for the whole file)");
            }

            points.Add(new TestPoint(rec, PpgReplay.Run(rec, configuration, settings)));
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"[{points.Count}/{recordings.Count}] {rec.Name}"));
        }

        return points;
    }

    /// <summary>Accuracy per range for estimates in the order of <paramref name="points"/> (NaN = no reading).</summary>
    public static List<(string Range, SpO2Accuracy Accuracy)> ByRange(IReadOnlyList<TestPoint> points, IReadOnlyList<double> estimates)
    {
        return Ranges.Select(range => (range.Label, SpO2Accuracy.Of(points
            .Select((p, i) => (Estimate: estimates[i], Reference: p.ReferenceSpO2))
            .Where(p => p.Reference >= range.Low && p.Reference <= range.High).ToList()))).ToList();
    }

    /// <summary>
    /// Fold labels for the test points with a reading: each file its own fold (leave one file out), or
    /// <see cref="TimeBlocks"/> runs of consecutive files in clock (= name) order.
    /// </summary>
    public static List<(string Fold, double Ratio, double Reference)> Folds(IReadOnlyList<TestPoint> points, bool timeBlocks)
    {
        var read = points.Where(p => p.HasSpO2).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        return read.Select((p, i) => (timeBlocks ? "block " + (i * TimeBlocks / read.Count) : p.Name, p.Ratio, p.ReferenceSpO2)).ToList();
    }

    /// <summary>Cross-validated estimates in the order of <paramref name="points"/> (NaN where the file has no reading).</summary>
    public static double[] CrossValidated(IReadOnlyList<TestPoint> points, int order, bool timeBlocks)
    {
        var folds = Folds(points, timeBlocks);
        var judged = SpO2Fit.CrossValidate(folds, order);
        var read = points.Where(p => p.HasSpO2).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var byName = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < read.Count; i++)
        {
            byName[read[i].Name] = judged[i].Estimate;
        }

        return points.Select(p => byName.TryGetValue(p.Name, out double e) ? e : double.NaN).ToArray();
    }

    /// <summary>The plain statement every SpO2 report on one subject carries.</summary>
    public const string NotAClinicalValidation =
        "One subject is not a clinical validation: ISO 80601-2-61 asks for a controlled desaturation study of at least 10 "
        + "subjects and 200 data points over 70-100 % SpO2 against arterial blood (CO-oximetry); these are one person's finger, "
        + "an unstated reference oximeter, and the same session's test points.";

    public static void PrintTable(IReadOnlyList<TestPoint> points, SpO2Calibration calibration)
    {
        Console.WriteLine("test point              secs  ref SpO2  ref HR  beats  SpO2 R   SpO2  error  HR");
        foreach (TestPoint p in points)
        {
            VitalsReading final = p.Replay.Final;
            string hr = final.HeartRateValid ? final.HeartRateBpm.ToString("F0", CultureInfo.InvariantCulture) : "-";
            string spo2 = p.HasSpO2
                ? string.Create(CultureInfo.InvariantCulture, $"{p.Ratio,6:F3}  {p.SpO2With(calibration),5:F1}  {p.SpO2With(calibration) - p.ReferenceSpO2,5:F1}")
                : "no SpO2: " + p.WhyNoSpO2;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.Name,-22} {p.Recording.DurationSeconds,5:F2}  {p.ReferenceSpO2,8:F0}  {p.ReferenceHeartRate,6:F0}  {final.BeatCount,5}  {spo2,-22}  {hr,3}"));
        }
    }

    public static void PrintAccuracy(string label, IReadOnlyList<TestPoint> points, IReadOnlyList<double> estimates)
    {
        Console.WriteLine(label);
        foreach (var (range, accuracy) in ByRange(points, estimates))
        {
            Console.WriteLine("  " + range.PadRight(11) + accuracy);
        }
    }
}
