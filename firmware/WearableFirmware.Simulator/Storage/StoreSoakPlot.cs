using ScottPlot;
using WearableFirmware.SimulatedBoard.Storage;

namespace WearableFirmware.Simulator.Storage;

/// <summary>The soak as a picture: records waiting on the device, drops, phone presence and power cuts over the days.</summary>
public static class StoreSoakPlot
{
    public static void Save(StoreSoakResult result, string path)
    {
        var plot = new Plot();
        double[] days = result.Timeline.Select(s => s.Day).ToArray();
        var waiting = plot.Add.Scatter(days, result.Timeline.Select(s => (double)s.Waiting).ToArray());
        waiting.MarkerSize = 0;
        waiting.LegendText = "spot-checks waiting for the phone";
        var dropped = plot.Add.Scatter(days, result.Timeline.Select(s => (double)s.Dropped).ToArray());
        dropped.MarkerSize = 0;
        dropped.LegendText = "dropped (counted)";
        var connected = plot.Add.Scatter(days, result.Timeline.Select(s => s.Connected ? -0.03 * Math.Max(1, result.MaxUndelivered) : double.NaN).ToArray());
        connected.LineWidth = 6;
        connected.MarkerSize = 6; // a visit shorter than one sample is a lone point: draw it
        connected.MarkerShape = MarkerShape.FilledSquare;
        connected.LegendText = "phone connected";
        double top = Math.Max(result.MaxUndelivered, result.DroppedRecords) * 1.15 + 10;
        if (result.Capacity <= top)
        {
            var capacity = plot.Add.HorizontalLine(result.Capacity);
            capacity.LinePattern = LinePattern.Dashed;
            capacity.LegendText = $"capacity always kept ({result.Capacity})";
        }
        bool first = true;
        foreach (double day in result.PowerCutDays)
        {
            var cut = plot.Add.VerticalLine(day);
            cut.LineWidth = 1;
            cut.Color = Colors.Red.WithAlpha(0.4);
            cut.LegendText = first ? "power cut" : "";
            first = false;
        }

        plot.Title($"Record store soak: {result.SimulatedDays:F0} days, {result.SpotChecksAcknowledged} spot-checks, {result.PowerCuts} power cuts, {result.Missing} missing");
        plot.Axes.Bottom.Label.Text = "day";
        plot.Axes.Left.Label.Text = "records";
        plot.Axes.SetLimitsY(-0.06 * Math.Max(1, result.MaxUndelivered), top);
        plot.ShowLegend();
        plot.SavePng(path, 1200, 600);
    }
}
