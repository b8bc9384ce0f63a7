using System.Numerics;

namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>
/// Acceleration the sensor feels, in g, in the sensor's own axes, as a pure function of time: a chip model may ask
/// for any instant (it samples faster than its output rate for its motion detectors), and the same time always
/// gives the same value, so runs are deterministic whatever the query pattern. At rest the reading is +1 g along
/// the axis pointing up (an accelerometer measures specific force, not gravity).
/// </summary>
public interface IMotionSource
{
    Vector3 AccelerationAt(long timeMicroseconds);
}
