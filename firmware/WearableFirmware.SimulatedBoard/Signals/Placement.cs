namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>Where the sensor is worn.</summary>
public enum Placement
{
    /// <summary>Belt clip as in SisFall: y along the trunk pointing down, z out of the belly, x to the wearer's left.</summary>
    Waist,

    /// <summary>Watch on the left wrist: x along the forearm towards the hand, z out of the watch face.</summary>
    Wrist,
}
