using System.Numerics;

namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>The same acceleration forever, e.g. the board lying flat on a table (0, 0, 1).</summary>
public sealed class ConstantMotion(Vector3 accelerationG) : IMotionSource
{
    public Vector3 AccelerationG { get; } = accelerationG;

    public Vector3 AccelerationAt(long timeMicroseconds) => AccelerationG;
}
