using WearableFirmware.Falls;
using WearableFirmware.Simulator.Evaluation.Falls;
using Xunit;

namespace WearableFirmware.Tests.Falls;

/// <summary>The logistic regression the wrist model is trained with, and the shipped coefficients' shape.</summary>
public class WristFallModelTests
{
    [Fact]
    public void The_shipped_coefficients_cover_every_feature()
    {
        Assert.Equal(WristFallFeatures.Count, WristFallModelCoefficients.Means.Length);
        Assert.Equal(WristFallFeatures.Count, WristFallModelCoefficients.Scales.Length);
        Assert.Equal(WristFallFeatures.Count, WristFallModelCoefficients.Weights.Length);
        Assert.All(WristFallModelCoefficients.Scales, s => Assert.True(s > 0));
        Assert.All(Enumerable.Range(0, WristFallFeatures.Count), i => Assert.NotEqual("?", WristFallFeatures.Name(i)));
    }

    [Fact]
    public void Score_is_bias_plus_the_weighted_standardised_features()
    {
        float[] atMeans = (float[])WristFallModelCoefficients.Means.Clone();
        Assert.Equal(WristFallModelCoefficients.Bias, WristFallModel.Score(atMeans), 5);

        float[] oneScaleUp = (float[])atMeans.Clone();
        oneScaleUp[WristFallFeatures.Turn] += WristFallModelCoefficients.Scales[WristFallFeatures.Turn];
        Assert.Equal(WristFallModelCoefficients.Bias + WristFallModelCoefficients.Weights[WristFallFeatures.Turn], WristFallModel.Score(oneScaleUp), 4);
        Assert.Equal(0.5f, WristFallModel.Probability(0f));
        Assert.Equal(1 / (1 + Math.Exp(-2)), WristFallModel.Probability(2f), 6);
    }

    [Fact]
    public void Logistic_regression_matches_a_hand_computed_one_feature_fit()
    {
        // One feature, -1 twice (labels 0, 0) and +1 twice (labels 1, 0); standardised it stays ±1. Unpenalised, the
        // optimum would put p(-1) at 0 (an infinite weight); with λ = 1 the fit is finite and must zero both
        // components of the penalised gradient, written out below by hand.
        var x = new List<float[]> { new[] { -1f }, new[] { -1f }, new[] { 1f }, new[] { 1f } };
        var y = new List<bool> { false, false, true, false };
        LogisticRegression m = LogisticRegression.Fit(x, y, lambda: 1);

        // Optimality: Σ(p - y) = 0 (bias) and Σ(p - y)·x + λ·w = 0 (weight).
        double P(double xi) => 1 / (1 + Math.Exp(-(m.Bias + m.Weights[0] * xi)));
        double biasGradient = 2 * P(-1) + 2 * P(1) - 1;
        double weightGradient = -2 * P(-1) + 2 * P(1) - 1 + m.Weights[0];
        Assert.Equal(0, biasGradient, 9);
        Assert.Equal(0, weightGradient, 9);
        Assert.True(m.Weights[0] > 0);
        Assert.Equal(0f, m.Means[0]);
        Assert.Equal(1f, m.Scales[0]);
    }

    [Fact]
    public void Logistic_regression_refuses_mismatched_input()
    {
        Assert.Throws<ArgumentException>(() => LogisticRegression.Fit(new List<float[]>(), new List<bool>()));
        Assert.Throws<ArgumentException>(() => LogisticRegression.Fit(new List<float[]> { new[] { 1f } }, new List<bool>()));
    }
}
