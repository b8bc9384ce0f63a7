using System;

namespace WearableFirmware.Falls
{
    /// <summary>
    /// Logistic regression over <see cref="WristFallFeatures"/>: score = bias + Σ weight × (feature − mean) / scale,
    /// a fall when the score reaches the detector's decision level (0: even odds). The coefficients are constants in
    /// <see cref="WristFallModelCoefficients"/>, written by the host command that trains them from the recordings
    /// (`WearableFirmware.Simulator tune-falls --format weda`, leave-one-user-out cross-validated; Simulator/Falls/README.md).
    /// </summary>
    public static class WristFallModel
    {
        /// <summary>The model's score (log odds of a fall) for one feature vector.</summary>
        public static float Score(float[] features)
        {
            float[] means = WristFallModelCoefficients.Means;
            float[] scales = WristFallModelCoefficients.Scales;
            float[] weights = WristFallModelCoefficients.Weights;
            float score = WristFallModelCoefficients.Bias;
            for (int i = 0; i < WristFallFeatures.Count; i++)
            {
                score += weights[i] * (features[i] - means[i]) / scales[i];
            }

            return score;
        }

        /// <summary>Probability of a fall for a score (for reports; the detector compares scores).</summary>
        public static float Probability(float score)
        {
            return (float)(1.0 / (1.0 + Math.Exp(-score)));
        }
    }
}
