using System;

namespace WearableFirmware.Falls
{
    /// <summary>
    /// Settings of <see cref="WristFallDetector"/>. The feature windows are fixed (<see cref="WristFallFeatures"/>):
    /// the model's coefficients hold for them only, at <see cref="SampleRateHz"/>.
    /// </summary>
    public sealed class WristFallDetectorSettings
    {
        /// <summary>The ADXL345's configured rate, as for the waist detector (<see cref="FallSensing"/>).</summary>
        public const int DefaultSampleRateHz = FallDetectorSettings.DefaultSampleRateHz;

        /// <summary>
        /// Capped magnitude that marks an impact to judge. Every scripted fall in WEDA-FALL reaches it at the wrist
        /// (after the chip's 50 Hz output); most arm gestures, walking and sitting down do not.
        /// </summary>
        public const float DefaultTriggerG = 2.0f;

        /// <summary>Model score (log odds) at which an impact is called a fall: 0 = even odds, chosen before training.</summary>
        public const float DefaultDecisionScore = 0f;

        public int SampleRateHz { get; set; } = DefaultSampleRateHz;
        public float TriggerG { get; set; } = DefaultTriggerG;
        public float DecisionScore { get; set; } = DefaultDecisionScore;

        public WristFallDetectorSettings Copy()
        {
            WristFallDetectorSettings copy = new WristFallDetectorSettings();
            copy.SampleRateHz = SampleRateHz;
            copy.TriggerG = TriggerG;
            copy.DecisionScore = DecisionScore;
            return copy;
        }

        /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting that makes no sense.</summary>
        public void Validate()
        {
            if (SampleRateHz < 10 || SampleRateHz > 400)
            {
                throw new ArgumentOutOfRangeException("SampleRateHz", "must be 10..400 Hz");
            }

            if (!(TriggerG > 1f && TriggerG < WristFallFeatures.CapG))
            {
                throw new ArgumentOutOfRangeException("TriggerG", "must lie between 1 g and the feature cap (4 g)");
            }

            if (!(DecisionScore >= -20f && DecisionScore <= 20f))
            {
                throw new ArgumentOutOfRangeException("DecisionScore", "must be a log-odds level within -20..20");
            }
        }
    }
}
