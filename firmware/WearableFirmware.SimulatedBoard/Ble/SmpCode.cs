namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>Security Manager Protocol values (Core Vol 3 Part H 3.3-3.6), carried on L2CAP CID 0x0006.</summary>
public static class SmpCode
{
    public const ushort Cid = 0x0006;

    public const byte PairingRequest = 0x01;
    public const byte PairingResponse = 0x02;
    public const byte PairingConfirm = 0x03;
    public const byte PairingRandom = 0x04;
    public const byte PairingFailed = 0x05;
    public const byte PairingPublicKey = 0x0C;
    public const byte PairingDhKeyCheck = 0x0D;

    // IO Capability (3.5.1)
    public const byte DisplayOnly = 0x00;
    public const byte DisplayYesNo = 0x01;
    public const byte KeyboardOnly = 0x02;
    public const byte NoInputNoOutput = 0x03;
    public const byte KeyboardDisplay = 0x04;

    // AuthReq (3.5.1): bits 0-1 bonding flags (01 = bonding), MITM, SC, keypress, CT2
    public const byte AuthBonding = 0x01;
    public const byte AuthMitm = 0x04;
    public const byte AuthSecureConnections = 0x08;

    // Key distribution (3.6.1)
    public const byte KeyDistEnc = 0x01;
    public const byte KeyDistId = 0x02;

    // Pairing Failed reasons (3.5.5)
    public const byte PasskeyEntryFailed = 0x01;
    public const byte AuthenticationRequirements = 0x03;
    public const byte ConfirmValueFailed = 0x04;
    public const byte PairingNotSupported = 0x05;
    public const byte EncryptionKeySize = 0x06;
    public const byte UnspecifiedReason = 0x08;
    public const byte InvalidParameters = 0x0A;
    public const byte DhKeyCheckFailed = 0x0B;

    /// <summary>HCI status of a failed encryption start when the peripheral has no key for the central (Vol 1 Part F 2.6).</summary>
    public const byte PinOrKeyMissing = 0x06;

    /// <summary>SMP procedure timeout (3.4): a peer that never answers ends the pairing after this.</summary>
    public const long TimeoutMicroseconds = 30_000_000;

    /// <summary>Passkey Entry runs one confirm/random round per passkey bit (2.3.5.6.3).</summary>
    public const int PasskeyRounds = 20;

    /// <summary>
    /// Pairing method for Secure Connections with the responder's and initiator's IO capabilities (2.3.5.1, table 2.8),
    /// when either side asks for MITM protection: true = Passkey Entry with the responder displaying, false = Just Works.
    /// Only the DisplayOnly responder this device is needs the table's one column.
    /// </summary>
    public static bool PasskeyWithDisplayOnlyResponder(byte initiatorIo) => initiatorIo is KeyboardOnly or KeyboardDisplay;
}
