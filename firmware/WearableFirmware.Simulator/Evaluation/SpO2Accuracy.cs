using System.Globalization;

namespace WearableFirmware.Simulator.Evaluation;

/// <summary>Arms, bias and spread of one set of (estimate, reference) pairs, and how many files had a reading.</summary>
public sealed record SpO2Accuracy(int Files, int WithReading, double Arms, double Bias, double SdOfDifferences)
{
    public double ReadingFraction => Files > 0 ? WithReading / (double)Files : double.NaN;

    /// <summary>Pairs where the estimate is NaN count as files without a reading.</summary>
    public static SpO2Accuracy Of(IReadOnlyCollection<(double Estimate, double Reference)> files)
    {
        var read = files.Where(p => !double.IsNaN(p.Estimate)).ToList();
        if (read.Count == 0)
        {
            return new SpO2Accuracy(files.Count, 0, double.NaN, double.NaN, double.NaN);
        }

        double bias = read.Average(p => p.Estimate - p.Reference);
        double sd = read.Count > 1 ? Math.Sqrt(read.Sum(p => Math.Pow(p.Estimate - p.Reference - bias, 2)) / (read.Count - 1)) : double.NaN;
        return new SpO2Accuracy(files.Count, read.Count, PpgScore.Arms(read), bias, sd);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"reading in {WithReading,2} of {Files,2} files ({100 * ReadingFraction,5:F1} %), Arms {Arms,5:F2} %, bias {Math.Round(Bias, 2) + 0.0,6:F2} %, SD {SdOfDifferences,5:F2} %");
}
