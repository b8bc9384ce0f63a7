using WearableFirmware.Ble;
using WearableFirmware.SimulatedBoard.Ble;
using Xunit;

namespace WearableFirmware.Tests.Ble;

/// <summary>ATT behaviour of the simulated server over the real profile, driven by the simulated phone.</summary>
public class GattServerTests
{
    private const string Hrm = "2a37";
    private const string SpotCheck = "2a5e";
    private const string Racp = "2a52";
    private const string CurrentTime = "2a2b";
    private const string AlertState = "584b0003-5c8b-44d3-94b7-4836cbf4bcd4";
    private const string AlertControl = "584b0004-5c8b-44d3-94b7-4836cbf4bcd4";

    [Fact]
    public void Discovery_finds_every_service_characteristic_and_descriptor()
    {
        var bench = new BleBench();
        var (phone, _) = bench.Connected();
        Assert.Equal(["1800", "180a", "180f", "180d", "1822", "1805", "584b0001-5c8b-44d3-94b7-4836cbf4bcd4",
            AlarmService.ServiceUuid], phone.Services.Select(s => s.Uuid));
        string[] expected = ["2a00", "2a01", "2a29", "2a24", "2a25", "2a27", "2a26", "2a28", "2a23", "2a2a", "2a19", "2a37", "2a38",
            "2a5e", "2a5f", "2a60", "2a52", "2a2b", "584b0002-5c8b-44d3-94b7-4836cbf4bcd4", AlertState, AlertControl, FallAlertService.DetectionStatusUuid,
            AlarmService.AlarmStatusUuid, AlarmService.AlarmSettingsUuid, AlarmService.AlarmRecordUuid, AlarmService.AlarmRecordAccessUuid];
        Assert.Equal(expected, phone.Characteristics.Select(c => c.Uuid));
        foreach (var c in phone.Characteristics)
        {
            Assert.Equal((c.Properties & 0x30) != 0, c.CccdHandle != 0);
        }

        foreach (var ch in bench.Profile.Services.SelectMany(s => s.Characteristics))
        {
            string uuid = ch.Uuid.Is16Bit ? ch.Uuid.ShortCode.ToString("x4") : ch.Uuid.ToString();
            Assert.Equal(bench.Server.Database.ValueHandle(ch), phone.Find(uuid).ValueHandle);
            Assert.Equal(ch.Properties, phone.Find(uuid).Properties);
        }

        Assert.NotEqual(0, phone.Find(Hrm).UserDescriptionHandle);
        Assert.Equal("Heart rate", System.Text.Encoding.UTF8.GetString(phone.ReadLong(phone.Find(Hrm).UserDescriptionHandle)));
    }

    [Fact]
    public void Device_information_is_readable_without_pairing_health_data_is_not()
    {
        var bench = new BleBench();
        var (phone, link) = bench.Connected();
        Assert.Equal(FirmwareIdentity.Manufacturer, System.Text.Encoding.UTF8.GetString(phone.ReadLong(phone.Find("2a29").ValueHandle)));
        Assert.Equal(0, phone.WriteRaw(phone.Find("2a19").CccdHandle, [1, 0]));
        var e = Assert.Throws<AttErrorException>(() => phone.ReadLong(phone.Find(AlertState).ValueHandle));
        Assert.Equal(AttErrorCode.InsufficientAuthentication, e.Code);
        Assert.Equal(AttErrorCode.InsufficientAuthentication, phone.WriteRaw(phone.Find(Hrm).CccdHandle, [1, 0]));
        Assert.True(phone.Pair().Authenticated);
        Assert.Equal(0, phone.WriteRaw(phone.Find(Hrm).CccdHandle, [1, 0]));
        Assert.Equal([0, 0, 0], phone.ReadLong(phone.Find(AlertState).ValueHandle));
    }

