using System.Globalization;
using WearableFirmware.Motion;

namespace WearableFirmware.Simulator.Falls;

/// <summary>The decision thresholds of <see cref="FallDetector"/>, as scored by tune-falls on recorded stage outputs.</summary>
public sealed record FallThresholds(float ImpactG, float HardImpactG, float FreeFallSpeed, float PostureChangeDegrees,
    float UprightTiltMaxDegrees, float TiltAfterMinDegrees, float InactivityG)
{
    public static FallThresholds Defaults { get; } = new(FallDetectorSettings.DefaultImpactThresholdG, FallDetectorSettings.DefaultHardImpactG,
        FallDetectorSettings.DefaultFreeFallSpeed, FallDetectorSettings.DefaultPostureChangeDegrees,
        FallDetectorSettings.DefaultUprightTiltMaxDegrees, FallDetectorSettings.DefaultTiltAfterMinDegrees, FallDetectorSettings.DefaultInactivityThresholdG);

    /// <summary>The same rule as FallDetector's, applied to one recorded cluster.</summary>
    public bool Passes(JudgedImpact j) =>
        j.PeakG >= ImpactG
        && (j.PeakG >= HardImpactG || j.PreImpactSpeed >= FreeFallSpeed)
        && j.PostureChangeDegrees >= PostureChangeDegrees && j.TiltBeforeDegrees <= UprightTiltMaxDegrees && j.TiltAfterDegrees >= TiltAfterMinDegrees
        && j.ActivityG <= InactivityG;

    public FallDetectorSettings ToSettings(int rateHz) => new()
    {
        SampleRateHz = rateHz,
        ImpactThresholdG = ImpactG,
        HardImpactG = HardImpactG,
        FreeFallSpeed = FreeFallSpeed,
        PostureChangeDegrees = PostureChangeDegrees,
        UprightTiltMaxDegrees = UprightTiltMaxDegrees,
        TiltAfterMinDegrees = TiltAfterMinDegrees,
        InactivityThresholdG = InactivityG,
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"impact >= {ImpactG:0.0#} g; free-fall speed >= {FreeFallSpeed:0.0#} m/s unless impact >= {HardImpactG:0.0#} g; " +
        $"posture change >= {PostureChangeDegrees:0} deg from tilt <= {UprightTiltMaxDegrees:0} deg to tilt >= {TiltAfterMinDegrees:0} deg; " +
        $"activity <= {InactivityG:0.0##} g");
}
