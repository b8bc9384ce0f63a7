using WearableFirmware.Ble;

namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>
/// The stack's bond store (NimBLE's, kept in NVS on the ESP32_BLE_REV0 image): survives a simulated reboot when
/// the same object is handed to the next board, as the flash is. The firmware sees it as an <see cref="IBondStore"/>.
/// </summary>
public sealed class SimulatedBondStore : IBondStore
{
    internal Dictionary<string, BondRecord> Bonds { get; } = [];

    public int Count => Bonds.Count;

    public void DeleteAll() => Bonds.Clear();

    public bool Contains(string peerAddress) => Bonds.ContainsKey(peerAddress);

    /// <summary>Whether the bond of <paramref name="peerAddress"/> came from an authenticated (MITM-protected) pairing.</summary>
    public bool IsAuthenticated(string peerAddress) => Bonds.TryGetValue(peerAddress, out var b) && b.KeySecurity == GattSecurity.Authenticated;
}
