using WearableFirmware.Ble;

namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>
/// One phone's link to the simulated server: its ATT MTU, link security, bond, CCCD values, the pairing in
/// progress and the indication in flight. CCCDs are kept by value handle; a bonded peer's are the bond's own table,
/// so they survive disconnects and reboots (Core Vol 3 Part G 3.3.3.3); an unbonded peer starts every connection
/// with everything off.
/// </summary>
public sealed class SimulatedConnection : IGattLink
{
    private readonly Action<byte[]> _toPeer;
    private readonly AttributeDatabase _database;

    internal SimulatedConnection(ushort hciHandle, string peerAddress, Action<byte[]> toPeer, BondRecord? bond, AttributeDatabase database)
    {
        HciHandle = hciHandle;
        PeerAddress = peerAddress;
        _toPeer = toPeer;
        _database = database;
        Bond = bond;
        Cccds = bond?.Cccds ?? [];
    }

    public ushort HciHandle { get; }

    public string PeerAddress { get; }

    public int Mtu { get; internal set; } = AttOpcode.DefaultMtu;

    internal bool MtuExchanged { get; set; }

    public GattSecurity Security { get; internal set; } = GattSecurity.Open;

    public bool IsBonded => Bond != null;

    internal BondRecord? Bond { get; set; }

    /// <summary>CCCD values by characteristic value handle.</summary>
    internal Dictionary<ushort, ushort> Cccds { get; set; }

    /// <summary>The Security Manager's state for a pairing on this link (null when none runs).</summary>
    internal SmpResponderSession? Pairing { get; set; }

    public bool IsConnected { get; internal set; } = true;

    /// <summary>True while an indication waits for its Handle Value Confirmation.</summary>
    public bool IndicationOutstanding { get; internal set; }

    internal Queue<byte[]> PendingIndications { get; } = new();

    /// <summary>The characteristic of each queued indication, in the same order as <see cref="PendingIndications"/>.</summary>
    internal Queue<GattCharacteristic> PendingIndicationCharacteristics { get; } = new();

    /// <summary>The characteristic whose indication is outstanding.</summary>
    internal GattCharacteristic? OutstandingIndication { get; set; }

    public ushort Cccd(GattCharacteristic c) => Cccds.TryGetValue(_database.ValueHandle(c), out ushort v) ? v : (ushort)0;

    internal void SetCccd(GattCharacteristic c, ushort value) => Cccds[_database.ValueHandle(c)] = value;

    public bool IsSubscribed(GattCharacteristic characteristic) => Cccd(characteristic) != 0;

    internal void Transmit(byte[] pdu)
    {
        if (IsConnected)
        {
            _toPeer(pdu);
        }
    }
}

/// <summary>What the stack remembers about a bonded peer: its long-term key, the security that key gives, its CCCDs.</summary>
internal sealed class BondRecord
{
    public required byte[] Ltk { get; init; }

    public GattSecurity KeySecurity { get; init; }

    public Dictionary<ushort, ushort> Cccds { get; } = [];
}

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
