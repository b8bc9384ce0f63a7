using ScottPlot;
using WearableFirmware.SimulatedBoard.Signals;

namespace WearableFirmware.Simulator.Evaluation;

/// <summary>One PNG per replayed recording: a stretch of the pulse with detected beats, then HR and SpO2 over time against the reference.</summary>
public static class PpgPlot
{
    /// <summary>Seconds of pulse shown in the top panel (the whole trace would be a solid band).</summary>
    private const double TraceSeconds = 20;

    public static void Save(PpgReplayResult result, PpgScore score, string path)
    {
        PpgRecording rec = result.Recording;
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        Plot trace = multiplot.GetPlot(0);
        Plot heart = multiplot.GetPlot(1);
        Plot oxygen = multiplot.GetPlot(2);

        // Pulse: a stretch from the middle of the record, where the pipeline has long settled.
        double start = Math.Max(0, rec.DurationSeconds / 2 - TraceSeconds / 2);
        int from = (int)(start * result.SampleRateHz);
        int to = Math.Min(result.Pulse.Length, from + (int)(TraceSeconds * result.SampleRateHz));
        double[] xs = Enumerable.Range(from, to - from).Select(i => i / (double)result.SampleRateHz).ToArray();
        double[] ys = Enumerable.Range(from, to - from).Select(i => (double)result.Pulse[i]).ToArray();
        var line = trace.Add.ScatterLine(xs, ys);
        line.LegendText = "band-passed IR pulse (systole up)";
        double[] beats = result.BeatTimes.Where(t => t >= start && t < to / (double)result.SampleRateHz).ToArray();
        double[] beatY = beats.Select(t => (double)result.Pulse[Math.Min(result.Pulse.Length - 1, (int)Math.Round(t * result.SampleRateHz))]).ToArray();
        var detected = trace.Add.ScatterPoints(beats, beatY);
        detected.LegendText = "detected beats";
        detected.MarkerSize = 8;
        if (rec.ReferenceBeatTimes.Length > 0)
        {
            double top = ys.Length > 0 ? ys.Max() : 1;
            double[] refBeats = rec.ReferenceBeatTimes.Where(t => t >= start && t < to / (double)result.SampleRateHz).ToArray();
            var chest = trace.Add.ScatterPoints(refBeats, refBeats.Select(_ => top * 1.1).ToArray());
            chest.LegendText = "chest-strap beats (R waves, earlier than the finger pulse)";
            chest.MarkerShape = MarkerShape.FilledTriangleDown;
        }

        trace.Title(rec.Name + ": HR MAE " + F(score.Mae) + " bpm, valid " + F(100 * score.ValidFraction) + " %"
            + (score.SpO2Pairs.Count > 0 ? ", SpO2 Arms " + F(score.SpO2Arms) + " %" : ""));
        trace.XLabel("time (s)");
        trace.ShowLegend(Edge.Bottom);

        double[] times = result.Times;
        double[] hr = result.Readings.Select(r => r.HeartRateValid ? (double)r.HeartRateBpm : double.NaN).ToArray();
        double[] hrRef = times.Select(t => rec.ReferenceHeartRate(t, PpgRecording.ReferenceWindowSeconds)).ToArray();
        string hrReference = rec.DataSet switch
        {
            PpgDataSet.Welltory => "chest strap (8 s mean)",
            PpgDataSet.OxiWear => "reference heart rate (file name)",
            _ => "oximeters' pulse rate",
        };
        AddSeries(heart, times, hrRef, hrReference, true);
        AddSeries(heart, times, hr, "vitals estimate (valid readings)", false);
        heart.YLabel("heart rate (bpm)");
        heart.XLabel("time (s)");
        heart.ShowLegend(Edge.Bottom);

        double[] spo2 = result.Readings.Select(r => r.SpO2Valid ? (double)r.SpO2Percent : double.NaN).ToArray();
        double[] spo2Ref = times.Select(rec.ReferenceSpO2At).ToArray();
        if (spo2Ref.Any(v => !double.IsNaN(v)))
        {
            AddSeries(oxygen, times, spo2Ref, rec.DataSet == PpgDataSet.OxiWear ? "reference SpO2 (file name)" : "oximeters' SpO2", true);
        }

        if (rec.DataSet != PpgDataSet.Welltory)
        {
            AddSeries(oxygen, times, spo2, "vitals estimate (valid readings)", false);
        }
        else
        {
            oxygen.Title("no SpO2: this record has one usable camera channel (R), fed as both red and IR");
        }

        oxygen.YLabel("SpO2 (%)");
        oxygen.XLabel("time (s)");
        oxygen.ShowLegend(Edge.Bottom);

        multiplot.SavePng(path, 1400, 1100);
    }

    private static void AddSeries(Plot plot, double[] xs, double[] ys, string label, bool asLine)
    {
        double[] x = xs.Where((_, i) => !double.IsNaN(ys[i])).ToArray();
        double[] y = ys.Where(v => !double.IsNaN(v)).ToArray();
        if (x.Length == 0)
        {
            return;
        }

        var series = asLine ? plot.Add.ScatterLine(x, y) : plot.Add.ScatterPoints(x, y);
        series.LegendText = label;
        if (asLine)
        {
            series.LineWidth = 2;
        }
        else
        {
            series.MarkerSize = 4;
        }
    }

    private static string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
}
