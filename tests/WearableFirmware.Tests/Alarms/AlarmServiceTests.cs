using WearableFirmware.Alarms;
using WearableFirmware.Ble;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Ble;
using Xunit;

namespace WearableFirmware.Tests.Alarms;

/// <summary>The alarm service as a phone uses it: status read and indicated, limits written within bounds and kept, stored alarms fetched.</summary>
public class AlarmServiceTests
{
    private const string Status = "584b0011-5c8b-44d3-94b7-4836cbf4bcd4";
    private const string Settings = "584b0012-5c8b-44d3-94b7-4836cbf4bcd4";
    private const string Record = "584b0013-5c8b-44d3-94b7-4836cbf4bcd4";
    private const string Racp = "584b0014-5c8b-44d3-94b7-4836cbf4bcd4";
    private static readonly byte[] Defaults = [90, 85, 10, 120, 140, 50, 40, 10];

    private static (SimulatedWearable Board, SimulatedPhone Phone, BleLink Link) Boot(WearerScenario scenario, SimulatedWearable? previous = null)
    {
        var board = new SimulatedWearable(scenario, flash: previous?.Flash, keys: previous?.Keys, settingsFlash: previous?.SettingsFlash);
        Assert.True(board.Boot());
        var phone = board.NewPhone("phone", [0x5A, 0x3E, 0x10, 0x22, 0x07, 0x91]);
        var link = new BleLink(board.Server, board.Clock, null);
        phone.StartHealthSession(link);
        Assert.Equal(0, phone.Write("2a2b", PhoneDecoders.EncodeCurrentTime(new DateTime(2026, 11, 24, 9, 30, 0))));
        return (board, phone, link);
    }

    private static List<byte[]> ValuesOf(SimulatedPhone phone, string uuid) =>
        phone.Received.Where(r => r.Handle == phone.Find(uuid).ValueHandle).Select(r => r.Value).ToList();

    [Fact]
    public void The_phone_reads_the_alarm_status_and_is_told_of_every_change()
    {
        var (board, phone, _) = Boot(WearerScenario.Desaturation(seed: 1));
        Assert.Equal(0, PhoneDecoders.DecodeAlarmStatus(phone.Read(Status)).Highest);

        board.RunUntil(55);
        var status = PhoneDecoders.DecodeAlarmStatus(phone.Read(Status));
        Assert.Equal(2, status.Highest);
        Assert.Equal(1, status.Running);             // SpO2 low is condition 1, bit 0
        Assert.Equal(2, status.PriorityOf(1));

        board.RunUntil(170);
        var indicated = ValuesOf(phone, Status).Select(PhoneDecoders.DecodeAlarmStatus).ToList();
        // started (medium), escalated (high), ended and latched, acknowledged: four changes, four indications.
        Assert.Equal([2, 3, 3, 0], indicated.Select(s => s.Highest));
        Assert.Equal([1, 1, 0, 0], indicated.Select(s => s.Running));
        Assert.Equal([0, 0, 1, 0], indicated.Select(s => s.LatchedConditions));
        Assert.True(phone.Received.Where(r => r.Handle == phone.Find(Status).ValueHandle).All(r => r.Indication));
    }

    [Fact]
    public void The_pause_shows_with_its_countdown()
    {
        var (board, phone, _) = Boot(WearerScenario.TachycardiaAtRest(seed: 1));
        board.RunUntil(80);
        var status = PhoneDecoders.DecodeAlarmStatus(phone.Read(Status));
        Assert.True(status.AudioPaused);
        Assert.Equal(2, status.Paused);              // pulse rate high is condition 2, bit 1
        Assert.InRange(status.PauseSecondsLeft, 109, 111); // paused at 70 s for 120 s; refreshed once a second
    }

    [Fact]
    public void Limits_read_as_the_defaults_and_a_bonded_write_within_bounds_applies_is_logged_and_survives_a_reboot()
    {
        var (board, phone, _) = Boot(new WearerScenario(seed: 3).Sit(30).Desaturate(60, 91));
        Assert.Equal(Defaults, phone.Read(Settings));

        byte[] wanted = [92, 86, 5, 130, 150, 45, 35, 20];
        Assert.Equal(0, phone.Write(Settings, wanted));
        Assert.Equal(wanted, phone.Read(Settings));
        Assert.Equal(92, board.App.AlarmSettings.SpO2MediumPercent);
        Assert.Single(board.AlarmLog.Events, e => e.Kind == AlarmEventKind.SettingsChanged);

        board.RunUntil(90); // SpO2 drifts to 91 %: below the new 92 % limit only
        Assert.Equal(AlarmPriority.Medium, board.App.Alarms.PriorityOf(AlarmCondition.SpO2Low));

        var (rebooted, phone2, _) = Boot(new WearerScenario(seed: 3).Sit(10), board);
        Assert.True(rebooted.App.AlarmBridge.SettingsRestored);
        Assert.Equal(20, rebooted.App.AlarmSettings.PulseDelaySeconds);
        Assert.Equal(wanted, phone2.Read(Settings));
    }

