using System.Globalization;
using ScottPlot;

namespace WearableFirmware.Simulator.Evaluation;

/// <summary>
/// Bland–Altman plots of SpO2 against its reference, one panel per curve: the difference (estimate − reference)
/// over the reference, with the bias and the 95 % limits of agreement (bias ± 1.96 SD). The reference is the x axis
/// rather than the pair's mean because the ISO 80601-2-61 ranges (70-100 %, below 90 %) are ranges of the reference.
/// </summary>
public static class BlandAltmanPlot
{
    public static void Save(string path, IReadOnlyList<(string Title, IReadOnlyList<(double Estimate, double Reference)> Pairs)> panels)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(panels.Count);
        for (int k = 0; k < panels.Count; k++)
        {
            Plot plot = multiplot.GetPlot(k);
            var pairs = panels[k].Pairs.Where(p => !double.IsNaN(p.Estimate)).ToList();
            double[] x = pairs.Select(p => p.Reference).ToArray();
            double[] y = pairs.Select(p => p.Estimate - p.Reference).ToArray();
            var points = plot.Add.ScatterPoints(x, y);
            points.MarkerSize = 8;
            points.LegendText = "test points with a reading";
            SpO2Accuracy a = SpO2Accuracy.Of(panels[k].Pairs.ToList());
            if (pairs.Count > 1)
            {
                var bias = plot.Add.HorizontalLine(a.Bias);
                bias.LegendText = F($"bias {Math.Round(a.Bias, 2) + 0.0:F2} %");
                bias.LineWidth = 2;
                bias.Color = Colors.Black;
                foreach (double limit in new[] { a.Bias - 1.96 * a.SdOfDifferences, a.Bias + 1.96 * a.SdOfDifferences })
                {
                    var line = plot.Add.HorizontalLine(limit);
                    line.LinePattern = LinePattern.Dashed;
                    line.Color = Colors.OrangeRed;
                    line.LegendText = limit > a.Bias ? F($"limits of agreement ±1.96 SD ({1.96 * a.SdOfDifferences:F2} %)") : "";
                }
            }

            var zero = plot.Add.HorizontalLine(0);
            zero.Color = Colors.Gray;
            zero.LineWidth = 1;
            plot.Axes.SetLimitsX(68, 100);
            plot.Title(panels[k].Title + F($": Arms {a.Arms:F2} %, {a.WithReading} of {a.Files} files"));
            plot.XLabel("reference SpO2 (%)");
            plot.YLabel("estimate − reference (%)");
            plot.ShowLegend(Edge.Right);
        }

        multiplot.SavePng(path, 1200, 450 * panels.Count);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
