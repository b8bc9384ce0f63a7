namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>ATT PDU op codes (Core Specification Vol 3 Part F 3.4.8).</summary>
public static class AttOpcode
{
    public const byte ErrorResponse = 0x01;
    public const byte ExchangeMtuRequest = 0x02;
    public const byte ExchangeMtuResponse = 0x03;
    public const byte FindInformationRequest = 0x04;
    public const byte FindInformationResponse = 0x05;
    public const byte FindByTypeValueRequest = 0x06;
    public const byte FindByTypeValueResponse = 0x07;
    public const byte ReadByTypeRequest = 0x08;
    public const byte ReadByTypeResponse = 0x09;
    public const byte ReadRequest = 0x0A;
    public const byte ReadResponse = 0x0B;
    public const byte ReadBlobRequest = 0x0C;
    public const byte ReadBlobResponse = 0x0D;
    public const byte ReadByGroupTypeRequest = 0x10;
    public const byte ReadByGroupTypeResponse = 0x11;
    public const byte WriteRequest = 0x12;
    public const byte WriteResponse = 0x13;
    public const byte HandleValueNotification = 0x1B;
    public const byte HandleValueIndication = 0x1D;
    public const byte HandleValueConfirmation = 0x1E;
    public const byte WriteCommand = 0x52;

    /// <summary>Bit 6 of an op code marks a command (no response, errors are silent).</summary>
    public const byte CommandFlag = 0x40;

    public const int DefaultMtu = 23;
}