    [Fact]
    public void Permissions_and_malformed_requests_get_the_right_att_errors()
    {
        var bench = new BleBench();
        var (phone, link) = bench.Connected();
        phone.Pair();
        byte[] ReadError(ushort handle) => link.SendToDevice([0x0A, (byte)handle, (byte)(handle >> 8)])!;

        Assert.Equal(AttErrorCode.ReadNotPermitted, ReadError(phone.Find(Hrm).ValueHandle)[4]);
        Assert.Equal(AttErrorCode.InvalidHandle, ReadError(0x7FFF)[4]);
        Assert.Equal(AttErrorCode.WriteNotPermitted, phone.WriteRaw(phone.Find("2a29").ValueHandle, [0x41]));
        Assert.Equal(AttErrorCode.WriteNotPermitted, phone.WriteRaw(phone.Find(Hrm).DeclarationHandle, [0x41]));
        Assert.Equal(AttErrorCode.InvalidAttributeValueLength, phone.WriteRaw(phone.Find(Hrm).CccdHandle, [1]));
        // Indications on a notify-only characteristic are not a valid configuration.
        Assert.Equal(AttErrorCode.CccdImproperlyConfigured, phone.WriteRaw(phone.Find(Hrm).CccdHandle, [2, 0]));
        // Read Blob past the end; group type other than a primary service; truncated request.
        ushort manufacturer = phone.Find("2a29").ValueHandle;
        Assert.Equal(AttErrorCode.InvalidOffset, link.SendToDevice([0x0C, (byte)manufacturer, 0, 0xFF, 0])![4]);
        Assert.Equal(AttErrorCode.UnsupportedGroupType, link.SendToDevice([0x10, 1, 0, 0xFF, 0xFF, 0x03, 0x28])![4]);
        Assert.Equal(AttErrorCode.InvalidPdu, link.SendToDevice([0x0A, 1])![4]);
        Assert.Equal(AttErrorCode.InvalidHandle, link.SendToDevice([0x04, 5, 0, 4, 0])![4]);
        Assert.Equal(AttErrorCode.RequestNotSupported, link.SendToDevice([0x16, 0x30, 0, 0, 0, 1])![4]);   // Prepare Write: no long writes
        // Discover Primary Service by Service UUID (Pulse Oximeter 0x1822): its declaration handle and group end.
        var plx = phone.Services.Single(s => s.Uuid == "1822");
        Assert.Equal(new byte[] { 0x07, (byte)plx.Start, (byte)(plx.Start >> 8), (byte)plx.End, (byte)(plx.End >> 8) },
            link.SendToDevice([0x06, 1, 0, 0xFF, 0xFF, 0x00, 0x28, 0x22, 0x18]));
        Assert.Equal(AttErrorCode.AttributeNotFound, link.SendToDevice([0x06, 1, 0, 0xFF, 0xFF, 0x00, 0x28, 0x99, 0x99])![4]);
        Assert.Null(link.SendToDevice([0xD2, 1, 0]));   // unknown signed command: ignored, no response
    }

    [Fact]
    public void Read_blob_continues_a_long_value()
    {
        var bench = new BleBench();
        var (phone, link) = bench.Connected(exchangeMtu: false);   // MTU 23: reads return 22 bytes at most
        ushort model = phone.Find("2a24").ValueHandle;
        byte[] tail = link.SendToDevice([0x0C, (byte)model, 0, 5, 0])!;
        Assert.Equal(0x0D, tail[0]);
        Assert.Equal(FirmwareIdentity.Model.Substring(5), System.Text.Encoding.ASCII.GetString(tail, 1, tail.Length - 1));

        // A 60-byte value needs Read + two Read Blobs at MTU 23 (22 + 22 + 16).
        var longService = new LongValueService();
        var server = new SimulatedGattServer([longService], "long");
        var longLink = new BleLink(server, bench.Clock, null);
        var longPhone = new SimulatedPhone("p", [1, 2, 3, 4, 5, 6]);
        longPhone.Connect(longLink);
        longPhone.DiscoverAll();
        Assert.Equal(Enumerable.Range(0, 60).Select(i => (byte)i).ToArray(), longPhone.ReadLong(longPhone.Find("fff1").ValueHandle));
        // Authenticated-only characteristic: Just Works keys are not enough.
        longPhone.Security.IoCapability = SmpCode.NoInputNoOutput;
        Assert.False(longPhone.Pair().Authenticated);
        var e = Assert.Throws<AttErrorException>(() => longPhone.ReadLong(longPhone.Find("fff2").ValueHandle));
        Assert.Equal(AttErrorCode.InsufficientAuthentication, e.Code);
    }

