using WearableFirmware.Ble;

namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>
/// A GATT server over the profile's attribute table with ATT semantics (Core Vol 3 Part F/G): MTU exchange,
/// discovery (Read By Group Type, Find By Type Value, Read By Type, Find Information), Read and Read Blob, Write Request and Write
/// Command, notifications, and indications with one outstanding per connection (the rest queue until the
/// confirmation). Access rules come from the portable <see cref="GattAccess"/>; value validation from the services.
/// Pairing runs the Security Manager Protocol for real (<see cref="SimulatedSecurityManager"/>, asking the firmware's
/// <see cref="BondManager"/> for the passkey); bonds live in a <see cref="SimulatedBondStore"/> that can outlive the board.
/// </summary>
public sealed class SimulatedGattServer : IGattNotifier
{
    public const int ServerMtu = 247;
    public const int IndicationQueueCapacity = 8;

    /// <summary>The simulated wearable's public device address (also what tests use by default).</summary>
    public static readonly byte[] DefaultDeviceAddress = [0x24, 0x6F, 0x28, 0x1A, 0x2B, 0x3C];

    private readonly List<SimulatedConnection> _connections = [];
    private ushort _nextHciHandle = 0x0040;

    public SimulatedGattServer(HealthProfile profile, string deviceName, SimulatedBondStore? bonds = null, byte[]? deviceAddress = null, int seed = 1)
        : this(profile.Services, deviceName, bonds, deviceAddress, seed)
    {
    }

    /// <summary>A server over any set of services (tests use small tables of their own).</summary>
    public SimulatedGattServer(IReadOnlyList<GattService> services, string deviceName, SimulatedBondStore? bonds = null, byte[]? deviceAddress = null, int seed = 1)
    {
        Database = new AttributeDatabase(deviceName, GattUuids.AppearanceWristWornPulseOximeter, services);
        foreach (GattService service in services)
        {
            service.Notifier = this;
        }

        Bonds = bonds ?? new SimulatedBondStore();
        DeviceAddress = deviceAddress ?? DefaultDeviceAddress;
        Security = new SimulatedSecurityManager(Bonds, DeviceAddress, seed);
    }

    public AttributeDatabase Database { get; }

    public byte[] DeviceAddress { get; }

    /// <summary>The stack's bond store (the firmware's <see cref="IBondStore"/>).</summary>
    public SimulatedBondStore Bonds { get; }

    public SimulatedSecurityManager Security { get; }

    public IReadOnlyList<SimulatedConnection> Connections => _connections;

    /// <summary>Indications refused because a peer's queue was full.</summary>
    public int IndicationsRefused { get; private set; }

    public bool IsBonded(string peerAddress) => Bonds.Contains(peerAddress);

    /// <summary>A peer connected (before any pairing or discovery).</summary>
    public event Action<SimulatedConnection>? Connected;

    /// <summary>A peer's link went down; its outstanding and queued indications are gone.</summary>
    public event Action<SimulatedConnection>? Disconnected;

    /// <summary>A peer confirmed an indication of this characteristic (what the firmware waits for before the next record).</summary>
    public event Action<SimulatedConnection, GattCharacteristic>? IndicationConfirmed;

    public SimulatedConnection Connect(string peerAddress, Action<byte[]> toPeer)
    {
        Bonds.Bonds.TryGetValue(peerAddress, out BondRecord? bond);
        var connection = new SimulatedConnection(_nextHciHandle++, peerAddress, toPeer, bond, Database);
        _connections.Add(connection);
        Connected?.Invoke(connection);
        return connection;
    }

    public void Disconnect(SimulatedConnection connection)
    {
        connection.IsConnected = false;
        connection.PendingIndications.Clear();
        connection.PendingIndicationCharacteristics.Clear();
        connection.IndicationOutstanding = false;
        connection.OutstandingIndication = null;
        connection.Pairing?.Key?.Dispose();
        connection.Pairing = null;
        _connections.Remove(connection);
        Disconnected?.Invoke(connection);
    }

