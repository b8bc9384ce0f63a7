using ScottPlot;

namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>
/// The tune-falls (wrist) PNG: cross-validated sensitivity against false alarms per hour as the decision level moves,
/// with the targets, the shipped level and the nested (level chosen without the judged user) result marked.
/// </summary>
public static class WristFallTradeoffPlot
{
    public static void Save(string path, IReadOnlyList<(double Level, FallMetrics Metrics)> curve, double shippedLevel, FallMetrics nested, string title)
    {
        var plot = new Plot();
        double[] fa = curve.Select(c => c.Metrics.FalseAlarmsPerHour).ToArray();
        double[] sens = curve.Select(c => 100 * c.Metrics.Sensitivity).ToArray();
        var line = plot.Add.Scatter(fa, sens);
        line.LegendText = "leave-one-user-out, decision level -2 … +2 (log odds)";
        foreach (var c in curve.Where(c => Math.Abs(c.Level * 2 - Math.Round(c.Level * 2)) < 1e-9))
        {
            var label = plot.Add.Text($"{c.Level:+0.0;-0.0;0}", c.Metrics.FalseAlarmsPerHour, 100 * c.Metrics.Sensitivity);
            label.LabelFontSize = 11;
        }

        FallMetrics shipped = curve.First(c => Math.Abs(c.Level - shippedLevel) < 1e-9).Metrics;
        var ship = plot.Add.Marker(shipped.FalseAlarmsPerHour, 100 * shipped.Sensitivity, MarkerShape.FilledDiamond, 14, Colors.Red);
        ship.LegendText = $"shipped level {shippedLevel:0.0#}: {100 * shipped.Sensitivity:F1} % / spec {100 * shipped.Specificity:F1} % / {shipped.FalseAlarmsPerHour:F1} FA/h";
        var nest = plot.Add.Marker(nested.FalseAlarmsPerHour, 100 * nested.Sensitivity, MarkerShape.OpenCircle, 14, Colors.Green);
        nest.LegendText = $"level chosen inside the CV: {100 * nested.Sensitivity:F1} % / spec {100 * nested.Specificity:F1} % / {nested.FalseAlarmsPerHour:F1} FA/h";
        var sensTarget = plot.Add.HorizontalLine(100 * WristFallTuning.RequiredSensitivity);
        sensTarget.LinePattern = LinePattern.Dashed;
        sensTarget.LegendText = "target sensitivity 95 %";
        var faTarget = plot.Add.VerticalLine(2);
        faTarget.LinePattern = LinePattern.Dashed;
        faTarget.LegendText = "target 2 false alarms / h";
        plot.Title(title);
        plot.XLabel("false alarms per hour of scripted activities");
        plot.YLabel("falls detected (%)");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 1100, 750);
    }
}
