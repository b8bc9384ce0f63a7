namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>
/// One judged impact. Samples are the detector's indices (0 = first sample the driver delivered);
/// <paramref name="DecisionMicroseconds"/> is the loop tick in which the firmware acted on it. The waist detector's
/// stage outputs fill the named fields; the wrist detector leaves them NaN and fills <see cref="Features"/> and
/// <see cref="Score"/> instead.
/// </summary>
public sealed record JudgedImpact(long PeakSample, long DecisionSample, long DecisionMicroseconds, float PeakG, float PreImpactMinimumG,
    float PreImpactSpeed, float PostureChangeDegrees, float TiltBeforeDegrees, float TiltAfterDegrees, float ActivityG, bool IsFall)
{
    /// <summary>When the peak sample was taken (virtual clock, µs; the recording's time axis).</summary>
    public long PeakMicroseconds { get; init; }

    /// <summary>The wrist model's features (WristFallFeatures order); null for the waist detector.</summary>
    public float[]? Features { get; init; }

    /// <summary>The wrist model's score (log odds); 0 for the waist detector.</summary>
    public float Score { get; init; }
}