    /// <summary>An SMP PDU from the peer (L2CAP CID 0x0006); returns the device's SMP PDUs in reply.</summary>
    public List<byte[]> HandleSmp(SimulatedConnection connection, byte[] pdu, long nowMicroseconds) =>
        Security.Receive(connection, pdu, nowMicroseconds);

    /// <summary>The peer starts encryption with a long-term key; returns the HCI status (0 = encrypted).</summary>
    public byte StartEncryption(SimulatedConnection connection, byte[] ltk, long nowMicroseconds) =>
        Security.StartEncryption(connection, ltk, nowMicroseconds);

    // ---- IGattNotifier ----

    public int MaxPayloadLength(GattCharacteristic characteristic)
    {
        int smallest = 0;
        foreach (SimulatedConnection c in _connections)
        {
            if (Receives(c, characteristic) && (smallest == 0 || c.Mtu - 3 < smallest))
            {
                smallest = c.Mtu - 3;
            }
        }

        return smallest;
    }

    public bool Send(GattCharacteristic characteristic, byte[] value, int length)
    {
        bool allQueued = true;
        int recipients = 0;
        foreach (SimulatedConnection c in _connections.ToArray())
        {
            if (Receives(c, characteristic))
            {
                recipients++;
                allQueued &= Deliver(c, characteristic, value, length);
            }
        }

        return allQueued && recipients > 0;
    }

    public bool SendTo(IGattLink link, GattCharacteristic characteristic, byte[] value, int length) =>
        link is SimulatedConnection c && _connections.Contains(c) && Receives(c, characteristic) && Deliver(c, characteristic, value, length);

    /// <summary>Notifies, or indicates (queued behind the outstanding one); false when the peer's queue is full.</summary>
    private bool Deliver(SimulatedConnection c, GattCharacteristic characteristic, byte[] value, int length)
    {
        ushort handle = Database.ValueHandle(characteristic);
        ushort cccd = c.Cccd(characteristic);
        int payload = Math.Min(length, c.Mtu - 3);
        if ((cccd & 0x0002) != 0 && characteristic.CanIndicate)
        {
            byte[] pdu = HandleValuePdu(AttOpcode.HandleValueIndication, handle, value, payload);
            if (!c.IndicationOutstanding)
            {
                c.IndicationOutstanding = true;
                c.OutstandingIndication = characteristic;
                c.Transmit(pdu);
            }
            else if (c.PendingIndications.Count < IndicationQueueCapacity)
            {
                c.PendingIndications.Enqueue(pdu);
                c.PendingIndicationCharacteristics.Enqueue(characteristic);
            }
            else
            {
                IndicationsRefused++;
                return false;
            }
        }
        else if ((cccd & 0x0001) != 0 && characteristic.CanNotify)
        {
            c.Transmit(HandleValuePdu(AttOpcode.HandleValueNotification, handle, value, payload));
        }

        return true;
    }

    // A subscribed peer gets values only once its link meets the value's read security again (a bonded peer
    // reconnecting must re-encrypt first).
    private static bool Receives(SimulatedConnection c, GattCharacteristic characteristic) =>
        c.IsConnected && c.Cccd(characteristic) != 0 && c.Security >= characteristic.ReadSecurity;

    private static byte[] HandleValuePdu(byte opcode, ushort handle, byte[] value, int length)
    {
        var pdu = new byte[3 + length];
        pdu[0] = opcode;
        pdu[1] = (byte)handle;
        pdu[2] = (byte)(handle >> 8);
        Array.Copy(value, 0, pdu, 3, length);
        return pdu;
    }

    // ---- ATT request handling ----

