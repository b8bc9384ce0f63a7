namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>
/// L2-regularised logistic regression on standardised features, fitted by Newton's method (iteratively reweighted
/// least squares) to full convergence: deterministic, no learning rate, no random start. The penalty λ/2·|w|² leaves
/// the bias free; λ = 1 is the usual default (scikit-learn's C = 1).
/// </summary>
public sealed class LogisticRegression
{
    private LogisticRegression(double[] means, double[] scales, double[] weights, double bias, int iterations)
    {
        Means = means;
        Scales = scales;
        Weights = weights;
        Bias = bias;
        Iterations = iterations;
    }

    /// <summary>Feature means and standard deviations the weights apply to: score = bias + Σ w·(x − mean)/scale.</summary>
    public double[] Means { get; }

    public double[] Scales { get; }

    public double[] Weights { get; }

    public double Bias { get; }

    /// <summary>Newton steps taken.</summary>
    public int Iterations { get; }

    public double Score(IReadOnlyList<float> features)
    {
        double z = Bias;
        for (int j = 0; j < Weights.Length; j++)
        {
            z += Weights[j] * (features[j] - Means[j]) / Scales[j];
        }

        return z;
    }

    public static LogisticRegression Fit(IReadOnlyList<float[]> features, IReadOnlyList<bool> labels, double lambda = 1.0)
    {
        int n = features.Count;
        if (n == 0 || n != labels.Count)
        {
            throw new ArgumentException($"need as many labels as feature vectors, and some ({n} vectors, {labels.Count} labels)");
        }

        int d = features[0].Length;
        var means = new double[d];
        var scales = new double[d];
        for (int j = 0; j < d; j++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += features[i][j];
            }

            means[j] = sum / n;
            double sq = 0;
            for (int i = 0; i < n; i++)
            {
                double v = features[i][j] - means[j];
                sq += v * v;
            }

            double sd = Math.Sqrt(sq / n);
            scales[j] = sd > 1e-9 ? sd : 1.0; // a constant feature stays at 0 after centring
        }

        // Design matrix with the bias column first.
        var x = new double[n, d + 1];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = 1;
            for (int j = 0; j < d; j++)
            {
                x[i, j + 1] = (features[i][j] - means[j]) / scales[j];
            }
        }

        var w = new double[d + 1];
        int iteration = 0;
        for (; iteration < 100; iteration++)
        {
            var gradient = new double[d + 1];
            var hessian = new double[d + 1, d + 1];
            for (int i = 0; i < n; i++)
            {
                double z = 0;
                for (int j = 0; j <= d; j++)
                {
                    z += w[j] * x[i, j];
                }

                double p = 1 / (1 + Math.Exp(-z));
                double r = p - (labels[i] ? 1 : 0);
                double weight = p * (1 - p);
                for (int j = 0; j <= d; j++)
                {
                    gradient[j] += r * x[i, j];
                    for (int k = 0; k <= j; k++)
                    {
                        hessian[j, k] += weight * x[i, j] * x[i, k];
                    }
                }
            }

            for (int j = 1; j <= d; j++)
            {
                gradient[j] += lambda * w[j];
                hessian[j, j] += lambda;
            }

            double[] step = SolveSymmetric(hessian, gradient);
            double size = 0;
            for (int j = 0; j <= d; j++)
            {
                w[j] -= step[j];
                size = Math.Max(size, Math.Abs(step[j]));
            }

            if (size < 1e-10)
            {
                iteration++;
                break;
            }
        }

        return new LogisticRegression(means, scales, w[1..], w[0], iteration);
    }

    // Cholesky solve of H·s = g; H holds its lower triangle (positive definite thanks to the penalty).
    private static double[] SolveSymmetric(double[,] h, double[] g)
    {
        int m = g.Length;
        var l = new double[m, m];
        for (int j = 0; j < m; j++)
        {
            double diagonal = h[j, j];
            for (int k = 0; k < j; k++)
            {
                diagonal -= l[j, k] * l[j, k];
            }

            if (diagonal <= 0)
            {
                throw new InvalidOperationException("logistic regression: the Hessian is not positive definite");
            }

            l[j, j] = Math.Sqrt(diagonal);
            for (int i = j + 1; i < m; i++)
            {
                double v = h[i, j];
                for (int k = 0; k < j; k++)
                {
                    v -= l[i, k] * l[j, k];
                }

                l[i, j] = v / l[j, j];
            }
        }

        var y = new double[m];
        for (int i = 0; i < m; i++)
        {
            double v = g[i];
            for (int k = 0; k < i; k++)
            {
                v -= l[i, k] * y[k];
            }

            y[i] = v / l[i, i];
        }

        var s = new double[m];
        for (int i = m - 1; i >= 0; i--)
        {
            double v = y[i];
            for (int k = i + 1; k < m; k++)
            {
                v -= l[k, i] * s[k];
            }

            s[i] = v / l[i, i];
        }

        return s;
    }
}
