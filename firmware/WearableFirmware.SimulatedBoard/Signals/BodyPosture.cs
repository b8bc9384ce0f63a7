using System.Numerics;

namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>Where the sensor is worn.</summary>
public enum Placement
{
    /// <summary>Belt clip as in SisFall: y along the trunk pointing down, z out of the belly, x to the wearer's left.</summary>
    Waist,

    /// <summary>Watch on the left wrist: x along the forearm towards the hand, z out of the watch face.</summary>
    Wrist,
}

public enum Posture
{
    Standing,
    Sitting,
    LyingOnBack,
    LyingOnFront,
    LyingOnLeftSide,
    LyingOnRightSide,
}

public enum FallDirection
{
    Forward,
    Backward,
    Sideways,
}

/// <summary>
/// Orientation of the sensor for a posture: <see cref="Up"/> is what it reads at rest (+1 g along the upward
/// direction, in sensor axes) and <see cref="Forward"/> a horizontal direction used for the horizontal part of
/// movements. The orientations are representative, not measured: a real wearer adds a few tens of degrees.
/// </summary>
public readonly record struct BodyFrame(Vector3 Up, Vector3 Forward)
{
    public static BodyFrame For(Posture posture, Placement placement)
    {
        BodyFrame frame = placement == Placement.Waist ? Waist(posture) : Wrist(posture);
        Vector3 up = Vector3.Normalize(frame.Up);

        // Keep Forward exactly perpendicular to Up.
        Vector3 forward = Vector3.Normalize(frame.Forward - Vector3.Dot(frame.Forward, up) * up);
        return new BodyFrame(up, forward);
    }

    private static BodyFrame Waist(Posture posture) => posture switch
    {
        Posture.Standing => new(new Vector3(0, -1, 0), new Vector3(0, 0, 1)),
        Posture.Sitting => new(new Vector3(0, -0.94f, -0.34f), new Vector3(0, 0, 1)), // trunk leaning back ~20 degrees
        Posture.LyingOnBack => new(new Vector3(0, 0, 1), new Vector3(0, -1, 0)),
        Posture.LyingOnFront => new(new Vector3(0, 0, -1), new Vector3(0, -1, 0)),
        Posture.LyingOnLeftSide => new(new Vector3(-1, 0, 0), new Vector3(0, -1, 0)),
        Posture.LyingOnRightSide => new(new Vector3(1, 0, 0), new Vector3(0, -1, 0)),
        _ => throw new ArgumentOutOfRangeException(nameof(posture), posture, "unknown posture"),
    };

    private static BodyFrame Wrist(Posture posture) => posture switch
    {
        Posture.Standing => new(new Vector3(-1, 0, 0.1f), new Vector3(0, 1, 0)), // arm hanging, face outwards
        Posture.Sitting => new(new Vector3(0.1f, 0, 1), new Vector3(1, 0, 0)), // forearm on the thigh, face up
        Posture.LyingOnBack => new(new Vector3(0.2f, 0, 0.98f), new Vector3(1, 0, 0)), // arm by the side, palm down
        Posture.LyingOnFront => new(new Vector3(0, 0.3f, -0.95f), new Vector3(1, 0, 0)),
        Posture.LyingOnLeftSide => new(new Vector3(0, -1, 0.2f), new Vector3(1, 0, 0)),
        Posture.LyingOnRightSide => new(new Vector3(0, 1, 0.2f), new Vector3(1, 0, 0)),
        _ => throw new ArgumentOutOfRangeException(nameof(posture), posture, "unknown posture"),
    };
}