    /// <summary>Processes one PDU from the peer; returns the response PDU, or null for commands and confirmations.</summary>
    public byte[]? HandlePdu(SimulatedConnection c, byte[] pdu)
    {
        if (pdu.Length == 0)
        {
            return null;
        }

        byte opcode = pdu[0];
        switch (opcode)
        {
            case AttOpcode.ExchangeMtuRequest: return ExchangeMtu(c, pdu);
            case AttOpcode.FindInformationRequest: return FindInformation(c, pdu);
            case AttOpcode.FindByTypeValueRequest: return FindByTypeValue(c, pdu);
            case AttOpcode.ReadByTypeRequest: return ReadByType(c, pdu);
            case AttOpcode.ReadRequest: return Read(c, pdu, false);
            case AttOpcode.ReadBlobRequest: return Read(c, pdu, true);
            case AttOpcode.ReadByGroupTypeRequest: return ReadByGroupType(c, pdu);
            case AttOpcode.WriteRequest: return Write(c, pdu, true);
            case AttOpcode.WriteCommand:
                Write(c, pdu, false);
                return null;
            case AttOpcode.HandleValueConfirmation:
                Confirm(c);
                return null;
            default:
                return (opcode & AttOpcode.CommandFlag) != 0 ? null : Error(opcode, 0, AttErrorCode.RequestNotSupported);
        }
    }

    public static byte[] Error(byte requestOpcode, ushort handle, byte code) =>
        [AttOpcode.ErrorResponse, requestOpcode, (byte)handle, (byte)(handle >> 8), code];

    private void Confirm(SimulatedConnection c)
    {
        if (!c.IndicationOutstanding)
        {
            return;
        }

        GattCharacteristic? confirmed = c.OutstandingIndication;
        c.IndicationOutstanding = false;
        c.OutstandingIndication = null;
        if (c.PendingIndications.Count > 0)
        {
            c.IndicationOutstanding = true;
            c.OutstandingIndication = c.PendingIndicationCharacteristics.Dequeue();
            c.Transmit(c.PendingIndications.Dequeue());
        }

        if (confirmed != null)
        {
            IndicationConfirmed?.Invoke(c, confirmed);
        }
    }

    private static byte[] ExchangeMtu(SimulatedConnection c, byte[] pdu)
    {
        if (pdu.Length != 3)
        {
            return Error(pdu[0], 0, AttErrorCode.InvalidPdu);
        }

        if (c.MtuExchanged)
        {
            return Error(pdu[0], 0, AttErrorCode.RequestNotSupported);
        }

        int clientMtu = pdu[1] | (pdu[2] << 8);
        c.Mtu = Math.Max(AttOpcode.DefaultMtu, Math.Min(clientMtu, ServerMtu));
        c.MtuExchanged = true;
        return [AttOpcode.ExchangeMtuResponse, (byte)ServerMtu, ServerMtu >> 8];
    }

    private bool TryRange(byte[] pdu, int expectedMinLength, out ushort start, out ushort end, out byte[]? error)
    {
        start = end = 0;
        error = null;
        if (pdu.Length < expectedMinLength)
        {
            error = Error(pdu[0], 0, AttErrorCode.InvalidPdu);
            return false;
        }

        start = (ushort)(pdu[1] | (pdu[2] << 8));
        end = (ushort)(pdu[3] | (pdu[4] << 8));
        if (start == 0 || start > end)
        {
            error = Error(pdu[0], start, AttErrorCode.InvalidHandle);
            return false;
        }

        return true;
    }

    private byte[] FindInformation(SimulatedConnection c, byte[] pdu)
    {
        if (pdu.Length != 5)
        {
            return Error(pdu[0], 0, AttErrorCode.InvalidPdu);
        }

        if (!TryRange(pdu, 5, out ushort start, out ushort end, out byte[]? error))
        {
            return error!;
        }

        var response = new List<byte> { AttOpcode.FindInformationResponse, 0 };
        int uuidLength = 0;
        for (int h = start; h <= Math.Min(end, (int)Database.LastHandle); h++)
        {
            Attribute a = Database[h]!;
            if (uuidLength == 0)
            {
                uuidLength = a.Type.Length;
            }

            if (a.Type.Length != uuidLength || response.Count + 2 + uuidLength > c.Mtu)
            {
                break;
            }

            response.Add((byte)h);
            response.Add((byte)(h >> 8));
            var uuid = new byte[uuidLength];
            a.Type.WriteTo(uuid, 0);
            response.AddRange(uuid);
        }

        if (uuidLength == 0)
        {
            return Error(pdu[0], start, AttErrorCode.AttributeNotFound);
        }

        response[1] = (byte)(uuidLength == 2 ? 1 : 2);
        return [.. response];
    }

