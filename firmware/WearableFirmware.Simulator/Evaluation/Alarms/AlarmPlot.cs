using ScottPlot;
using WearableFirmware.Alarms;

namespace WearableFirmware.Simulator.Evaluation.Alarms;

/// <summary>
/// One PNG for one or more runs, a panel each: the reference and the firmware's reading with the medium and high
/// limits, and the alarm underneath as a bar coloured by its priority. A run whose pulse-rate alarm sounded shows
/// the pulse rate, the others SpO2.
/// </summary>
public static class AlarmPlot
{
    public static void Save(IReadOnlyList<AlarmRun> runs, string referenceName, string path, AlarmSettings limits)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(runs.Count);
        for (int p = 0; p < runs.Count; p++)
        {
            AlarmRun run = runs[p];
            Plot plot = multiplot.GetPlot(p);
            var rate = run.RateHighPriority.Zip(run.RateLowPriority, (a, b) => a > b ? a : b).ToArray();
            bool pulse = rate.Any(x => x != AlarmPriority.None);
            double[] reference = pulse ? run.ReferenceRate : run.ReferenceSpO2;
            double[] reading = run.Readings.Select(r => pulse ? (r.HeartRateValid ? r.HeartRateBpm : double.NaN) : (r.SpO2Valid ? r.SpO2Percent : double.NaN)).ToArray();
            var line = plot.Add.ScatterLine(run.Times, reference);
            line.LegendText = referenceName;
            line.LineWidth = 2;
            var firmware = plot.Add.ScatterLine(run.Times, reading);
            firmware.LegendText = pulse ? "firmware pulse rate (valid readings)" : "firmware SpO2 (valid readings)";
            var tiers = pulse
                ? new[] { (limits.PulseHighMediumBpm, "medium"), (limits.PulseHighHighBpm, "high"), (limits.PulseLowMediumBpm, "medium"), (limits.PulseLowHighBpm, "high") }
                : new[] { (limits.SpO2MediumPercent, "medium"), (limits.SpO2HighPercent, "high") };
            foreach (var (limit, name) in tiers)
            {
                var h = plot.Add.HorizontalLine(limit);
                h.LinePattern = LinePattern.Dashed;
                h.LineWidth = 1;
                h.Color = name == "high" ? Colors.Red : Colors.Orange;
                h.LegendText = $"{name} limit {limit}";
            }

            double low = reference.Concat(reading).Where(v => !double.IsNaN(v)).DefaultIfEmpty(pulse ? 60 : 90).Min();
            double high = reference.Concat(reading).Where(v => !double.IsNaN(v)).DefaultIfEmpty(100).Max();
            double floor = pulse ? Math.Min(limits.PulseLowHighBpm, low) - 10 : Math.Min(60, low - 8);
            double top = pulse ? Math.Max(limits.PulseHighHighBpm, high) + 10 : 101;
            AlarmPriority[] shown = pulse ? rate : run.SpO2Priority;
            string what = pulse ? "pulse-rate alarm" : "SpO2 alarm";
            Bar(plot, run.Times, shown, AlarmPriority.Medium, floor + (top - floor) * 0.04, Colors.Orange, what + " medium");
            Bar(plot, run.Times, shown, AlarmPriority.High, floor + (top - floor) * 0.04, Colors.Red, what + " high");
            plot.Title(run.Name);
            plot.YLabel(pulse ? "pulse rate (bpm)" : "SpO2 (%)");
            plot.XLabel("time (s)");
            plot.Axes.SetLimitsY(floor, top);
            plot.ShowLegend(Edge.Right);
        }

        multiplot.SavePng(path, 1300, Math.Max(400, 330 * runs.Count));
    }

    private static void Bar(Plot plot, double[] times, AlarmPriority[] priority, AlarmPriority atLeast, double y, Color color, string label)
    {
        double[] ys = priority.Select(p => p >= atLeast ? y : double.NaN).ToArray();
        if (ys.All(double.IsNaN))
        {
            return;
        }

        var bar = plot.Add.ScatterLine(times, ys);
        bar.LineWidth = 8;
        bar.Color = color;
        bar.LegendText = label;
    }
}