    [Fact]
    public void Mtu_exchange_takes_the_smaller_mtu_and_only_once()
    {
        var bench = new BleBench();
        var (phone, link) = bench.Connected(mtu: 517, exchangeMtu: false);
        Assert.Equal(SimulatedGattServer.ServerMtu, phone.ExchangeMtu());
        Assert.Equal(SimulatedGattServer.ServerMtu, link.Connection!.Mtu);
        Assert.Equal(AttErrorCode.RequestNotSupported, link.SendToDevice([0x02, 100, 0])![4]);
    }

    [Fact]
    public void Alert_control_validates_and_leaves_state_unchanged_on_error()
    {
        var bench = new BleBench();
        var (phone, link) = bench.Connected();
        var fall = bench.Profile.FallAlert;
        Assert.Equal(AttErrorCode.InsufficientAuthentication, phone.WriteRaw(phone.Find(AlertControl).ValueHandle, [0x03]));
        phone.Pair();
        fall.ReportEvent(5, FallEventKind.Confirmed, 0, 100, 3f, FallPosture.Lying, 80f, 96f);
        Assert.Equal(FallAlertWireState.Alarm, fall.State);

        ushort control = phone.Find(AlertControl).ValueHandle;
        Assert.Equal(AttErrorCode.FallAlertOpCodeNotSupported, phone.WriteRaw(control, [0x09, 5, 0]));
        Assert.Equal(AttErrorCode.InvalidAttributeValueLength, phone.WriteRaw(control, [0x01, 5]));
        Assert.Equal(AttErrorCode.InvalidAttributeValueLength, phone.WriteRaw(control, []));
        Assert.Equal(AttErrorCode.InvalidAttributeValueLength, phone.WriteRaw(control, [0x01, 5, 0, 0, 0, 0]));   // longer than the characteristic
        Assert.Equal(AttErrorCode.FallAlertUnknownEvent, phone.WriteRaw(control, [0x01, 6, 0]));
        Assert.Equal(AttErrorCode.FallAlertInvalidState, phone.WriteRaw(control, [0x03]));
        Assert.Equal(FallAlertWireState.Alarm, fall.State);
        Assert.Equal(5, fall.ActiveEventId);

        phone.WriteWithoutResponse(control, [0x01, 5, 0]);   // not a Write Without Response characteristic: ignored
        Assert.Equal(FallAlertWireState.Alarm, fall.State);

        Assert.Equal(0, phone.WriteRaw(control, [0x01, 5, 0]));
        Assert.Equal(FallAlertWireState.Acknowledged, fall.State);
        Assert.Equal(AttErrorCode.FallAlertInvalidState, phone.WriteRaw(control, [0x01, 5, 0]));
        Assert.Equal(0, phone.WriteRaw(control, [0x02, 5, 0]));
        Assert.Equal(FallAlertWireState.Idle, fall.State);
        Assert.Equal(0, phone.WriteRaw(control, [0x03]));
        Assert.Equal(FallAlertWireState.Test, fall.State);
        Assert.Equal(0, phone.WriteRaw(control, [0x02, 0, 0]));
        Assert.Equal(FallAlertWireState.Idle, fall.State);
    }

