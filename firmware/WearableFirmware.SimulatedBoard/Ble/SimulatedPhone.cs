namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>
/// A phone running a health app, as a GATT client: connects, exchanges the MTU, discovers everything with the
/// standard procedures, pairs when the device answers Insufficient Authentication (its own Security Manager,
/// <see cref="SmpInitiator"/>: the user types the passkey from the device's label), re-encrypts with its bond's key
/// on Insufficient Encryption, subscribes, confirms indications, and turns every value into the line the app would
/// show, using only its own decoders (<see cref="PhoneDecoders"/>).
/// </summary>
public sealed class SimulatedPhone
{
    private readonly List<PhoneCharacteristic> _characteristics = [];
    private readonly List<(string Uuid, ushort Start, ushort End)> _services = [];
    private readonly List<string> _lines = [];
    private readonly List<(ushort Handle, bool Indication, byte[] Value)> _received = [];
    private BleLink? _link;
    private int _unconfirmed;
    private bool _pairedUnauthenticated;

    public SimulatedPhone(string name, byte[] address, int mtu = 185)
    {
        Name = name;
        Address = address;
        RequestedMtu = mtu;
        Security = new SmpInitiator(address[5] * 7919 + address[4]);
    }

    /// <summary>The phone's Security Manager: IO capability, passkey entry, the bond's key.</summary>
    public SmpInitiator Security { get; }

    /// <summary>The last pairing attempt's outcome, or null.</summary>
    public PairingOutcome? LastPairing { get; private set; }

    public string Name { get; }

    public byte[] Address { get; }

    public int RequestedMtu { get; }

    /// <summary>ATT MTU in use (23 until exchanged).</summary>
    public int Mtu { get; private set; } = AttOpcode.DefaultMtu;

    /// <summary>Confirm each indication as it arrives (a real stack does); off to hold confirmations in tests.</summary>
    public bool AutoConfirm { get; set; } = true;

    public IReadOnlyList<PhoneCharacteristic> Characteristics => _characteristics;

    public IReadOnlyList<(string Uuid, ushort Start, ushort End)> Services => _services;

    /// <summary>
    /// How many of the latest <see cref="Lines"/> and <see cref="Received"/> entries are kept at least (between this and
    /// twice this many are held; older ones are dropped). Unbounded by default; a month-long run bounds it because a
    /// phone notified every second would otherwise hold millions of values.
    /// </summary>
    public int HistoryLimit { get; set; } = int.MaxValue;

    /// <summary>The lines the app showed, oldest first (the latest <see cref="HistoryLimit"/> at least).</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Notifications and indications received, in order (the latest <see cref="HistoryLimit"/> at least).</summary>
    public IReadOnlyList<(ushort Handle, bool Indication, byte[] Value)> Received => _received;

    /// <summary>Lines shown since the phone was created, including those no longer kept.</summary>
    public long LinesShownTotal { get; private set; }

    /// <summary>Notifications and indications received since the phone was created, including those no longer kept.</summary>
    public long ValuesReceivedTotal { get; private set; }

    /// <summary>Raised with each notification or indication as it arrives (handle, indication, value).</summary>
    public event Action<ushort, bool, byte[]>? ValueReceived;

    /// <summary>Raised with each line the app shows.</summary>
    public event Action<string>? LineShown;

    public bool IsConnected => _link?.Connection != null;

    public void Connect(BleLink link)
    {
        _link = link;
        _unconfirmed = 0;
        _pairedUnauthenticated = false;
        Mtu = AttOpcode.DefaultMtu;
        link.Connect(Address, OnPdu);
    }

    public void Disconnect() => _link?.Disconnect();

    /// <summary>True while this phone keeps a bond's key for the device.</summary>
    public bool HasBond => Security.BondLtk != null;

    /// <summary>Reconnects as a bonded phone's stack does: connect, then start encryption with the stored keys.</summary>
    public bool Reconnect(BleLink link)
    {
        Connect(link);
        return Encrypt();
    }

