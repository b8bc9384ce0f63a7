using WearableFirmware.Ble;

namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>One attribute: handle, type, and where its value comes from.</summary>
public sealed class Attribute
{
    public required ushort Handle { get; init; }
    public required BleUuid Type { get; init; }
    public required AttributeKind Kind { get; init; }

    /// <summary>Fixed value (declarations, user descriptions, GAP values); null for characteristic values and CCCDs.</summary>
    public byte[]? StaticValue { get; init; }

    public GattCharacteristic? Characteristic { get; init; }

    /// <summary>For a primary service: the last handle of the group.</summary>
    public ushort GroupEnd { get; set; }
}
