using WearableFirmware.Application;
using WearableFirmware.Ble;
using WearableFirmware.Falls;
using WearableFirmware.Storage;
using WearableFirmware.Tests.Falls;
using WearableFirmware.Tests.Storage;
using Xunit;

namespace WearableFirmware.Tests.Application;

/// <summary>The fall alert bridge between the state machine, the record store and the Fall Alert service.</summary>
public class FallAlertBridgeTests
{
    private const long Second = 1_000_000;

    private readonly StoreRig _rig = new(segments: 4, segmentSize: 512);
    private readonly FallAlertService _service = new();
    private readonly Falls.RecordingAlarm _alarm = new();

    private (FallAlertBridge Bridge, FallAlertStateMachine Alerts) Boot(FallAlertSettings? settings = null)
    {
        var alarm = _alarm;
        var bridge = new FallAlertBridge(_service, _rig.Store, _rig.WallClock, alarm, _rig.Clock) { IsConnected = true };
        var alerts = new FallAlertStateMachine(settings ?? new FallAlertSettings(), alarm, bridge, bridge);
        bridge.Attach(alerts);
        return (bridge, alerts);
    }

    [Fact]
    public void After_a_restart_new_alerts_are_numbered_after_the_latest_stored_id_even_across_the_wrap()
    {
        var (_, alerts) = Boot();
        alerts.ContinueNumberingAfter(65533);
        for (int i = 0; i < 3; i++)
        {
            alerts.OnManualEmergency((2 * i + 1) * Second); // ids 65534, 65535, then 1
            Assert.True(alerts.OnAcknowledged((2 * i + 2) * Second, alerts.OldestPending.Sequence));
        }

        _rig.Reboot();
        var (bridge, restarted) = Boot();
        Assert.Equal(0, bridge.RestorePending()); // all acknowledged

        restarted.OnManualEmergency(Second);

        // Id 1 is already in the store and on the phone; 65536 does not fit the 16-bit field.
        Assert.Equal(2, restarted.OldestPending.Sequence);
    }

    [Fact]
    public void More_unacknowledged_alerts_than_the_queue_holds_restore_the_newest_as_the_queue_itself_keeps_them()
    {
        var (bridge, alerts) = Boot();
        bridge.IsConnected = false; // the phone is away: nothing is acknowledged
        for (int i = 1; i <= 10; i++)
        {
            alerts.OnManualEmergency(i * Second);
        }

        Assert.Equal(3, alerts.OldestPending.Sequence); // full queue of 8: the two oldest dropped

        _rig.Reboot();
        var (restartedBridge, restarted) = Boot();
        restartedBridge.RestorePending();

        Assert.Equal(8, restarted.PendingCount);
        Assert.Equal(3, restarted.OldestPending.Sequence); // the same eight as before the restart, newest included
        restarted.OnManualEmergency(Second);
        Assert.Equal(11, restarted.Current.Sequence);
    }

    [Fact]
    public void Cancel_from_the_phone_while_the_wearer_can_still_cancel_silences_the_alarm_and_nothing_is_confirmed()
    {
        _service.Notifier = new AcceptingNotifier();
        var (bridge, alerts) = Boot();
        alerts.OnSuspectedFall(Second, 3f, BodyPosture.Lying);
        bridge.Run(Second);
        int id = alerts.Current.Sequence;
        Assert.Equal(FallAlertWireState.Pending, _service.State);

        // "0x02 + event id = cancel": the wearer's phone says "I'm OK".
        Assert.Equal(AttErrorCode.Success, _service.Write(_service.AlertControl, new EncryptedLink(), [0x02, (byte)id, (byte)(id >> 8)], 0, 3));

        Assert.False(_alarm.Sounding);
        alerts.Update(40 * Second); // past the 30 s window
        bridge.Run(40 * Second);
        Assert.Equal(0, alerts.PendingCount);
        Assert.Equal(FallAlertWireState.Idle, _service.State);
    }

