using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Evaluation;

/// <summary>Least-squares fit of SpO2 = constant + linear·R (+ quadratic·R²) to (R, reference SpO2) pairs.</summary>
public static class SpO2Fit
{
    public static SpO2Calibration Fit(IReadOnlyList<(double Ratio, double Reference)> pairs, int order, string source)
    {
        if (order is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(order), "order must be 1 (linear) or 2 (quadratic)");
        }

        int k = order + 1;
        if (pairs.Count < k + 1)
        {
            throw new InvalidOperationException("need at least " + (k + 1) + " (R, SpO2) pairs to fit, got " + pairs.Count);
        }

        // Normal equations A·c = b with basis 1, R, R².
        var a = new double[k, k];
        var b = new double[k];
        foreach (var (r, s) in pairs)
        {
            double[] basis = order == 1 ? [1, r] : [1, r, r * r];
            for (int i = 0; i < k; i++)
            {
                b[i] += basis[i] * s;
                for (int j = 0; j < k; j++)
                {
                    a[i, j] += basis[i] * basis[j];
                }
            }
        }

        double[] c = Solve(a, b);
        return new SpO2Calibration((float)c[0], (float)c[1], order == 2 ? (float)c[2] : 0f, source);
    }

    /// <summary>
    /// Cross-validated estimates: each fold's points judged by a curve fitted on the other folds (leave one subject
    /// out, one file out, one block of time out: the fold labels decide). Estimates are clamped to 0-100 % as the
    /// firmware's are. Returned in the order of <paramref name="points"/>.
    /// </summary>
    public static List<(string Fold, double Estimate, double Reference)> CrossValidate(
        IReadOnlyList<(string Fold, double Ratio, double Reference)> points, int order)
    {
        var estimates = new double[points.Count];
        foreach (string fold in points.Select(p => p.Fold).Distinct())
        {
            SpO2Calibration fitted = Fit(points.Where(p => p.Fold != fold).Select(p => (p.Ratio, p.Reference)).ToList(), order, "without " + fold);
            for (int i = 0; i < points.Count; i++)
            {
                if (points[i].Fold == fold)
                {
                    estimates[i] = Estimate(fitted, points[i].Ratio);
                }
            }
        }

        return points.Select((p, i) => (p.Fold, estimates[i], p.Reference)).ToList();
    }

    /// <summary>SpO2 from a ratio as the firmware reports it: the curve's value clamped to 0-100 %.</summary>
    public static double Estimate(SpO2Calibration calibration, double ratio) => Math.Clamp(calibration.Evaluate((float)ratio), 0f, 100f);

    /// <summary>Gaussian elimination with partial pivoting (k ≤ 3).</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[row, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(a[pivot, col]) < 1e-12)
            {
                throw new InvalidOperationException("the ratios do not vary enough to fit a calibration");
            }

            for (int j = 0; j < n; j++)
            {
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            }

            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (int row = col + 1; row < n; row++)
            {
                double f = a[row, col] / a[col, col];
                for (int j = col; j < n; j++)
                {
                    a[row, j] -= f * a[col, j];
                }

                b[row] -= f * b[col];
            }
        }

        var x = new double[n];
        for (int row = n - 1; row >= 0; row--)
        {
            double sum = b[row];
            for (int j = row + 1; j < n; j++)
            {
                sum -= a[row, j] * x[j];
            }

            x[row] = sum / a[row, row];
        }

        return x;
    }
}
