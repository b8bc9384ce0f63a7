using System.Globalization;
using WearableFirmware.Falls;

namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>Scores recorded stage outputs against a set of detector settings (the rule itself lives in FallDetectorSettings).</summary>
public static class FallThresholds
{
    public static bool Passes(this FallDetectorSettings s, JudgedImpact j) =>
        s.ImpactPasses(j.PeakG) && s.PreImpactPasses(j.PeakG, j.PreImpactSpeed)
        && s.PosturePasses(j.PostureChangeDegrees, j.TiltBeforeDegrees, j.TiltAfterDegrees) && s.InactivityPasses(j.ActivityG);

    public static string Describe(FallDetectorSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"impact >= {s.ImpactThresholdG:0.0#} g; free-fall speed >= {s.FreeFallSpeed:0.0#} m/s unless impact >= {s.HardImpactG:0.0#} g; " +
        $"posture change >= {s.PostureChangeDegrees:0} deg from tilt <= {s.UprightTiltMaxDegrees:0} deg to tilt >= {s.TiltAfterMinDegrees:0} deg; " +
        $"activity <= {s.InactivityThresholdG:0.0##} g");

    /// <summary>Settings with only the decision thresholds changed (timing and axes stay at their defaults).</summary>
    public static FallDetectorSettings With(float impactG, float hardImpactG, float freeFallSpeed, float postureChangeDegrees,
        float uprightTiltMaxDegrees, float tiltAfterMinDegrees, float inactivityG) => new()
    {
        ImpactThresholdG = impactG,
        HardImpactG = hardImpactG,
        FreeFallSpeed = freeFallSpeed,
        PostureChangeDegrees = postureChangeDegrees,
        UprightTiltMaxDegrees = uprightTiltMaxDegrees,
        TiltAfterMinDegrees = tiltAfterMinDegrees,
        InactivityThresholdG = inactivityG,
    };
}
