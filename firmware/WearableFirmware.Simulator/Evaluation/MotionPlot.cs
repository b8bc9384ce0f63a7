using ScottPlot;

namespace WearableFirmware.Simulator.Evaluation;

/// <summary>One PNG per SP Cup recording: the ECG reference, the firmware's heart rate per window and the step rate.</summary>
public static class MotionPlot
{
    public static void Save(MotionReplayResult r, MotionScore s, string path)
    {
        var plot = new Plot();
        var reference = plot.Add.ScatterLine(r.Times, r.Recording.ReferenceBpm[..r.Times.Length]);
        reference.LegendText = "ECG heart rate (8-s windows)";
        reference.LineWidth = 2;
        var shown = plot.Add.ScatterLine(r.Times, s.Shown);
        shown.LegendText = "firmware heart rate (last shown)";
        double[] spectral = r.Readings.Select(x => x.HeartRateValid && x.HeartRateFromSpectrum ? (double)x.HeartRateBpm : double.NaN).ToArray();
        var points = plot.Add.ScatterPoints(r.Times, spectral);
        points.LegendText = "… from the spectrum (moving)";
        points.MarkerSize = 3;
        double[] steps = r.StepRates.Select(v => v > 0 ? v : double.NaN).ToArray();
        var cadence = plot.Add.ScatterLine(r.Times, steps);
        cadence.LegendText = "step rate (steps/min)";
        cadence.LinePattern = LinePattern.Dashed;
        plot.Title(string.Format(System.Globalization.CultureInfo.InvariantCulture,
            "{0}: MAE {1:F2} bpm, RMSE {2:F2}, valid {3:F1} % (PPG: green light standing in for IR)", s.Name, s.Mae, s.Rmse, 100 * s.ValidFraction));
        plot.XLabel("time (s)");
        plot.YLabel("bpm / steps per minute");
        plot.ShowLegend(Edge.Bottom);
        plot.SavePng(path, 1200, 600);
    }
}
