using WearableFirmware.SimulatedBoard.Vitals;
using WearableFirmware.Simulator.Evaluation;
using WearableFirmware.Vitals;
using Xunit;

namespace WearableFirmware.Tests.Vitals;

/// <summary>fit-spo2's fit, cross-validation and accuracy figures on points whose answers are known by hand.</summary>
public class SpO2CalibrationFitTests
{
    [Fact]
    public void QuadraticFitRecoversMaximsCurveFromPointsOnIt()
    {
        SpO2Calibration maxim = SpO2Calibration.Max3010xMaxim();
        var points = Enumerable.Range(0, 17).Select(i => 0.4 + 0.05 * i).Select(r => (r, (double)maxim.Evaluate((float)r))).ToList();
        SpO2Calibration fitted = SpO2Fit.Fit(points, 2, "points on AN6845");
        Assert.Equal(112.6898759, fitted.Constant, 2);
        Assert.Equal(-34.6596622, fitted.Linear, 2);
        Assert.Equal(1.5958422, fitted.Quadratic, 2);
        // A line through points on a line: the quadratic term stays 0.
        var line = points.Select(p => (p.r, 110 - 25 * p.r)).ToList();
        Assert.Equal(0, SpO2Fit.Fit(line, 2, "line").Quadratic, 3);
    }

    [Fact]
    public void LeaveOneOutJudgesEachPointByACurveFittedWithoutIt()
    {
        // Three points on SpO2 = 110 - 30 R and one 4 % above it at R = 1. Without the outlier the other three fix
        // the line exactly (estimate 80 against 84); without (0.5, 95) the least-squares line through (1, 80),
        // (1.5, 65), (1, 84) is 116 - 34 R, which gives 99 at R = 0.5 (4 above 95).
        var points = new List<(string Fold, double Ratio, double Reference)>
        {
            ("a", 0.5, 95), ("b", 1.0, 80), ("c", 1.5, 65), ("d", 1.0, 84),
        };
        var judged = SpO2Fit.CrossValidate(points, 1);
        Assert.Equal(new[] { "a", "b", "c", "d" }, judged.Select(j => j.Fold));
        Assert.Equal(99, judged[0].Estimate, 6);
        Assert.Equal(80, judged[3].Estimate, 6);
        Assert.Equal(new[] { 95.0, 80, 65, 84 }, judged.Select(j => j.Reference));
    }

    [Fact]
    public void FoldsSharingALabelAreHeldOutTogetherAndEstimatesClampedAt100()
    {
        // Folds x and y: each judged by the line through the other fold's three points.
        var points = new List<(string Fold, double Ratio, double Reference)>
        {
            ("x", 0.2, 100), ("y", 0.5, 95), ("x", 0.6, 90), ("x", 1.0, 80), ("y", 1.0, 80), ("y", 1.5, 65),
        };
        var judged = SpO2Fit.CrossValidate(points, 1);
        // x judged by y's line, 110 - 30 R: 104 at R = 0.2, reported as 100 (the firmware clamps), 92, 80.
        Assert.Equal(new[] { 100, 92, 80.0 }, judged.Where(j => j.Fold == "x").Select(j => Math.Round(j.Estimate, 6)));
        // y judged by x's line, 105 - 25 R.
        Assert.Equal(new[] { 92.5, 80, 67.5 }, judged.Where(j => j.Fold == "y").Select(j => Math.Round(j.Estimate, 6)));
    }

    [Fact]
    public void AccuracyCountsFilesWithoutAReadingApart()
    {
        // Errors +2 and -2 with one file unread: Arms 2, bias 0, SD sqrt(8 / 1).
        var a = SpO2Accuracy.Of(new List<(double, double)> { (92, 90), (double.NaN, 85), (83, 85) });
        Assert.Equal(3, a.Files);
        Assert.Equal(2, a.WithReading);
        Assert.Equal(2.0 / 3, a.ReadingFraction, 9);
        Assert.Equal(2, a.Arms, 9);
        Assert.Equal(0, a.Bias, 9);
        Assert.Equal(Math.Sqrt(8), a.SdOfDifferences, 9);
        Assert.True(double.IsNaN(SpO2Accuracy.Of(new List<(double, double)> { (double.NaN, 90) }).Arms));
    }

    [Fact]
    public void ShippedCalibrationsAreKnownByName()
    {
        Assert.Equal(SpO2Calibration.Max3010xMaxim().Linear, SpO2CalibrationFile.NamedOrLoad("max3010x").Linear);
        SpO2Calibration finger = SpO2CalibrationFile.NamedOrLoad("maxm86161-finger");
        finger.Validate();
        Assert.Contains("OxiWear", finger.Source);
        Assert.Throws<FileNotFoundException>(() => SpO2CalibrationFile.NamedOrLoad("no-such-curve"));
    }
}
