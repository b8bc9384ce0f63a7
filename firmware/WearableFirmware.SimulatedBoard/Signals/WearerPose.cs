namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>The simulated wearer's body pose, which the scenario sets (the firmware's own coarse estimate is Falls.BodyPosture).</summary>
public enum WearerPose
{
    Standing,
    Sitting,
    LyingOnBack,
    LyingOnFront,
    LyingOnLeftSide,
    LyingOnRightSide,
}
