namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>An ATT Error Response the phone received.</summary>
public sealed class AttErrorException(byte requestOpcode, ushort handle, byte code)
    : Exception($"ATT error 0x{code:X2} on handle 0x{handle:X4} (request 0x{requestOpcode:X2})")
{
    public byte RequestOpcode { get; } = requestOpcode;
    public ushort Handle { get; } = handle;
    public byte Code { get; } = code;
}
