using WearableFirmware.Ble;
using WearableFirmware.SimulatedBoard.Ble;

namespace WearableFirmware.SimulatedBoard;

/// <summary>
/// What survives a reboot besides the record flash: the passkey file and the stack's bond store; and the random
/// stream the board draws secrets from, continued across reboots so a passkey drawn after a factory reset is new.
/// </summary>
public sealed class SimulatedKeyStorage(int seed = 404)
{
    public SimulatedPasskeyFile PasskeyFile { get; } = new();

    public SimulatedBondStore Bonds { get; } = new();

    public IRandomSource Entropy { get; } = new SeededRandomSource(seed);
}