    /// <summary>
    /// What the health app does when the device is back in range: reconnect with the bond's key, then exchange the MTU
    /// again, since it belongs to a connection. Shows the outcome; true when the link is encrypted.
    /// </summary>
    public bool ResumeHealthSession(BleLink link)
    {
        bool encrypted = Reconnect(link);
        Show($"reconnected, {(encrypted ? "encrypted with the bond's key" : "the device refused the bond's key")}, ATT MTU {ExchangeMtu()}");
        return encrypted;
    }

    /// <summary>Pairs with the device (Security Manager, initiator); shows the outcome.</summary>
    public PairingOutcome Pair(bool bond = true)
    {
        LastPairing = Security.Pair(_link!, Address, bond);
        _pairedUnauthenticated = LastPairing is { Success: true, Authenticated: false };
        Show(LastPairing.Success ? $"paired: {LastPairing.Description}" : $"pairing failed: {LastPairing.Description}");
        return LastPairing;
    }

    /// <summary>Starts encryption with the bond's key; false without a bond or when the device no longer has it.</summary>
    public bool Encrypt() => HasBond && _link!.StartEncryption(Security.BondLtk!) == 0;

    /// <summary>Deletes the phone's side of the bond (the user's "forget this device").</summary>
    public void ForgetBond() => Security.BondLtk = null;

    public int ExchangeMtu()
    {
        byte[] response = Request([AttOpcode.ExchangeMtuRequest, (byte)RequestedMtu, (byte)(RequestedMtu >> 8)]);
        int serverMtu = response[1] | (response[2] << 8);
        Mtu = Math.Max(AttOpcode.DefaultMtu, Math.Min(serverMtu, RequestedMtu));
        return Mtu;
    }

    /// <summary>Primary services, their characteristics and descriptors (Core Vol 3 Part G 4.4.1, 4.6.1, 4.7.1).</summary>
    public void DiscoverAll()
    {
        _services.Clear();
        _characteristics.Clear();
        ushort start = 1;
        while (true)
        {
            byte[]? r = TryRequest([AttOpcode.ReadByGroupTypeRequest, (byte)start, (byte)(start >> 8), 0xFF, 0xFF, 0x00, 0x28], out byte code);
            if (r == null)
            {
                if (code == 0x0A) break;
                throw new InvalidOperationException($"service discovery failed: 0x{code:X2}");
            }

            int len = r[1];
            ushort lastEnd = 0;
            for (int i = 2; i + len <= r.Length; i += len)
            {
                ushort s = (ushort)(r[i] | (r[i + 1] << 8));
                lastEnd = (ushort)(r[i + 2] | (r[i + 3] << 8));
                _services.Add((PhoneDecoders.UuidText(r, i + 4, len - 4), s, lastEnd));
            }

            if (lastEnd == 0xFFFF) break;
            start = (ushort)(lastEnd + 1);
        }

        foreach (var service in _services)
        {
            DiscoverCharacteristics(service.Uuid, service.Start, service.End);
        }
    }

    private void DiscoverCharacteristics(string serviceUuid, ushort start, ushort end)
    {
        var found = new List<PhoneCharacteristic>();
        ushort from = start;
        while (from <= end)
        {
            byte[]? r = TryRequest([AttOpcode.ReadByTypeRequest, (byte)from, (byte)(from >> 8), (byte)end, (byte)(end >> 8), 0x03, 0x28], out byte code);
            if (r == null) break;
            int len = r[1];
            ushort last = from;
            for (int i = 2; i + len <= r.Length; i += len)
            {
                ushort handle = (ushort)(r[i] | (r[i + 1] << 8));
                found.Add(new PhoneCharacteristic
                {
                    ServiceUuid = serviceUuid,
                    DeclarationHandle = handle,
                    Properties = r[i + 2],
                    ValueHandle = (ushort)(r[i + 3] | (r[i + 4] << 8)),
                    Uuid = PhoneDecoders.UuidText(r, i + 5, len - 5),
                });
                last = handle;
            }

            if (last == end) break;
            from = (ushort)(last + 1);
        }

        for (int k = 0; k < found.Count; k++)
        {
            found[k].EndHandle = k + 1 < found.Count ? (ushort)(found[k + 1].DeclarationHandle - 1) : end;
            DiscoverDescriptors(found[k]);
        }

        _characteristics.AddRange(found);
    }