    // Discover Primary Service by Service UUID (Core Vol 3 Part G 4.4.2): matches fixed values of a 16-bit type.
    private byte[] FindByTypeValue(SimulatedConnection c, byte[] pdu)
    {
        if (pdu.Length < 7)
        {
            return Error(pdu[0], 0, AttErrorCode.InvalidPdu);
        }

        if (!TryRange(pdu, 7, out ushort start, out ushort end, out byte[]? error))
        {
            return error!;
        }

        ushort type = (ushort)(pdu[5] | (pdu[6] << 8));
        var response = new List<byte> { AttOpcode.FindByTypeValueResponse };
        for (int h = start; h <= Math.Min(end, (int)Database.LastHandle) && response.Count + 4 <= c.Mtu; h++)
        {
            Attribute a = Database[h]!;
            if (a.Type.Is16Bit && a.Type.ShortCode == type && a.StaticValue != null && a.StaticValue.AsSpan().SequenceEqual(pdu.AsSpan(7)))
            {
                ushort groupEnd = a.Kind == AttributeKind.PrimaryService ? a.GroupEnd : (ushort)h;
                response.AddRange([(byte)h, (byte)(h >> 8), (byte)groupEnd, (byte)(groupEnd >> 8)]);
            }
        }

        return response.Count > 1 ? [.. response] : Error(pdu[0], start, AttErrorCode.AttributeNotFound);
    }

    private byte[] ReadByGroupType(SimulatedConnection c, byte[] pdu)
    {
        if (pdu.Length != 7 && pdu.Length != 21)
        {
            return Error(pdu[0], 0, AttErrorCode.InvalidPdu);
        }

        if (!TryRange(pdu, 7, out ushort start, out ushort end, out byte[]? error))
        {
            return error!;
        }

        if (!BleUuid.FromShortCode(GattUuids.PrimaryService).Matches(pdu, 5, pdu.Length - 5))
        {
            return Error(pdu[0], start, AttErrorCode.UnsupportedGroupType);
        }

        var response = new List<byte> { AttOpcode.ReadByGroupTypeResponse, 0 };
        int entryLength = 0;
        for (int h = start; h <= Math.Min(end, (int)Database.LastHandle); h++)
        {
            Attribute a = Database[h]!;
            if (a.Kind != AttributeKind.PrimaryService)
            {
                continue;
            }

            byte[] value = a.StaticValue!;
            if (entryLength == 0)
            {
                entryLength = 4 + value.Length;
            }

            if (4 + value.Length != entryLength || response.Count + entryLength > c.Mtu)
            {
                break;
            }

            response.AddRange([(byte)h, (byte)(h >> 8), (byte)a.GroupEnd, (byte)(a.GroupEnd >> 8)]);
            response.AddRange(value);
        }

        if (entryLength == 0)
        {
            return Error(pdu[0], start, AttErrorCode.AttributeNotFound);
        }

        response[1] = (byte)entryLength;
        return [.. response];
    }

    private byte[] ReadByType(SimulatedConnection c, byte[] pdu)
    {
        if (pdu.Length != 7 && pdu.Length != 21)
        {
            return Error(pdu[0], 0, AttErrorCode.InvalidPdu);
        }

        if (!TryRange(pdu, 7, out ushort start, out ushort end, out byte[]? error))
        {
            return error!;
        }

        var response = new List<byte> { AttOpcode.ReadByTypeResponse, 0 };
        int entryLength = 0;
        for (int h = start; h <= Math.Min(end, (int)Database.LastHandle); h++)
        {
            Attribute a = Database[h]!;
            if (!a.Type.Matches(pdu, 5, pdu.Length - 5))
            {
                continue;
            }

            byte code = ReadValue(c, a, out byte[] value);
            if (code != AttErrorCode.Success)
            {
                // The first match's error is the answer; a later one just ends the list.
                return entryLength == 0 ? Error(pdu[0], (ushort)h, code) : [.. SetLength(response, entryLength)];
            }

            int length = Math.Min(value.Length, Math.Min(c.Mtu - 4, 253));
            if (entryLength == 0)
            {
                entryLength = 2 + length;
            }

            if (2 + length != entryLength || response.Count + entryLength > c.Mtu)
            {
                break;
            }

            response.Add((byte)h);
            response.Add((byte)(h >> 8));
            response.AddRange(value.AsSpan(0, length).ToArray());
        }

        if (entryLength == 0)
        {
            return Error(pdu[0], start, AttErrorCode.AttributeNotFound);
        }

        return [.. SetLength(response, entryLength)];
    }