    [Fact]
    public void Acknowledging_an_alert_the_wearer_can_still_cancel_is_refused_instead_of_being_lost()
    {
        _service.Notifier = new AcceptingNotifier();
        var (bridge, alerts) = Boot();
        alerts.OnSuspectedFall(Second, 3f, BodyPosture.Lying);
        bridge.Run(Second);
        int id = alerts.Current.Sequence;

        // Only a raised alarm can be acknowledged (Alert State 2); the state machine has nothing to acknowledge yet.
        Assert.Equal(AttErrorCode.FallAlertInvalidState,
            _service.Write(_service.AlertControl, new EncryptedLink(), [0x01, (byte)id, (byte)(id >> 8)], 0, 3));
        Assert.Equal(FallAlertWireState.Pending, _service.State);

        alerts.Update(40 * Second); // confirmed and sent: now the acknowledgement is taken
        bridge.Run(40 * Second);
        Assert.Equal(AttErrorCode.Success, _service.Write(_service.AlertControl, new EncryptedLink(), [0x01, (byte)id, (byte)(id >> 8)], 0, 3));
        Assert.Equal(0, alerts.PendingCount);
    }

    [Fact]
    public void An_acknowledgement_whose_record_cannot_be_written_still_settles_the_alert_so_a_restart_does_not_resend_it()
    {
        var (bridge, alerts) = Boot();
        alerts.OnManualEmergency(Second);
        int id = alerts.OldestPending.Sequence;

        _rig.Flash.FailNextWrites(2); // both attempts to append the acknowledgement record fail (neither lands whole)
        Assert.True(alerts.OnAcknowledged(2 * Second, id));
        Assert.Equal(1, bridge.StoreFailures);

        _rig.Reboot();
        var (restartedBridge, restarted) = Boot();
        Assert.Equal(0, restartedBridge.RestorePending()); // the phone has it: nothing to send again
        Assert.Equal(0, restarted.PendingCount);
    }

    [Fact]
    public void An_alert_awaiting_acknowledgement_can_be_acknowledged_while_a_later_fall_is_in_its_cancel_window()
    {
        _service.Notifier = new AcceptingNotifier();
        var (bridge, alerts) = Boot();
        alerts.OnManualEmergency(Second); // alert 1: raised and indicated
        bridge.Run(Second);
        alerts.OnSuspectedFall(2 * Second, 3f, BodyPosture.Lying); // alert 2: Alert State shows it pending
        bridge.Run(2 * Second);

        // The caregiver answers alert 1, which the phone received as an alarm.
        Assert.Equal(AttErrorCode.Success, _service.Write(_service.AlertControl, new EncryptedLink(), [0x01, 1, 0], 0, 3));

        Assert.Equal(0, alerts.PendingCount);
        Assert.Equal(FallAlertWireState.Pending, _service.State); // alert 2 is still the wearer's to cancel
        Assert.Equal(2, _service.ActiveEventId);
    }

    [Fact]
    public void The_test_alarm_ends_after_3_s_and_the_alert_state_returns_to_idle_so_the_next_test_is_accepted()
    {
        var (bridge, _) = Boot();
        Assert.Equal(AttErrorCode.Success, _service.Write(_service.AlertControl, new EncryptedLink(), [0x03], 0, 1));
        Assert.True(_alarm.Sounding);

        _rig.Clock.Advance(FallAlertBridge.TestAlarmMicroseconds);
        bridge.Run(_rig.Clock.NowMicroseconds);

        Assert.False(_alarm.Sounding);
        Assert.Equal(FallAlertWireState.Idle, _service.State); // no test runs any more; the phone must not be told one does
        Assert.Equal(AttErrorCode.Success, _service.Write(_service.AlertControl, new EncryptedLink(), [0x03], 0, 1));
    }

    [Fact]
    public void A_test_alarm_is_accepted_once_the_last_alert_was_acknowledged_and_refused_while_one_is_open()
    {
        var (bridge, alerts) = Boot();
        alerts.OnManualEmergency(Second); // confirmed at once and indicated: Alarm
        int id = alerts.OldestPending.Sequence;
        Assert.Equal(FallAlertWireState.Alarm, _service.State);
        Assert.Equal(AttErrorCode.FallAlertInvalidState, _service.Write(_service.AlertControl, new EncryptedLink(), [0x03], 0, 1));

        Assert.Equal(AttErrorCode.Success, _service.Write(_service.AlertControl, new EncryptedLink(), [0x01, (byte)id, (byte)(id >> 8)], 0, 3));
        Assert.Equal(0, alerts.PendingCount);
        bridge.Run(2 * Second);

        // Handled: nothing is open, so the caregiver may test the buzzer again.
        Assert.Equal(AttErrorCode.Success, _service.Write(_service.AlertControl, new EncryptedLink(), [0x03], 0, 1));
        Assert.Equal(FallAlertWireState.Test, _service.State);
    }

