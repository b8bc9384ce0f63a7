using System;

namespace WearableFirmware.Motion
{
    /// <summary>
    /// Thresholds and timing of <see cref="FallDetector"/>. The defaults are the values chosen on the SisFall
    /// development set by leave-subjects-out cross-validation (`WearableFirmware.Simulator tune-falls`, README
    /// "Fall detection"); they assume a WAIST-worn device sampled at <see cref="DefaultSampleRateHz"/>.
    /// </summary>
    public sealed class FallDetectorSettings
    {
        /// <summary>
        /// 50 Hz: the ADXL345 then low-passes at 25 Hz, which keeps the body-motion band (falls and gait are below
        /// about 20 Hz) while moving a quarter of SisFall's 200 Hz through I2C and the interpreter. Impact peaks are
        /// somewhat lower than at 200 Hz; the thresholds below were chosen at this rate, so they already include that.
        /// </summary>
        public const int DefaultSampleRateHz = 50;

        /// <summary>Magnitude that opens an impact cluster (the impact stage starts listening); below every decision threshold.</summary>
        public const float DefaultImpactTriggerG = 1.6f;

        /// <summary>Peak magnitude a fall must reach (impact stage).</summary>
        public const float DefaultImpactThresholdG = 2.0f;

        /// <summary>Lowest magnitude in the pre-impact window must be at or below this (pre-impact stage: loss of support).</summary>
        public const float DefaultFreeFallThresholdG = 0.7f;

        /// <summary>Angle between gravity before and after the impact must reach this (posture stage).</summary>
        public const float DefaultPostureChangeDegrees = 40f;

        /// <summary>Standard deviation of the magnitude over the confirmation window must stay below this (inactivity stage).</summary>
        public const float DefaultInactivityThresholdG = 0.1f;

        /// <summary>Window before the impact peak searched for free fall.</summary>
        public const float DefaultPreImpactWindowSeconds = 1.0f;

        /// <summary>How long before the first impact the "before" gravity vector is taken (before any stumbling).</summary>
        public const float DefaultGravityLeadSeconds = 2.0f;

        /// <summary>Time constant of the gravity low-pass (long enough to ignore steps, short enough to follow posture).</summary>
        public const float DefaultGravityTimeConstantSeconds = 0.5f;

        /// <summary>Quiet time after the last impact sample before the confirmation window starts (bounces, rolling).</summary>
        public const float DefaultSettleSeconds = 1.0f;

        /// <summary>Confirmation window: posture after and inactivity are measured over it.</summary>
        public const float DefaultConfirmationSeconds = 2.0f;

        public int SampleRateHz { get; set; } = DefaultSampleRateHz;
        public float ImpactTriggerG { get; set; } = DefaultImpactTriggerG;
        public float ImpactThresholdG { get; set; } = DefaultImpactThresholdG;
        public float FreeFallThresholdG { get; set; } = DefaultFreeFallThresholdG;
        public float PostureChangeDegrees { get; set; } = DefaultPostureChangeDegrees;
        public float InactivityThresholdG { get; set; } = DefaultInactivityThresholdG;
        public float PreImpactWindowSeconds { get; set; } = DefaultPreImpactWindowSeconds;
        public float GravityLeadSeconds { get; set; } = DefaultGravityLeadSeconds;
        public float GravityTimeConstantSeconds { get; set; } = DefaultGravityTimeConstantSeconds;
        public float SettleSeconds { get; set; } = DefaultSettleSeconds;
        public float ConfirmationSeconds { get; set; } = DefaultConfirmationSeconds;

        /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting that makes no sense.</summary>
        public void Validate()
        {
            if (SampleRateHz < 10 || SampleRateHz > 400)
            {
                throw new ArgumentOutOfRangeException("SampleRateHz", "must be 10..400 Hz");
            }

            if (ImpactTriggerG <= 1f || ImpactThresholdG < ImpactTriggerG)
            {
                throw new ArgumentOutOfRangeException("ImpactThresholdG", "trigger must exceed 1 g and the threshold must not be below it");
            }

            if (FreeFallThresholdG < 0f || PostureChangeDegrees < 0f || PostureChangeDegrees > 180f || InactivityThresholdG < 0f)
            {
                throw new ArgumentOutOfRangeException("FreeFallThresholdG", "free-fall, posture and inactivity thresholds must be non-negative (posture at most 180)");
            }

            if (PreImpactWindowSeconds <= 0f || GravityLeadSeconds <= 0f || GravityTimeConstantSeconds <= 0f || SettleSeconds < 0f
                || ConfirmationSeconds <= 0f || PreImpactWindowSeconds > 5f || GravityLeadSeconds > 10f || SettleSeconds + ConfirmationSeconds > 30f)
            {
                throw new ArgumentOutOfRangeException("ConfirmationSeconds", "windows must be positive and short (pre-impact <= 5 s, lead <= 10 s, settle + confirmation <= 30 s)");
            }
        }
    }
}