    private void DiscoverDescriptors(PhoneCharacteristic c)
    {
        ushort from = (ushort)(c.ValueHandle + 1);
        while (from <= c.EndHandle)
        {
            byte[]? r = TryRequest([AttOpcode.FindInformationRequest, (byte)from, (byte)(from >> 8), (byte)c.EndHandle, (byte)(c.EndHandle >> 8)], out _);
            if (r == null) break;
            int uuidLength = r[1] == 1 ? 2 : 16;
            ushort last = from;
            for (int i = 2; i + 2 + uuidLength <= r.Length; i += 2 + uuidLength)
            {
                ushort h = (ushort)(r[i] | (r[i + 1] << 8));
                string type = PhoneDecoders.UuidText(r, i + 2, uuidLength);
                if (type == "2902") c.CccdHandle = h;
                if (type == "2901") c.UserDescriptionHandle = h;
                last = h;
            }

            if (last >= c.EndHandle) break;
            from = (ushort)(last + 1);
        }
    }

    public PhoneCharacteristic Find(string uuid) =>
        _characteristics.FirstOrDefault(c => c.Uuid == uuid) ?? throw new InvalidOperationException($"characteristic {uuid} not discovered");

    /// <summary>Reads a whole value: Read, then Read Blob while the answer filled the PDU (Core Vol 3 Part G 4.8.3).</summary>
    public byte[] ReadLong(ushort handle)
    {
        byte[] first = Request([AttOpcode.ReadRequest, (byte)handle, (byte)(handle >> 8)]);
        var value = new List<byte>(first.Skip(1));
        int chunk = first.Length - 1;
        while (chunk == Mtu - 1)
        {
            int offset = value.Count;
            byte[] more = Request([AttOpcode.ReadBlobRequest, (byte)handle, (byte)(handle >> 8), (byte)offset, (byte)(offset >> 8)]);
            chunk = more.Length - 1;
            value.AddRange(more.Skip(1));
        }

        return [.. value];
    }

    /// <summary>Reads a characteristic, pairing or re-encrypting when the device asks for it.</summary>
    public byte[] Read(string uuid) => WithSecurityRetry(() => ReadLong(Find(uuid).ValueHandle));

    public string ReadText(string uuid) => System.Text.Encoding.UTF8.GetString(Read(uuid));

    /// <summary>Write Request; returns 0 on success or the ATT error code (no security retry).</summary>
    public byte WriteRaw(ushort handle, byte[] value)
    {
        byte[]? r = TryRequest([AttOpcode.WriteRequest, (byte)handle, (byte)(handle >> 8), .. value], out byte code);
        return r != null ? (byte)0 : code;
    }

    /// <summary>Writes a characteristic value, pairing or re-encrypting when asked; returns 0 or the ATT error.</summary>
    public byte Write(string uuid, byte[] value)
    {
        ushort handle = Find(uuid).ValueHandle;
        byte code = WriteRaw(handle, value);
        return code is 0x05 or 0x0F && Secure(code) ? WriteRaw(handle, value) : code;
    }

    public void WriteWithoutResponse(ushort handle, byte[] value) =>
        Send([AttOpcode.WriteCommand, (byte)handle, (byte)(handle >> 8), .. value]);

    /// <summary>Enables notifications (or indications) of a characteristic; returns 0 or the ATT error.</summary>
    public byte Subscribe(string uuid)
    {
        var c = Find(uuid);
        ushort bits = (c.Properties & 0x20) != 0 ? (ushort)2 : (ushort)1;
        byte code = WriteRaw(c.CccdHandle, [(byte)bits, 0]);
        return code is 0x05 or 0x0F && Secure(code) ? WriteRaw(c.CccdHandle, [(byte)bits, 0]) : code;
    }