    private static List<byte> SetLength(List<byte> response, int entryLength)
    {
        response[1] = (byte)entryLength;
        return response;
    }

    private byte[] Read(SimulatedConnection c, byte[] pdu, bool blob)
    {
        if (pdu.Length != (blob ? 5 : 3))
        {
            return Error(pdu[0], 0, AttErrorCode.InvalidPdu);
        }

        ushort handle = (ushort)(pdu[1] | (pdu[2] << 8));
        int offset = blob ? pdu[3] | (pdu[4] << 8) : 0;
        Attribute? a = Database[handle];
        if (a == null)
        {
            return Error(pdu[0], handle, AttErrorCode.InvalidHandle);
        }

        byte code = ReadValue(c, a, out byte[] value);
        if (code != AttErrorCode.Success)
        {
            return Error(pdu[0], handle, code);
        }

        if (offset > value.Length)
        {
            return Error(pdu[0], handle, AttErrorCode.InvalidOffset);
        }

        int length = Math.Min(value.Length - offset, c.Mtu - 1);
        var response = new byte[1 + length];
        response[0] = blob ? AttOpcode.ReadBlobResponse : AttOpcode.ReadResponse;
        Array.Copy(value, offset, response, 1, length);
        return response;
    }

    private static byte ReadValue(SimulatedConnection c, Attribute a, out byte[] value)
    {
        value = [];
        switch (a.Kind)
        {
            case AttributeKind.Value when a.Characteristic != null:
                GattCharacteristic ch = a.Characteristic;
                byte code = GattAccess.CheckRead(ch, c);
                if (code != AttErrorCode.Success)
                {
                    return code;
                }

                ch.Service.PrepareRead(ch);
                value = ch.Value.AsSpan(0, ch.ValueLength).ToArray();
                return AttErrorCode.Success;
            case AttributeKind.Cccd:
                ushort cccd = c.Cccd(a.Characteristic!);
                value = [(byte)cccd, (byte)(cccd >> 8)];
                return AttErrorCode.Success;
            default:
                value = a.StaticValue!;
                return AttErrorCode.Success;
        }
    }

    private byte[]? Write(SimulatedConnection c, byte[] pdu, bool withResponse)
    {
        if (pdu.Length < 3)
        {
            return withResponse ? Error(pdu[0], 0, AttErrorCode.InvalidPdu) : null;
        }

        ushort handle = (ushort)(pdu[1] | (pdu[2] << 8));
        int length = pdu.Length - 3;
        byte code = WriteValue(c, Database[handle], pdu, length, withResponse);
        if (!withResponse)
        {
            return null;
        }

        return code == AttErrorCode.Success ? [AttOpcode.WriteResponse] : Error(pdu[0], handle, code);
    }

    private static byte WriteValue(SimulatedConnection c, Attribute? a, byte[] pdu, int length, bool withResponse)
    {
        if (a == null)
        {
            return AttErrorCode.InvalidHandle;
        }

        GattCharacteristic? ch = a.Characteristic;
        switch (a.Kind)
        {
            case AttributeKind.Cccd:
                byte cccdCode = GattAccess.CheckCccdWrite(ch!, c, pdu, 3, length);
                if (cccdCode == AttErrorCode.Success)
                {
                    c.SetCccd(ch!, (ushort)(pdu[3] | (pdu[4] << 8)));
                }

                return cccdCode;
            case AttributeKind.Value when ch != null:
                byte code = GattAccess.CheckWrite(ch, c, withResponse);
                if (code != AttErrorCode.Success)
                {
                    return code;
                }

                return length > ch.MaxValueLength ? AttErrorCode.InvalidAttributeValueLength : ch.Service.Write(ch, c, pdu, 3, length);
            default:
                return AttErrorCode.WriteNotPermitted;
        }
    }
}
