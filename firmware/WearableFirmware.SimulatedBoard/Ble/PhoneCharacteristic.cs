namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>A characteristic as the phone discovered it.</summary>
public sealed class PhoneCharacteristic
{
    public required string ServiceUuid { get; init; }
    public required string Uuid { get; init; }
    public required byte Properties { get; init; }
    public required ushort DeclarationHandle { get; init; }
    public required ushort ValueHandle { get; init; }
    public ushort EndHandle { get; set; }
    public ushort CccdHandle { get; set; }
    public ushort UserDescriptionHandle { get; set; }
}