    [Fact]
    public void A_factory_reset_takes_the_limits_back_to_the_defaults()
    {
        var (board, phone, _) = Boot(new WearerScenario(seed: 3).Sit(10));
        Assert.Equal(0, phone.Write(Settings, [92, 86, 5, 130, 150, 45, 35, 20]));
        Assert.True(board.FactoryReset());

        var rebooted = new SimulatedWearable(new WearerScenario(seed: 3).Sit(10), flash: board.Flash, keys: board.Keys, settingsFlash: board.SettingsFlash);
        Assert.False(rebooted.App.AlarmBridge.SettingsRestored);
        Assert.Equal(AlarmSettings.DefaultSpO2MediumPercent, rebooted.App.AlarmSettings.SpO2MediumPercent);
    }

    [Theory]
    [InlineData(new byte[] { 84, 85, 10, 120, 140, 50, 40, 10 })]  // SpO2 medium below its bound
    [InlineData(new byte[] { 90, 90, 10, 120, 140, 50, 40, 10 })]  // high tier not below the medium one
    [InlineData(new byte[] { 90, 85, 31, 120, 140, 50, 40, 10 })]  // delay too long
    [InlineData(new byte[] { 90, 85, 10, 120, 140, 50, 40, 0 })]   // no delay
    [InlineData(new byte[] { 90, 85, 10, 181, 200, 50, 40, 10 })]
    public void A_write_outside_the_bounds_is_out_of_range_and_changes_nothing(byte[] value)
    {
        var (board, phone, _) = Boot(new WearerScenario(seed: 3).Sit(10));
        Assert.Equal(AttErrorCode.OutOfRange, phone.Write(Settings, value));
        Assert.Equal(Defaults, phone.Read(Settings));
        Assert.Equal(AlarmSettings.DefaultSpO2MediumPercent, board.App.AlarmSettings.SpO2MediumPercent);
        Assert.Equal(new int[SimulatedWearable.SettingsSegments], board.SettingsFlash.EraseCounts);
        Assert.DoesNotContain(board.AlarmLog.Events, e => e.Kind == AlarmEventKind.SettingsChanged);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(0)]
    public void A_write_of_the_wrong_length_is_refused(int length)
    {
        var (board, phone, _) = Boot(new WearerScenario(seed: 3).Sit(10));
        Assert.Equal(AttErrorCode.InvalidAttributeValueLength, phone.Write(Settings, Defaults.Concat(new byte[8]).Take(length).ToArray()));
        Assert.Equal(new int[SimulatedWearable.SettingsSegments], board.SettingsFlash.EraseCounts);
    }

    [Fact]
    public void Only_a_bonded_phone_on_an_authenticated_link_may_change_the_limits()
    {
        var board = new SimulatedWearable(new WearerScenario(seed: 3).Sit(10));
        board.Boot();
        var phone = board.NewPhone("stranger", [0x5A, 0x3E, 0x10, 0x22, 0x07, 0x92]);
        var link = new BleLink(board.Server, board.Clock, null);
        phone.Connect(link);
        phone.DiscoverAll();
        ushort handle = phone.Find(Settings).ValueHandle;
        byte[] wanted = [92, 86, 5, 130, 150, 45, 35, 20];
        Assert.Equal(AttErrorCode.InsufficientAuthentication, phone.WriteRaw(handle, wanted));   // not paired
        Assert.True(phone.Pair(bond: false).Authenticated);                                         // authenticated, not bonded
        Assert.Equal(AttErrorCode.InsufficientAuthentication, phone.WriteRaw(handle, wanted));
        Assert.Equal(AlarmSettings.DefaultSpO2MediumPercent, board.App.AlarmSettings.SpO2MediumPercent);
        Assert.True(phone.Pair(bond: true).Bonded);
        Assert.Equal(0, phone.WriteRaw(handle, wanted));
        Assert.Equal(92, board.App.AlarmSettings.SpO2MediumPercent);
    }

    [Fact]
    public void A_failing_settings_flash_rejects_the_write_and_keeps_the_old_limits()
    {
        var (board, phone, _) = Boot(new WearerScenario(seed: 3).Sit(10));
        board.SettingsFlash.WriteFailureProbability = 1;
        Assert.Equal(AttErrorCode.WriteRequestRejected, phone.Write(Settings, [92, 86, 5, 130, 150, 45, 35, 20]));
        Assert.Equal(Defaults, phone.Read(Settings));
        Assert.Equal(AlarmSettings.DefaultSpO2MediumPercent, board.App.AlarmSettings.SpO2MediumPercent);
    }

