using WearableFirmware.Drivers;

namespace WearableFirmware.SimulatedBoard.Ble;

/// <summary>
/// The radio between the simulated wearable and one simulated phone: carries ATT and SMP PDUs both ways
/// (synchronously), connection, encryption and disconnection, and logs all of it to an optional btsnoop capture with
/// timestamps from the board's clock.
/// </summary>
public sealed class BleLink
{
    private readonly SimulatedGattServer _server;
    private readonly IClock _clock;
    private readonly BtSnoopWriter? _snoop;
    private readonly long _unixStartMicroseconds;
    private SimulatedConnection? _connection;
    private Action<byte[]>? _toPhone;

    /// <param name="unixStartMicroseconds">Calendar time of clock zero, for the capture's timestamps.</param>
    public BleLink(SimulatedGattServer server, IClock clock, BtSnoopWriter? snoop, long unixStartMicroseconds = 1_767_225_600_000_000)
    {
        _server = server;
        _clock = clock;
        _snoop = snoop;
        _unixStartMicroseconds = unixStartMicroseconds;
    }

    public SimulatedConnection? Connection => _connection;

    private long Now => _unixStartMicroseconds + _clock.NowMicroseconds;

    public SimulatedConnection Connect(byte[] phoneAddress, Action<byte[]> toPhone)
    {
        if (_connection != null)
        {
            throw new InvalidOperationException("already connected");
        }

        _toPhone = toPhone;
        _connection = _server.Connect(Convert.ToHexString(phoneAddress), ToPhone);
        _snoop?.WriteConnectionComplete(Now, _connection.HciHandle, phoneAddress);
        return _connection;
    }

    public void Disconnect()
    {
        if (_connection == null)
        {
            return;
        }

        _server.Disconnect(_connection);
        _snoop?.WriteDisconnectionComplete(Now, _connection.HciHandle);
        _connection = null;
    }

    /// <summary>The device's address as the phone saw it advertising (public).</summary>
    public byte[] DeviceAddress => _server.DeviceAddress;

    /// <summary>Sends an SMP PDU from the phone; returns the device's SMP PDUs in reply (none when it stays silent).</summary>
    public List<byte[]> SendSmp(byte[] pdu)
    {
        var c = Required();
        _snoop?.WriteSmp(Now, c.HciHandle, false, pdu);
        List<byte[]> replies = _server.HandleSmp(c, pdu, _clock.NowMicroseconds);
        foreach (byte[] reply in replies)
        {
            _snoop?.WriteSmp(Now, c.HciHandle, true, reply);
        }

        return replies;
    }

    /// <summary>The phone (central) starts encryption with a long-term key; logs the Encryption Change. Returns the HCI status.</summary>
    public byte StartEncryption(byte[] ltk)
    {
        var c = Required();
        byte status = _server.StartEncryption(c, ltk, _clock.NowMicroseconds);
        _snoop?.WriteEncryptionChange(Now, c.HciHandle, status);
        return status;
    }

    /// <summary>Sends a PDU from the phone; returns the server's response PDU (null for commands/confirmations).</summary>
    public byte[]? SendToDevice(byte[] pdu)
    {
        var c = Required();
        _snoop?.WriteAtt(Now, c.HciHandle, false, pdu);
        byte[]? response = _server.HandlePdu(c, pdu);
        if (response != null)
        {
            _snoop?.WriteAtt(Now, c.HciHandle, true, response);
        }

        return response;
    }

    /// <summary>
    /// Whether notifications go into the capture. A month with a phone connected notifies every second (a capture of
    /// a few hundred MB); without them it keeps connections, pairing, requests, responses and indications.
    /// </summary>
    public bool CaptureNotifications { get; set; } = true;

    private void ToPhone(byte[] pdu)
    {
        if (_connection != null && (CaptureNotifications || pdu[0] != AttOpcode.HandleValueNotification))
        {
            _snoop?.WriteAtt(Now, _connection.HciHandle, true, pdu);
        }

        _toPhone?.Invoke(pdu);
    }

    private SimulatedConnection Required() => _connection ?? throw new InvalidOperationException("not connected");
}
