using WearableFirmware.Falls;

namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>Which detector a replay runs: the placement and both placements' settings (as ApplicationSettings has them).</summary>
public sealed record FallDetectorSetup(SensorPlacement Placement, FallDetectorSettings Waist, WristFallDetectorSettings Wrist)
{
    public static FallDetectorSetup ForWaist(FallDetectorSettings waist) => new(SensorPlacement.Waist, waist, FallSensing.WristDetectorSettings());

    public static FallDetectorSetup ForWrist(WristFallDetectorSettings wrist) => new(SensorPlacement.Wrist, FallSensing.DetectorSettings(), wrist);

    public int RateHz => FallSensing.DetectorRateHz(Placement, Wrist, Waist);

    public IFallDetector Create() => FallSensing.CreateDetector(Placement, Wrist, Waist);
}