    [Fact]
    public void Losing_the_phone_during_an_spo2_alarm_raises_link_lost_and_its_return_ends_it()
    {
        var (board, phone, link) = Boot(WearerScenario.Desaturation(seed: 1));
        board.RunUntil(60);
        Assert.True(board.App.Alarms.IsActive(AlarmCondition.SpO2Low));
        phone.Disconnect();
        double lost = board.Clock.NowMicroseconds / 1e6; // the next tick sees it
        board.RunUntil(80);
        double? raised = board.AlarmLog.FirstAt(AlarmCondition.LinkLost, AlarmPriority.Medium);
        Assert.NotNull(raised);
        // The delay, then at most the once-a-second evaluation and one tick.
        double tick = new WearableFirmware.Application.ApplicationSettings().Loop.PeriodMicroseconds / 1e6;
        Assert.InRange(raised!.Value - lost, AlarmSettings.LinkLostDelaySeconds, AlarmSettings.LinkLostDelaySeconds + 1 + tick);

        Assert.True(phone.Reconnect(link));
        board.RunUntil(82);
        Assert.False(board.App.Alarms.IsActive(AlarmCondition.LinkLost));
        Assert.Single(board.AlarmLog.Of(AlarmCondition.LinkLost, AlarmEventKind.Ended));
    }

    [Fact]
    public void Every_stored_alarm_event_is_fetched_with_the_record_access_procedures()
    {
        var (board, phone, _) = Boot(WearerScenario.Desaturation(seed: 1));
        board.RunUntil(170);
        int before = phone.Received.Count;

        Assert.Equal(0, phone.Write(Racp, [0x04, 0x01]));                      // number of stored records
        board.RunTicks(3);
        Assert.Equal(new byte[] { 0x05, 0x00, 0x04, 0x00 }, ValuesOf(phone, Racp).Last());

        Assert.Equal(0, phone.Write(Racp, [0x01, 0x01]));                      // report all
        board.RunTicks(20);
        var records = ValuesOf(phone, Record).Select(PhoneDecoders.DecodeAlarmRecord).ToList();
        Assert.Equal([1, 2, 4, 5], records.Select(r => r.Kind));
        Assert.All(records.Take(3), r => Assert.Equal(1, r.Condition));
        Assert.Equal([2, 3, 3], records.Take(3).Select(r => r.Priority));
        Assert.True(records[2].Latched);
        Assert.Equal(90, records[0].Limit);
        Assert.InRange(records[0].Value, 80, 90);
        Assert.True(records.All(r => r.CalendarTime));                           // the phone set the clock
        Assert.Equal(new byte[] { 0x06, 0x00, 0x01, 0x01 }, ValuesOf(phone, Racp).Last());
        Assert.Equal(board.AlarmLog.Events.Count, records.Count);

        // Only what came after the last one: the sequence filter, as for spot-checks.
        Assert.Equal(0, phone.Write(Racp, [0x01, 0x03, 0x01, .. BitConverter.GetBytes(records[^1].Number + 1)]));
        board.RunTicks(3);
        Assert.Equal(new byte[] { 0x06, 0x00, 0x01, 0x06 }, ValuesOf(phone, Racp).Last()); // no records found
        Assert.True(phone.Received.Count > before);
    }

    [Fact]
    public void Malformed_record_access_requests_get_the_right_codes()
    {
        var (board, phone, _) = Boot(new WearerScenario(seed: 3).Sit(10));
        Assert.Equal(AttErrorCode.InvalidAttributeValueLength, phone.Write(Racp, [0x01]));
        Assert.Equal(AttErrorCode.InvalidAttributeValueLength, phone.Write(Racp, new byte[18]));
        Assert.Equal(0, phone.Write(Racp, [0x01, 0x00]));                      // null operator
        board.RunTicks(2);
        Assert.Equal(new byte[] { 0x06, 0x00, 0x01, 0x03 }, ValuesOf(phone, Racp).Last());
        Assert.Equal(0, phone.Write(Racp, [0x01, 0x07]));                      // unknown operator
        board.RunTicks(2);
        Assert.Equal(new byte[] { 0x06, 0x00, 0x01, 0x04 }, ValuesOf(phone, Racp).Last());
        Assert.Equal(0, phone.Write(Racp, [0x09, 0x01]));                      // unknown op code
        board.RunTicks(2);
        Assert.Equal(new byte[] { 0x06, 0x00, 0x09, 0x02 }, ValuesOf(phone, Racp).Last());
        Assert.Equal(0, phone.Write(Racp, [0x01, 0x01]));                      // nothing stored yet
        board.RunTicks(2);
        Assert.Equal(new byte[] { 0x06, 0x00, 0x01, 0x06 }, ValuesOf(phone, Racp).Last());

        Assert.Equal(0, phone.Unsubscribe(Racp));
        Assert.Equal(AttErrorCode.CccdImproperlyConfigured, phone.Write(Racp, [0x01, 0x01]));
    }
}
