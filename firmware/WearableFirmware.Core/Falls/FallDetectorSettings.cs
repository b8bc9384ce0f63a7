using System;

namespace WearableFirmware.Falls
{
    /// <summary>
    /// Thresholds and timing of <see cref="FallDetector"/>. The defaults are the values chosen on the SisFall
    /// development set by leave-subjects-out cross-validation (`WearableFirmware.Simulator tune-falls`,
    /// Simulator/Falls/README.md); they assume a WAIST-worn device sampled at <see cref="DefaultSampleRateHz"/>.
    /// </summary>
    public sealed class FallDetectorSettings
    {
        /// <summary>
        /// 50 Hz, the ADXL345's configured rate (<c>Adxl345Settings.WearableDataRate</c>; <see cref="FallSensing"/>
        /// pairs the two and a test checks they agree): the chip then low-passes at 25 Hz, which keeps the body-motion
        /// band (falls and gait are below about 20 Hz) while moving a quarter of SisFall's 200 Hz through I2C and the
        /// interpreter. Impact peaks are lower than at 200 Hz; the thresholds were chosen on SisFall replayed through
        /// the chip model at this rate, so they already include that.
        /// </summary>
        public const int DefaultSampleRateHz = 50;

        /// <summary>Magnitude that opens an impact cluster (the impact stage starts listening); below every decision threshold.</summary>
        public const float DefaultImpactTriggerG = 1.6f;

        /// <summary>Impact stage: peak magnitude every fall must reach.</summary>
        public const float DefaultImpactThresholdG = 1.6f;

        /// <summary>Impact stage: a peak this hard needs no free fall before it (trips, short falls onto the hip).</summary>
        public const float DefaultHardImpactG = 2.5f;

        /// <summary>Pre-impact stage: speed gained in free fall before a softer impact (controlled lie-downs stay below it).</summary>
        public const float DefaultFreeFallSpeed = 0.6f;

        /// <summary>Posture stage: angle between gravity before and after the impact must reach this.</summary>
        public const float DefaultPostureChangeDegrees = 30f;

        /// <summary>
        /// Posture stage: before the impact the trunk was upright or sitting, i.e. gravity within this angle of the
        /// upright axis (turning over in bed is not a fall). Needs the waist mounting below.
        /// </summary>
        public const float DefaultUprightTiltMaxDegrees = 70f;

        /// <summary>
        /// Posture stage: after the impact the trunk is at least this far from upright (a fall does not end standing;
        /// getting out of a car does).
        /// </summary>
        public const float DefaultTiltAfterMinDegrees = 45f;

        /// <summary>Inactivity stage: standard deviation of the magnitude over the confirmation window must stay below this.</summary>
        public const float DefaultInactivityThresholdG = 0.2f;

        /// <summary>
        /// Device axis that points up when the wearer stands (the accelerometer then reads +1 g on it): -y for a
        /// belt clip mounted as in SisFall, whose standing recordings read about -1 g on y.
        /// </summary>
        public const float DefaultUprightAxisX = 0f;

        public const float DefaultUprightAxisY = -1f;

        public const float DefaultUprightAxisZ = 0f;

        /// <summary>Window before the impact peak searched for free fall.</summary>
        public const float DefaultPreImpactWindowSeconds = 1.0f;

        /// <summary>How long before the first impact the "before" gravity vector is taken (before any stumbling).</summary>
        public const float DefaultGravityLeadSeconds = 2.0f;

        /// <summary>Time constant of the gravity low-pass (long enough to ignore steps, short enough to follow posture).</summary>
        public const float DefaultGravityTimeConstantSeconds = 0.5f;

        /// <summary>Quiet time after the last impact sample before the confirmation window starts (bounces, rolling).</summary>
        public const float DefaultSettleSeconds = 0.5f;

        /// <summary>Confirmation window: posture after and inactivity are measured over it.</summary>
        public const float DefaultConfirmationSeconds = 1.5f;