    [Fact]
    public void A_fall_cancelled_while_an_earlier_alert_awaits_its_acknowledgement_leaves_that_alert_shown_and_acknowledgeable()
    {
        _service.Notifier = new AcceptingNotifier();
        var (bridge, alerts) = Boot();
        alerts.OnManualEmergency(Second); // alert 1: confirmed and indicated
        bridge.Run(Second);
        alerts.OnSuspectedFall(2 * Second, 3f, BodyPosture.Lying); // alert 2: the wearer can still cancel
        bridge.Run(2 * Second);
        Assert.Equal(FallAlertWireState.Pending, _service.State);

        Assert.True(alerts.OnCancel(3 * Second, CancelSource.DoubleTap));
        alerts.Update(3 * Second);
        bridge.Run(3 * Second);

        // Alert 1 is still unanswered: the phone must see it, and its acknowledgement must be taken.
        Assert.Equal(FallAlertWireState.Alarm, _service.State);
        Assert.Equal(1, _service.ActiveEventId);
        Assert.Equal(AttErrorCode.Success, _service.Write(_service.AlertControl, new EncryptedLink(), [0x01, 1, 0], 0, 3));
        Assert.Equal(0, alerts.PendingCount);
    }

    [Fact]
    public void A_fall_confirmed_behind_an_unacknowledged_alert_is_not_shown_as_still_cancellable()
    {
        _service.Notifier = new AcceptingNotifier();
        var (bridge, alerts) = Boot(new FallAlertSettings { AcknowledgeTimeoutSeconds = 60 }); // no resend meanwhile
        alerts.OnManualEmergency(Second); // alert 1: confirmed and indicated
        bridge.Run(Second);
        alerts.OnSuspectedFall(2 * Second, 3f, BodyPosture.Lying); // alert 2
        bridge.Run(2 * Second);

        alerts.Update(32 * Second); // alert 2's 30 s window ran out: confirmed, queued behind alert 1
        bridge.Run(32 * Second);

        Assert.Equal(2, alerts.PendingCount);
        Assert.NotEqual(FallAlertWireState.Pending, _service.State);
        Assert.Equal(AttErrorCode.Success, _service.Write(_service.AlertControl, new EncryptedLink(), [0x01, 1, 0], 0, 3));
        Assert.Equal(FallAlertWireState.Alarm, _service.State); // alert 2 went out next
        Assert.Equal(2, _service.ActiveEventId);
    }

    [Fact]
    public void Retrying_a_fall_event_the_link_cannot_take_does_not_renotify_an_unchanged_alert_state()
    {
        // A phone that watches Alert State but has not enabled Fall Event indications (or whose indication queue is
        // full): the state machine retries the event every tick; the state changed once and is notified once.
        var notifier = new StateOnlyNotifier(_service);
        _service.Notifier = notifier;
        var (bridge, alerts) = Boot();
        alerts.OnManualEmergency(Second);
        for (long t = Second; t < 3 * Second; t += 40_000) // 50 loop ticks
        {
            alerts.Update(t);
            bridge.Run(t);
        }

        Assert.Equal(1, alerts.PendingCount);
        Assert.Equal(FallAlertWireState.Alarm, _service.State);
        Assert.Equal(1, notifier.AlertStateNotifications);
    }

    [Fact]
    public void A_double_tap_and_a_long_press_in_the_same_tick_tell_the_phone_both_the_cancellation_and_the_emergency()
    {
        var events = new FallEventRecorder(_service);
        _service.Notifier = events;
        var (bridge, alerts) = Boot();
        alerts.OnSuspectedFall(Second, 3f, BodyPosture.Lying); // alert 1: the wearer may still cancel
        bridge.Run(Second);

        // Within one tick: the wearer taps "I'm OK" twice and then holds the button for help.
        alerts.OnCancel(2 * Second, CancelSource.DoubleTap);
        alerts.OnManualEmergency(2 * Second);
        alerts.Update(2 * Second);
        bridge.Run(2 * Second);

        Assert.Equal(new[] { (1, FallEventKind.Detected), (1, FallEventKind.Cancelled), (2, FallEventKind.Manual) },
            events.Sent.OrderBy(e => e.Id).ThenBy(e => e.Kind).ToArray());
    }

