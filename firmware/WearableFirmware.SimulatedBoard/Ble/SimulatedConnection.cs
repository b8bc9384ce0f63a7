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