    public byte Unsubscribe(string uuid) => WriteRaw(Find(uuid).CccdHandle, [0, 0]);

    /// <summary>Sends the Handle Value Confirmation for the oldest unconfirmed indication.</summary>
    public void ConfirmIndication()
    {
        if (_unconfirmed > 0)
        {
            _unconfirmed--;
            Send([AttOpcode.HandleValueConfirmation]);
        }
    }

    public int UnconfirmedIndications => _unconfirmed;

    /// <summary>What a health app does on first contact: MTU, discovery, device info, bond, subscribe to everything.</summary>
    public void StartHealthSession(BleLink link)
    {
        Connect(link);
        Show($"connected, ATT MTU {ExchangeMtu()}");
        DiscoverAll();
        Show($"discovered {_services.Count} services, {_characteristics.Count} characteristics");
        Show($"{ReadText("2a29")} {ReadText("2a24")}, serial {ReadText("2a25")}, firmware {ReadText("2a26")}");
        foreach (var c in _characteristics.Where(c => c.CccdHandle != 0))
        {
            byte code = Subscribe(c.Uuid);
            if (code != 0)
            {
                Show($"subscribing to {c.Uuid} failed with ATT error 0x{code:X2}");
            }
        }

        Show($"{(HasBond ? "bonded" : "not bonded")}, subscribed; {PhoneDecoders.Show("2a19", Read("2a19"))}");
    }

    private T WithSecurityRetry<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (AttErrorException e) when (e.Code is 0x05 or 0x0F && Secure(e.Code))
        {
            return action();
        }
    }

    // 0x0F: the device knows us; restart encryption with the stored keys (a key it no longer has is dropped).
    // 0x05: pair and bond.
    private bool Secure(byte code)
    {
        if (code == 0x0F && HasBond)
        {
            if (Encrypt())
            {
                return true;
            }

            ForgetBond();
        }

        // A phone that could only pair Just Works on this link cannot do better by pairing again.
        return !_pairedUnauthenticated && Pair(bond: true).Success;
    }

    private void OnPdu(byte[] pdu)
    {
        if (pdu[0] is not (AttOpcode.HandleValueNotification or AttOpcode.HandleValueIndication))
        {
            return;
        }

        bool indication = pdu[0] == AttOpcode.HandleValueIndication;
        ushort handle = (ushort)(pdu[1] | (pdu[2] << 8));
        byte[] value = pdu[3..];
        _received.Add((handle, indication, value));
        ValuesReceivedTotal++;
        Trim(_received);
        ValueReceived?.Invoke(handle, indication, value);
        var c = _characteristics.FirstOrDefault(x => x.ValueHandle == handle);
        Show(c == null ? $"value on unknown handle 0x{handle:X4}" : PhoneDecoders.Show(c.Uuid, value));
        if (indication)
        {
            _unconfirmed++;
            if (AutoConfirm)
            {
                ConfirmIndication();
            }
        }
    }

    private void Show(string line)
    {
        _lines.Add(line);
        LinesShownTotal++;
        Trim(_lines);
        LineShown?.Invoke(line);
    }

    // Drops the oldest half at once when twice the limit is reached, so the cost per entry stays constant.
    private void Trim<T>(List<T> history)
    {
        if (HistoryLimit < int.MaxValue / 2 && history.Count >= 2 * HistoryLimit)
        {
            history.RemoveRange(0, history.Count - HistoryLimit);
        }
    }

    private void Send(byte[] pdu) => _link!.SendToDevice(pdu);

    private byte[] Request(byte[] pdu) =>
        TryRequest(pdu, out byte code) ?? throw new AttErrorException(pdu[0], (ushort)(pdu.Length >= 3 ? pdu[1] | (pdu[2] << 8) : 0), code);

    private byte[]? TryRequest(byte[] pdu, out byte code)
    {
        byte[] response = _link!.SendToDevice(pdu) ?? throw new InvalidOperationException("no response to a request");
        if (response[0] == AttOpcode.ErrorResponse)
        {
            code = response[4];
            return null;
        }

        code = 0;
        return response;
    }
}