    [Fact]
    public void A_cancellation_and_a_new_fall_in_the_same_tick_show_the_new_fall_as_cancellable()
    {
        var events = new FallEventRecorder(_service);
        _service.Notifier = events;
        var (bridge, alerts) = Boot();
        alerts.OnSuspectedFall(Second, 3f, BodyPosture.Lying);
        bridge.Run(Second);

        alerts.OnCancel(2 * Second, CancelSource.Button);
        alerts.OnSuspectedFall(2 * Second, 2.5f, BodyPosture.Lying); // alert 2 opens its own window in the same tick
        alerts.Update(2 * Second);
        bridge.Run(2 * Second);

        Assert.Equal(new[] { (1, FallEventKind.Detected), (1, FallEventKind.Cancelled), (2, FallEventKind.Detected) },
            events.Sent.OrderBy(e => e.Id).ThenBy(e => e.Kind).ToArray());
        Assert.Equal(FallAlertWireState.Pending, _service.State);
        Assert.Equal(2, _service.ActiveEventId);
    }

    [Theory]
    [InlineData(false, FallAlertService.EventFlagEarlierBoot)]
    [InlineData(true, FallAlertService.EventFlagCalendarTime)]
    public void An_alert_from_before_a_restart_says_whether_its_time_is_calendar_time_or_the_earlier_boots_uptime(bool clockSet, int flags)
    {
        var (bridge, alerts) = Boot();
        bridge.IsConnected = false; // nobody acknowledges before the restart
        if (clockSet)
        {
            _rig.WallClock.Set(1_795_527_930);
        }

        _rig.Clock.Advance(3725 * Second);
        alerts.OnManualEmergency(_rig.Clock.NowMicroseconds);

        _rig.Reboot();
        var events = new FallEventRecorder(_service);
        _service.Notifier = events;
        var (restartedBridge, restarted) = Boot();
        Assert.Equal(1, restartedBridge.RestorePending());
        restarted.OnPhoneConnected(Second);

        byte[] frame = Assert.Single(events.Frames);
        Assert.Equal(flags, frame[3]);
        uint time = (uint)(frame[4] | (frame[5] << 8) | (frame[6] << 16) | (frame[7] << 24));
        Assert.Equal(clockSet ? 1_795_527_930u + 3725u : 3725u, time); // as stored, not this boot's uptime
    }

    /// <summary>Takes every indication; keeps each Fall Event frame sent.</summary>
    private sealed class FallEventRecorder(FallAlertService service) : IGattNotifier
    {
        public List<byte[]> Frames { get; } = new();

        /// <summary>(event id, kind) of each frame.</summary>
        public List<(int Id, FallEventKind Kind)> Sent => Frames.Select(f => (f[0] | (f[1] << 8), (FallEventKind)f[2])).ToList();

        public int MaxPayloadLength(GattCharacteristic characteristic) => 20;


        public bool SendTo(IGattLink link, GattCharacteristic characteristic, byte[] value, int length) => Send(characteristic, value, length);

        public bool Send(GattCharacteristic characteristic, byte[] value, int length)
        {
            if (characteristic == service.FallEvent)
            {
                Frames.Add(value[..length]);
            }

            return true;
        }
    }

    private sealed class StateOnlyNotifier(FallAlertService service) : IGattNotifier
    {
        public int AlertStateNotifications { get; private set; }

        public int MaxPayloadLength(GattCharacteristic characteristic) => 20;


        public bool SendTo(IGattLink link, GattCharacteristic characteristic, byte[] value, int length) => Send(characteristic, value, length);

        public bool Send(GattCharacteristic characteristic, byte[] value, int length)
        {
            if (characteristic != service.AlertState)
            {
                return false;
            }

            AlertStateNotifications++;
            return true;
        }
    }

    private sealed class AcceptingNotifier : IGattNotifier
    {
        public int MaxPayloadLength(GattCharacteristic characteristic) => 20;

        public bool SendTo(IGattLink link, GattCharacteristic characteristic, byte[] value, int length) => Send(characteristic, value, length);

        public bool Send(GattCharacteristic characteristic, byte[] value, int length) => true;
    }

    private sealed class EncryptedLink : IGattLink
    {
        public GattSecurity Security => GattSecurity.Encrypted;

        public bool IsBonded => true;

        public bool IsSubscribed(GattCharacteristic characteristic) => true;
    }
}
