namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>How a pairing attempt ended, as the phone saw it.</summary>
public sealed record PairingOutcome(bool Success, bool Authenticated, bool Bonded, byte FailureReason, bool TimedOut, string Description)
{
    public static PairingOutcome Failed(byte reason, string why) => new(false, false, false, reason, false, why);
}