    [Fact]
    public void Current_time_write_sets_the_clock_only_when_valid_and_bonded()
    {
        var bench = new BleBench();
        var (phone, link) = bench.Connected();
        ushort handle = phone.Find(CurrentTime).ValueHandle;
        byte[] good = BleBench.Hex("EA070B180D2D1E020001");   // 2026-11-24 13:45:30 Tuesday
        Assert.Equal(AttErrorCode.InsufficientAuthentication, phone.WriteRaw(handle, good));
        Assert.True(phone.Pair(bond: false).Authenticated);
        Assert.Equal(AttErrorCode.InsufficientAuthentication, phone.WriteRaw(handle, good));   // authenticated but not bonded
        Assert.True(phone.Pair(bond: true).Bonded);
        Assert.Equal(AttErrorCode.InvalidAttributeValueLength, phone.WriteRaw(handle, good[..9]));
        Assert.Equal(AttErrorCode.OutOfRange, phone.WriteRaw(handle, BleBench.Hex("EA070D180D2D1E020001")));   // month 13
        Assert.Equal(AttErrorCode.OutOfRange, phone.WriteRaw(handle, BleBench.Hex("EA07021E0D2D1E020001")));   // 30 February
        Assert.Equal(AttErrorCode.OutOfRange, phone.WriteRaw(handle, BleBench.Hex("EA070B180D2D1E030001")));   // Wednesday?
        Assert.Equal(AttErrorCode.OutOfRange, phone.WriteRaw(handle, BleBench.Hex("00000B180D2D1E000001")));   // unknown year
        Assert.False(bench.WallClock.IsSet);
        Assert.Equal(0, phone.WriteRaw(handle, good));
        Assert.True(bench.WallClock.IsSet);
        Assert.Equal(1795527930, bench.WallClock.UnixSeconds);
        bench.Clock.SleepMicroseconds(61_000_000);
        Assert.Equal(BleBench.Hex("EA070B180D2E1F020001"), phone.ReadLong(handle));   // a minute and a second later
    }

    [Fact]
    public void Notifications_reach_only_subscribed_and_sufficiently_secure_peers()
    {
        var bench = new BleBench();
        var (a, linkA) = bench.Connected(1);
        var (b, linkB) = bench.Connected(2);
        a.Pair();
        b.Pair();
        Assert.Equal(0, a.Subscribe(Hrm));
        Assert.False(bench.Profile.PulseOximeter.NotifyContinuous(97f, 60f, 0, 0, 1f));   // nobody subscribed to PLX
        bench.Profile.HeartRate.NotifyMeasurement(61, true);
        Assert.Single(a.Received);
        Assert.Empty(b.Received);
        Assert.Equal(0, a.Unsubscribe(Hrm));
        bench.Profile.HeartRate.NotifyMeasurement(62, true);
        Assert.Single(a.Received);
    }

    [Fact]
    public void Indications_are_serialised_one_outstanding_per_peer()
    {
        var bench = new BleBench();
        var (phone, link) = bench.Connected();
        phone.Pair();
        phone.AutoConfirm = false;
        Assert.Equal(0, phone.Subscribe(SpotCheck));
        var plx = bench.Profile.PulseOximeter;
        Assert.True(plx.SendSpotCheck(97f, 60f, false, 0, 0, 0, 1f, false));
        Assert.True(plx.SendSpotCheck(96f, 61f, false, 0, 0, 0, 1f, false));
        Assert.Single(phone.Received);
        Assert.True(link.Connection!.IndicationOutstanding);
        phone.ConfirmIndication();
        Assert.Equal(2, phone.Received.Count);
        Assert.Equal(61.0, PhoneDecoders.DecodePlxSpotCheck(phone.Received[1].Value).PulseRate, 6);

        // The second is now in flight; a full queue behind it refuses the next one (reported, not lost silently).
        for (int i = 0; i < SimulatedGattServer.IndicationQueueCapacity; i++)
        {
            Assert.True(plx.SendSpotCheck(95f, 60f, false, 0, 0, 0, 1f, false));
        }

        Assert.False(plx.SendSpotCheck(94f, 60f, false, 0, 0, 0, 1f, false));
        Assert.Equal(1, bench.Server.IndicationsRefused);
        while (phone.UnconfirmedIndications > 0)
        {
            phone.ConfirmIndication();
        }

        Assert.Equal(2 + SimulatedGattServer.IndicationQueueCapacity, phone.Received.Count);
    }