        public int SampleRateHz { get; set; } = DefaultSampleRateHz;
        public float ImpactTriggerG { get; set; } = DefaultImpactTriggerG;
        public float ImpactThresholdG { get; set; } = DefaultImpactThresholdG;
        public float HardImpactG { get; set; } = DefaultHardImpactG;
        public float FreeFallSpeed { get; set; } = DefaultFreeFallSpeed;
        public float PostureChangeDegrees { get; set; } = DefaultPostureChangeDegrees;
        public float UprightTiltMaxDegrees { get; set; } = DefaultUprightTiltMaxDegrees;
        public float TiltAfterMinDegrees { get; set; } = DefaultTiltAfterMinDegrees;
        public float InactivityThresholdG { get; set; } = DefaultInactivityThresholdG;
        public float UprightAxisX { get; set; } = DefaultUprightAxisX;
        public float UprightAxisY { get; set; } = DefaultUprightAxisY;
        public float UprightAxisZ { get; set; } = DefaultUprightAxisZ;
        public float PreImpactWindowSeconds { get; set; } = DefaultPreImpactWindowSeconds;
        public float GravityLeadSeconds { get; set; } = DefaultGravityLeadSeconds;
        public float GravityTimeConstantSeconds { get; set; } = DefaultGravityTimeConstantSeconds;
        public float SettleSeconds { get; set; } = DefaultSettleSeconds;
        public float ConfirmationSeconds { get; set; } = DefaultConfirmationSeconds;

        /// <summary>Impact stage: the cluster's peak is large enough.</summary>
        public bool ImpactPasses(float peakG)
        {
            return peakG >= ImpactThresholdG;
        }

        /// <summary>Pre-impact stage: enough free-fall speed, or an impact hard enough to need none.</summary>
        public bool PreImpactPasses(float peakG, float freeFallSpeed)
        {
            return peakG >= HardImpactG || freeFallSpeed >= FreeFallSpeed;
        }

        /// <summary>Posture stage: turned far enough, from upright or sitting, to not upright.</summary>
        public bool PosturePasses(float changeDegrees, float tiltBeforeDegrees, float tiltAfterDegrees)
        {
            return changeDegrees >= PostureChangeDegrees && tiltBeforeDegrees <= UprightTiltMaxDegrees && tiltAfterDegrees >= TiltAfterMinDegrees;
        }

        /// <summary>Inactivity stage: still enough over the confirmation window.</summary>
        public bool InactivityPasses(float activityG)
        {
            return activityG <= InactivityThresholdG;
        }

        /// <summary>A copy, so a detector is not changed by later edits to the caller's settings object.</summary>
        public FallDetectorSettings Copy()
        {
            FallDetectorSettings copy = new FallDetectorSettings();
            copy.SampleRateHz = SampleRateHz;
            copy.ImpactTriggerG = ImpactTriggerG;
            copy.ImpactThresholdG = ImpactThresholdG;
            copy.HardImpactG = HardImpactG;
            copy.FreeFallSpeed = FreeFallSpeed;
            copy.PostureChangeDegrees = PostureChangeDegrees;
            copy.UprightTiltMaxDegrees = UprightTiltMaxDegrees;
            copy.TiltAfterMinDegrees = TiltAfterMinDegrees;
            copy.InactivityThresholdG = InactivityThresholdG;
            copy.UprightAxisX = UprightAxisX;
            copy.UprightAxisY = UprightAxisY;
            copy.UprightAxisZ = UprightAxisZ;
            copy.PreImpactWindowSeconds = PreImpactWindowSeconds;
            copy.GravityLeadSeconds = GravityLeadSeconds;
            copy.GravityTimeConstantSeconds = GravityTimeConstantSeconds;
            copy.SettleSeconds = SettleSeconds;
            copy.ConfirmationSeconds = ConfirmationSeconds;
            return copy;
        }

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

            if (HardImpactG < ImpactThresholdG || FreeFallSpeed < 0f || InactivityThresholdG < 0f)
            {
                throw new ArgumentOutOfRangeException("HardImpactG", "hard impact must not be below the impact threshold; speed and inactivity must be non-negative");
            }

            if (PostureChangeDegrees < 0f || PostureChangeDegrees > 180f || UprightTiltMaxDegrees < 0f || UprightTiltMaxDegrees > 180f
                || TiltAfterMinDegrees < 0f || TiltAfterMinDegrees > 180f)
            {
                throw new ArgumentOutOfRangeException("PostureChangeDegrees", "angles must be 0..180 degrees");
            }

            if (Vector3Math.Magnitude(UprightAxisX, UprightAxisY, UprightAxisZ) < 0.5f)
            {
                throw new ArgumentOutOfRangeException("UprightAxisX", "the upright axis must be a unit vector in device coordinates");
            }

            if (PreImpactWindowSeconds <= 0f || GravityLeadSeconds <= 0f || GravityTimeConstantSeconds <= 0f || SettleSeconds < 0f
                || ConfirmationSeconds <= 0f || PreImpactWindowSeconds > 5f || GravityLeadSeconds > 10f || SettleSeconds + ConfirmationSeconds > 30f)
            {
                throw new ArgumentOutOfRangeException("ConfirmationSeconds", "windows must be positive and short (pre-impact <= 5 s, lead <= 10 s, settle + confirmation <= 30 s)");
            }
        }
    }
}
