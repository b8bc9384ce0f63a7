using WearableFirmware.Ble;

namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>
/// One phone's link to the simulated server: its ATT MTU, link security, bond, CCCD values and the indication
/// in flight. CCCDs of a bonded peer are the bond's own table, so they survive disconnects (Core Vol 3 Part G
/// 3.3.3.3); an unbonded peer starts every connection with everything off.
/// </summary>
public sealed class SimulatedConnection : IGattLink
{
    private readonly Action<byte[]> _toPeer;

    internal SimulatedConnection(ushort hciHandle, string peerAddress, Action<byte[]> toPeer, BondRecord? bond)
    {
        HciHandle = hciHandle;
        PeerAddress = peerAddress;
        _toPeer = toPeer;
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

    internal Dictionary<GattCharacteristic, ushort> Cccds { get; set; }

    public bool IsConnected { get; internal set; } = true;

    /// <summary>True while an indication waits for its Handle Value Confirmation.</summary>
    public bool IndicationOutstanding { get; internal set; }

    internal Queue<byte[]> PendingIndications { get; } = new();

    /// <summary>The characteristic of each queued indication, in the same order as <see cref="PendingIndications"/>.</summary>
    internal Queue<GattCharacteristic> PendingIndicationCharacteristics { get; } = new();

    /// <summary>The characteristic whose indication is outstanding.</summary>
    internal GattCharacteristic? OutstandingIndication { get; set; }

    public ushort Cccd(GattCharacteristic c) => Cccds.TryGetValue(c, out ushort v) ? v : (ushort)0;

    public bool IsSubscribed(GattCharacteristic characteristic) => Cccd(characteristic) != 0;

    internal void Transmit(byte[] pdu)
    {
        if (IsConnected)
        {
            _toPeer(pdu);
        }
    }
}

/// <summary>What the server remembers about a bonded peer: the security its keys give and its CCCDs.</summary>
internal sealed class BondRecord
{
    public GattSecurity KeySecurity { get; init; }

    public Dictionary<GattCharacteristic, ushort> Cccds { get; } = [];
}