    [Fact]
    public void Racp_needs_indications_enabled_and_one_procedure_at_a_time()
    {
        var bench = new BleBench();
        var (phone, link) = bench.Connected();
        phone.Pair();
        var handler = new FakeRecordAccess();
        bench.Profile.PulseOximeter.RecordAccess = handler;
        ushort racp = phone.Find(Racp).ValueHandle;
        byte[] reportAll = [0x01, 0x01];
        Assert.Equal(AttErrorCode.CccdImproperlyConfigured, phone.WriteRaw(racp, reportAll));
        Assert.Equal(0, phone.Subscribe(Racp));
        Assert.Equal(AttErrorCode.InvalidAttributeValueLength, phone.WriteRaw(racp, [0x01]));
        Assert.Equal(0, handler.Writes);
        Assert.Equal(0, phone.WriteRaw(racp, reportAll));
        Assert.Equal(1, handler.Writes);
        handler.ProcedureInProgress = true;
        Assert.Equal(AttErrorCode.ProcedureAlreadyInProgress, phone.WriteRaw(racp, reportAll));
        Assert.Equal(0, phone.WriteRaw(racp, [0x03, 0x00]));   // Abort Operation is always let through
        Assert.Equal(2, handler.Writes);
        // The store answers by indication through the service.
        Assert.True(bench.Profile.PulseOximeter.SendRacpResponse(link.Connection!, [0x06, 0x00, 0x01, 0x01], 4));
        Assert.Equal("Records: RACP response 06000101", phone.Lines[^1]);
    }

    [Fact]
    public void Bonded_peer_keeps_its_subscriptions_across_reconnects_and_must_re_encrypt()
    {
        var bench = new BleBench();
        var (phone, link) = bench.Connected();
        Assert.True(phone.Pair().Authenticated);
        Assert.Equal(0, phone.Subscribe(Hrm));
        phone.Disconnect();
        bench.Profile.HeartRate.NotifyMeasurement(70, true);   // nobody connected
        Assert.Empty(phone.Received);

        phone.Connect(link);
        phone.DiscoverAll();
        ushort cccd = phone.Find(Hrm).CccdHandle;
        Assert.Equal([1, 0], phone.ReadLong(cccd));   // CCCD persisted for the bonded peer
        bench.Profile.HeartRate.NotifyMeasurement(71, true);
        Assert.Empty(phone.Received);                  // link not yet encrypted: health data withheld
        var e = Assert.Throws<AttErrorException>(() => phone.ReadLong(phone.Find(AlertState).ValueHandle));
        Assert.Equal(AttErrorCode.InsufficientEncryption, e.Code);
        Assert.True(phone.Encrypt());
        bench.Profile.HeartRate.NotifyMeasurement(72, true);
        Assert.Equal(72, PhoneDecoders.DecodeHeartRate(Assert.Single(phone.Received).Value).Bpm);
    }

    [Fact]
    public void Unbonded_peer_starts_each_connection_unsubscribed_and_has_no_key_to_resume_with()
    {
        var bench = new BleBench();
        var (phone, link) = bench.Connected();
        Assert.True(phone.Pair(bond: false).Authenticated);
        Assert.Equal(0, phone.Subscribe(Hrm));
        phone.Disconnect();
        phone.Connect(link);
        phone.DiscoverAll();
        Assert.Equal([0, 0], phone.ReadLong(phone.Find(Hrm).CccdHandle));
        Assert.False(phone.Encrypt());
        Assert.Equal(0, bench.Server.Bonds.Count);
    }

    private sealed class FakeRecordAccess : IRecordAccessHandler
    {
        public bool ProcedureInProgress { get; set; }
        public int Writes { get; private set; }

        public byte OnControlPointWrite(IGattLink link, byte[] data, int offset, int length)
        {
            Writes++;
            return AttErrorCode.Success;
        }
    }

    private sealed class LongValueService : GattService
    {
        public LongValueService()
            : base(BleUuid.FromShortCode(0xFFF0), [
                new GattCharacteristic(BleUuid.FromShortCode(0xFFF1), GattProperties.Read, GattSecurity.Open, GattSecurity.Open, null, 60),
                new GattCharacteristic(BleUuid.FromShortCode(0xFFF2), GattProperties.Read, GattSecurity.Authenticated, GattSecurity.Authenticated, null, 1),
            ])
        {
            Characteristics[0].SetValue(Enumerable.Range(0, 60).Select(i => (byte)i).ToArray(), 60);
        }
    }
}
