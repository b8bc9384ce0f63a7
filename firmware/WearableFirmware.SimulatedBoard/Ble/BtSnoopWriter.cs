using System.Buffers.Binary;

namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>
/// Writes a btsnoop v1 capture (the format of Android's btsnoop_hci.log) with datalink 1002, HCI UART (H4): each
/// record is one H4 packet seen by the wearable's host stack. ATT PDUs travel in HCI ACL packets carrying L2CAP
/// basic frames on CID 0x0004, Security Manager PDUs on CID 0x0006; link set-up and tear-down appear as HCI LE
/// Connection Complete, Encryption Change and Disconnection Complete events, so Wireshark shows the whole session.
/// All header fields are big-endian.
/// </summary>
public sealed class BtSnoopWriter : IDisposable
{
    public const uint DatalinkH4 = 1002;

    /// <summary>btsnoop timestamps count microseconds from year 0; this is 1970-01-01 on that scale (as Wireshark uses).</summary>
    public const long UnixEpochMicroseconds = 0x00DCDDB30F2F8000;

    public const byte H4Acl = 0x02;
    public const byte H4Event = 0x04;

    private const ushort AttCid = 0x0004;
    private readonly Stream _stream;
    private readonly byte[] _record = new byte[24];

    public BtSnoopWriter(Stream stream)
    {
        _stream = stream;
        byte[] header = new byte[16];
        "btsnoop\0"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(12), DatalinkH4);
        _stream.Write(header);
    }

    public int Records { get; private set; }

    /// <summary>An ATT PDU on the given connection; <paramref name="fromDevice"/> = sent by the wearable.</summary>
    public void WriteAtt(long unixMicroseconds, ushort connectionHandle, bool fromDevice, byte[] attPdu) =>
        WriteL2cap(unixMicroseconds, connectionHandle, fromDevice, AttCid, attPdu);

    /// <summary>A Security Manager PDU (L2CAP CID 0x0006).</summary>
    public void WriteSmp(long unixMicroseconds, ushort connectionHandle, bool fromDevice, byte[] smpPdu) =>
        WriteL2cap(unixMicroseconds, connectionHandle, fromDevice, SmpCode.Cid, smpPdu);

    private void WriteL2cap(long unixMicroseconds, ushort connectionHandle, bool fromDevice, ushort cid, byte[] attPdu)
    {
        var packet = new byte[1 + 4 + 4 + attPdu.Length];
        packet[0] = H4Acl;
        // Packet boundary flag: 0b10 = first automatically flushable fragment (the only one; MTU <= 247 fits one ACL buffer).
        BinaryPrimitives.WriteUInt16LittleEndian(packet.AsSpan(1), (ushort)((connectionHandle & 0x0FFF) | 0x2000));
        BinaryPrimitives.WriteUInt16LittleEndian(packet.AsSpan(3), (ushort)(4 + attPdu.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(packet.AsSpan(5), (ushort)attPdu.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(packet.AsSpan(7), cid);
        attPdu.CopyTo(packet, 9);
        WriteRecord(unixMicroseconds, fromDevice ? 0u : 1u, packet);
    }

    /// <summary>HCI LE Connection Complete (LE Meta event 0x3E, sub-event 0x01), wearable as peripheral.</summary>
    public void WriteConnectionComplete(long unixMicroseconds, ushort connectionHandle, byte[] peerAddress)
    {
        byte[] p = new byte[2 + 19];
        p[0] = 0x3E;
        p[1] = 19;
        p[2] = 0x01;                        // sub-event: LE Connection Complete
        p[3] = 0x00;                        // status: success
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(4), connectionHandle);
        p[6] = 0x01;                        // role: peripheral
        p[7] = 0x01;                        // peer address type: random (phones use resolvable private addresses)
        for (int i = 0; i < 6; i++)
        {
            p[8 + i] = peerAddress[5 - i];  // little-endian on air
        }

        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(14), 24);   // interval 30 ms (1.25 ms units)
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(16), 0);    // peripheral latency
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(18), 400);  // supervision timeout 4 s (10 ms units)
        p[20] = 0x00;                       // central clock accuracy 500 ppm
        WriteEvent(unixMicroseconds, p);
    }

    /// <summary>HCI Encryption Change event (0x08): status 0 = encryption on (AES-CCM); otherwise off with that status.</summary>
    public void WriteEncryptionChange(long unixMicroseconds, ushort connectionHandle, byte status = 0)
    {
        byte[] p = [0x08, 4, status, (byte)connectionHandle, (byte)(connectionHandle >> 8), status == 0 ? (byte)0x01 : (byte)0x00];
        WriteEvent(unixMicroseconds, p);
    }

    /// <summary>HCI Disconnection Complete event (0x05); reason 0x13 = remote user terminated connection.</summary>
    public void WriteDisconnectionComplete(long unixMicroseconds, ushort connectionHandle, byte reason = 0x13)
    {
        byte[] p = [0x05, 4, 0x00, (byte)connectionHandle, (byte)(connectionHandle >> 8), reason];
        WriteEvent(unixMicroseconds, p);
    }

    private void WriteEvent(long unixMicroseconds, byte[] eventWithoutIndicator)
    {
        var packet = new byte[1 + eventWithoutIndicator.Length];
        packet[0] = H4Event;
        eventWithoutIndicator.CopyTo(packet, 1);
        WriteRecord(unixMicroseconds, 0x03, packet); // received, command/event
    }

    // Flags: bit 0 = direction (1 = received by the host), bit 1 = command/event rather than data.
    private void WriteRecord(long unixMicroseconds, uint flags, byte[] packet)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_record.AsSpan(0), (uint)packet.Length);
        BinaryPrimitives.WriteUInt32BigEndian(_record.AsSpan(4), (uint)packet.Length);
        BinaryPrimitives.WriteUInt32BigEndian(_record.AsSpan(8), flags);
        BinaryPrimitives.WriteUInt32BigEndian(_record.AsSpan(12), 0);
        BinaryPrimitives.WriteInt64BigEndian(_record.AsSpan(16), UnixEpochMicroseconds + unixMicroseconds);
        _stream.Write(_record);
        _stream.Write(packet);
        Records++;
    }

    public void Dispose() => _stream.Flush();
}
