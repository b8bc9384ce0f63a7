using WearableFirmware.Ble;

namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>What the stack remembers about a bonded peer: its long-term key, the security that key gives, its CCCDs.</summary>
internal sealed class BondRecord
{
    public required byte[] Ltk { get; init; }

    public GattSecurity KeySecurity { get; init; }

    public Dictionary<ushort, ushort> Cccds { get; } = [];
}
