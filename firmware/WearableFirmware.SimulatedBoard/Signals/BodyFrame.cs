using System.Numerics;
using WearableFirmware.Falls;

namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>
/// Orientation of the sensor for a posture: <see cref="Up"/> is what it reads at rest (+1 g along the upward
/// direction, in sensor axes) and <see cref="Forward"/> a horizontal direction used for the horizontal part of
/// movements. The orientations are representative, not measured: a real wearer adds a few tens of degrees.
/// Sensor axes: at the waist a belt clip as in SisFall (y along the trunk pointing down, z out of the belly, x to the
/// wearer's left); at the wrist a watch on the left wrist (x along the forearm towards the hand, z out of the face).
/// </summary>
public readonly record struct BodyFrame(Vector3 Up, Vector3 Forward)
{
    public static BodyFrame For(WearerPose posture, SensorPlacement placement)
    {
        BodyFrame frame = placement == SensorPlacement.Waist ? Waist(posture) : Wrist(posture);
        Vector3 up = Vector3.Normalize(frame.Up);

        // Keep Forward exactly perpendicular to Up.
        Vector3 forward = Vector3.Normalize(frame.Forward - Vector3.Dot(frame.Forward, up) * up);
        return new BodyFrame(up, forward);
    }

    private static BodyFrame Waist(WearerPose posture) => posture switch
    {
        WearerPose.Standing => new(new Vector3(0, -1, 0), new Vector3(0, 0, 1)),
        WearerPose.Sitting => new(new Vector3(0, -0.94f, -0.34f), new Vector3(0, 0, 1)), // trunk leaning back ~20 degrees
        WearerPose.LyingOnBack => new(new Vector3(0, 0, 1), new Vector3(0, -1, 0)),
        WearerPose.LyingOnFront => new(new Vector3(0, 0, -1), new Vector3(0, -1, 0)),
        WearerPose.LyingOnLeftSide => new(new Vector3(-1, 0, 0), new Vector3(0, -1, 0)),
        WearerPose.LyingOnRightSide => new(new Vector3(1, 0, 0), new Vector3(0, -1, 0)),
        _ => throw new ArgumentOutOfRangeException(nameof(posture), posture, "unknown posture"),
    };

    private static BodyFrame Wrist(WearerPose posture) => posture switch
    {
        WearerPose.Standing => new(new Vector3(-1, 0, 0.1f), new Vector3(0, 1, 0)), // arm hanging, face outwards
        WearerPose.Sitting => new(new Vector3(0.1f, 0, 1), new Vector3(1, 0, 0)), // forearm on the thigh, face up
        WearerPose.LyingOnBack => new(new Vector3(0.2f, 0, 0.98f), new Vector3(1, 0, 0)), // arm by the side, palm down
        WearerPose.LyingOnFront => new(new Vector3(0, 0.3f, -0.95f), new Vector3(1, 0, 0)),
        WearerPose.LyingOnLeftSide => new(new Vector3(0, -1, 0.2f), new Vector3(1, 0, 0)),
        WearerPose.LyingOnRightSide => new(new Vector3(0, 1, 0.2f), new Vector3(1, 0, 0)),
        _ => throw new ArgumentOutOfRangeException(nameof(posture), posture, "unknown posture"),
    };
}
