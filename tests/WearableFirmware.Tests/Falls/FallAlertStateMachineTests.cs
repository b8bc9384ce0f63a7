using WearableFirmware.Falls;
using Xunit;

namespace WearableFirmware.Tests.Falls;

public class FallAlertStateMachineTests
{
    private const long Second = 1_000_000;

    private readonly RecordingAlarm _alarm = new();
    private readonly RecordingPhone _phone = new() { IsConnected = true };
    private readonly RecordingSink _records = new();

    private FallAlertStateMachine Create(FallAlertSettings? settings = null)
        => new(settings ?? new FallAlertSettings(), _alarm, _phone, _records);

    [Fact]
    public void Suspected_fall_sounds_the_alarm_and_opens_the_cancel_window()
    {
        FallAlertStateMachine alerts = Create();

        alerts.OnSuspectedFall(5 * Second, 4.2f, BodyPosture.Lying);

        Assert.Equal(LocalAlarmState.CancelWindow, alerts.State);
        Assert.True(_alarm.Sounding);
        Assert.Empty(_records.All);
        Assert.Empty(_phone.Sent);
        Assert.Equal(1, alerts.Current.Sequence);
    }

    [Theory]
    [InlineData(CancelSource.Button)]
    [InlineData(CancelSource.DoubleTap)]
    public void Cancel_within_the_window_silences_records_and_sends_nothing(CancelSource source)
    {
        FallAlertStateMachine alerts = Create();
        alerts.UpdateVitals(88, 96, true);
        alerts.OnSuspectedFall(5 * Second, 4.2f, BodyPosture.Lying);
        alerts.Update(34 * Second);

        Assert.True(alerts.OnCancel(34 * Second, source));

        Assert.Equal(LocalAlarmState.Idle, alerts.State);
        Assert.False(_alarm.Sounding);
        FallAlertEvent record = Assert.Single(_records.All);
        Assert.Equal(AlertOutcome.Cancelled, record.Outcome);
        Assert.Equal(source, record.CancelledBy);
        Assert.Equal(34 * Second, record.OutcomeAtMicroseconds);
        Assert.Equal(88, record.HeartRateBpm);
        alerts.Update(100 * Second);
        Assert.Empty(_phone.Sent);
        Assert.Equal(0, alerts.PendingCount);
    }

    [Fact]
    public void Alert_ids_wrap_from_65535_to_1_because_the_phone_sees_them_as_uint16_and_0_is_the_test_alarm()
    {
        FallAlertStateMachine alerts = Create();
        alerts.ContinueNumberingAfter(65534);

        alerts.OnManualEmergency(Second);
        Assert.True(alerts.OnAcknowledged(2 * Second, 65535));
        alerts.OnManualEmergency(3 * Second);

        Assert.Equal([65535, 1], _phone.Sent.Select(a => a.Sequence));
        Assert.True(alerts.OnAcknowledged(4 * Second, 1)); // the id the phone reads back from the 16-bit field
        Assert.Equal(0, alerts.PendingCount);
    }

    [Fact]
    public void Numbering_continues_after_the_latest_id_across_the_wrap()
    {
        FallAlertStateMachine alerts = Create();
        alerts.ContinueNumberingAfter(65535); // ids used before the restart: ..., 65534, 65535
        alerts.ContinueNumberingAfter(2);     // ... then 1, 2 after the wrap: 2 is the latest
        alerts.ContinueNumberingAfter(65534); // older than 2 in serial order: ignored

        alerts.OnManualEmergency(Second);

        Assert.Equal(3, Assert.Single(_phone.Sent).Sequence);
    }

    [Fact]
    public void Cancel_with_no_alarm_does_nothing()
    {
        FallAlertStateMachine alerts = Create();

        Assert.False(alerts.OnCancel(Second, CancelSource.Button));
        Assert.Empty(_records.All);
    }

    [Fact]
    public void Window_running_out_confirms_with_impact_posture_and_latest_vitals_then_the_phone_acknowledges()
    {
        FallAlertStateMachine alerts = Create();
        alerts.UpdateVitals(70, 98, true);
        alerts.OnSuspectedFall(5 * Second, 4.2f, BodyPosture.Lying);
        alerts.UpdateVitals(112, 93, true); // vitals move during the window: the alert carries the latest

        alerts.Update(35 * Second - 1);
        Assert.Equal(LocalAlarmState.CancelWindow, alerts.State);
        alerts.Update(35 * Second);

        Assert.Equal(LocalAlarmState.Idle, alerts.State);
        Assert.False(_alarm.Sounding);
        FallAlertEvent sent = Assert.Single(_phone.Sent);
        Assert.Equal(AlertKind.Fall, sent.Kind);
        Assert.Equal(AlertOutcome.Confirmed, sent.Outcome);
        Assert.Equal(5 * Second, sent.RaisedAtMicroseconds);
        Assert.Equal(35 * Second, sent.OutcomeAtMicroseconds);
        Assert.Equal(4.2f, sent.ImpactG);
        Assert.Equal(BodyPosture.Lying, sent.Posture);
        Assert.Equal(112, sent.HeartRateBpm);
        Assert.Equal(93, sent.SpO2Percent);
        Assert.True(sent.VitalsValid);
        Assert.True(alerts.AwaitingAcknowledge);
        Assert.Equal(AlertOutcome.Confirmed, Assert.Single(_records.All).Outcome);

        Assert.False(alerts.OnAcknowledged(36 * Second, sent.Sequence + 1)); // wrong number: ignored
        Assert.True(alerts.OnAcknowledged(36 * Second, sent.Sequence));

        Assert.Equal(0, alerts.PendingCount);
        Assert.False(alerts.AwaitingAcknowledge);
        Assert.Equal(AlertOutcome.Acknowledged, _records.All[^1].Outcome);
        Assert.Equal(36 * Second, _records.All[^1].OutcomeAtMicroseconds);
    }

    [Fact]
    public void Alert_raised_with_no_phone_waits_and_is_delivered_on_connection()
    {
        _phone.IsConnected = false;
        FallAlertStateMachine alerts = Create();
        alerts.OnSuspectedFall(0, 3.5f, BodyPosture.Lying);
        alerts.Update(30 * Second);
        alerts.Update(600 * Second);

        Assert.Empty(_phone.Sent);
        Assert.Equal(1, alerts.PendingCount);

        _phone.IsConnected = true;
        alerts.OnPhoneConnected(900 * Second);

        Assert.Equal(1, Assert.Single(_phone.Sent).Sequence);
        Assert.True(alerts.OnAcknowledged(901 * Second, 1));
        Assert.Equal(0, alerts.PendingCount);
    }

    [Fact]
    public void Second_fall_in_the_cancel_window_joins_the_alert_without_extending_it()
    {
        FallAlertStateMachine alerts = Create();
        alerts.OnSuspectedFall(0, 2.5f, BodyPosture.Inclined);
        alerts.OnSuspectedFall(10 * Second, 5.0f, BodyPosture.Lying);

        Assert.Equal(1, _alarm.Starts);
        alerts.Update(30 * Second);

        FallAlertEvent sent = Assert.Single(_phone.Sent);
        Assert.Equal(2, sent.FallCount);
        Assert.Equal(5.0f, sent.ImpactG);
        Assert.Equal(BodyPosture.Lying, sent.Posture);
        Assert.Equal(30 * Second, sent.OutcomeAtMicroseconds);
    }

    [Fact]
    public void Second_fall_while_the_first_awaits_acknowledgement_is_a_new_alert_queued_behind_it()
    {
        FallAlertStateMachine alerts = Create(new FallAlertSettings { AcknowledgeTimeoutSeconds = 120 });
        alerts.OnSuspectedFall(0, 3f, BodyPosture.Lying);
        alerts.Update(30 * Second);
        alerts.OnSuspectedFall(40 * Second, 4f, BodyPosture.Lying);

        Assert.Equal(LocalAlarmState.CancelWindow, alerts.State);
        Assert.Equal(2, alerts.Current.Sequence);
        alerts.Update(70 * Second);
        Assert.Equal(2, alerts.PendingCount);
        Assert.Single(_phone.Sent); // one in flight at a time

        Assert.True(alerts.OnAcknowledged(71 * Second, 1));
        Assert.Equal(2, _phone.Sent[^1].Sequence);
        Assert.True(alerts.OnAcknowledged(72 * Second, 2));
        Assert.Equal(0, alerts.PendingCount);
    }

    [Fact]
    public void Manual_emergency_confirms_at_once_through_the_same_path()
    {
        FallAlertStateMachine alerts = Create();
        alerts.UpdateVitals(0, 0, false);

        alerts.OnManualEmergency(7 * Second);

        Assert.Equal(0, _alarm.Starts);
        FallAlertEvent sent = Assert.Single(_phone.Sent);
        Assert.Equal(AlertKind.ManualEmergency, sent.Kind);
        Assert.Equal(0f, sent.ImpactG);
        Assert.False(sent.VitalsValid);
        Assert.True(alerts.OnAcknowledged(8 * Second, sent.Sequence));
        Assert.Equal([AlertOutcome.Confirmed, AlertOutcome.Acknowledged], _records.All.Select(r => r.Outcome));
    }

    [Fact]
    public void Manual_emergency_with_a_configured_window_can_be_cancelled()
    {
        FallAlertStateMachine alerts = Create(new FallAlertSettings { ManualCancelWindowSeconds = 5 });

        alerts.OnManualEmergency(0);
        Assert.Equal(LocalAlarmState.CancelWindow, alerts.State);
        Assert.True(alerts.OnCancel(2 * Second, CancelSource.Button));

        Assert.Empty(_phone.Sent);
        Assert.Equal(AlertKind.ManualEmergency, Assert.Single(_records.All).Kind);
    }

    [Fact]
    public void Long_press_during_a_fall_window_confirms_that_fall_now()
    {
        FallAlertStateMachine alerts = Create();
        alerts.OnSuspectedFall(0, 3f, BodyPosture.Lying);

        alerts.OnManualEmergency(4 * Second);

        Assert.False(_alarm.Sounding);
        FallAlertEvent sent = Assert.Single(_phone.Sent);
        Assert.Equal(AlertKind.Fall, sent.Kind);
        Assert.Equal(4 * Second, sent.OutcomeAtMicroseconds);
    }

    [Fact]
    public void Disconnect_while_in_flight_resends_on_the_next_connection()
    {
        FallAlertStateMachine alerts = Create();
        alerts.OnManualEmergency(0);
        _phone.IsConnected = false;
        alerts.OnPhoneDisconnected();
        alerts.Update(Second);

        _phone.IsConnected = true;
        alerts.OnPhoneConnected(2 * Second);

        Assert.Equal(2, _phone.Sent.Count);
        Assert.Equal(_phone.Sent[0].Sequence, _phone.Sent[1].Sequence);
    }

    [Fact]
    public void Unacknowledged_alert_is_resent_after_the_timeout()
    {
        FallAlertStateMachine alerts = Create();
        alerts.OnManualEmergency(0);

        alerts.Update(10 * Second - 1);
        Assert.Single(_phone.Sent);
        alerts.Update(10 * Second);
        Assert.Equal(2, _phone.Sent.Count);
    }

    [Fact]
    public void Link_refusing_a_send_keeps_the_alert_and_retries_on_update()
    {
        _phone.Accepts = false;
        FallAlertStateMachine alerts = Create();
        alerts.OnManualEmergency(0);
        Assert.False(alerts.AwaitingAcknowledge);

        _phone.Accepts = true;
        alerts.Update(Second);

        Assert.Single(_phone.Sent);
        Assert.True(alerts.AwaitingAcknowledge);
    }

    [Fact]
    public void Full_queue_drops_the_oldest_and_counts_it()
    {
        _phone.IsConnected = false;
        FallAlertStateMachine alerts = Create(new FallAlertSettings { PendingCapacity = 2 });
        alerts.OnManualEmergency(1 * Second);
        alerts.OnManualEmergency(2 * Second);
        alerts.OnManualEmergency(3 * Second);

        Assert.Equal(1, alerts.DroppedCount);
        Assert.Equal(2, alerts.PendingCount);
        Assert.Equal(2, alerts.OldestPending.Sequence);

        _phone.IsConnected = true;
        alerts.OnPhoneConnected(4 * Second);
        Assert.True(alerts.OnAcknowledged(5 * Second, 2));
        Assert.True(alerts.OnAcknowledged(6 * Second, 3));
        Assert.Equal([2, 3], _phone.Sent.Select(s => s.Sequence));
        Assert.Equal(3, _records.All.Count(r => r.Outcome == AlertOutcome.Confirmed)); // the dropped one was recorded
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(new FallAlertSettings { PendingCapacity = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(new FallAlertSettings { CancelWindowSeconds = -1 }));
        Assert.Throws<ArgumentNullException>(() => new FallAlertStateMachine(new FallAlertSettings(), _alarm, null!, _records));
    }

    [Fact]
    public void Alert_cycles_allocate_nothing()
    {
        static (FallAlertStateMachine Alerts, AcceptingLink Link, CountingSink Sink, long Now) Build()
        {
            var sink = new CountingSink();
            var link = new AcceptingLink();
            var alerts = new FallAlertStateMachine(new FallAlertSettings(), new RecordingAlarm(), link, sink);
            long now = 0;
            RunCycle(alerts, link, ref now);
            return (alerts, link, sink, now);
        }

        long allocated = Allocation.Of(Build, s =>
        {
            long now = s.Now;
            for (int i = 0; i < 1000; i++)
            {
                RunCycle(s.Alerts, s.Link, ref now);
            }
        }, out var measured);

        Assert.Equal(0, allocated);
        Assert.Equal(1001 * 4, measured.Sink.Count); // per cycle: cancelled, confirmed, acknowledged, manual confirmed
    }

    private static void RunCycle(FallAlertStateMachine alerts, AcceptingLink link, ref long now)
    {
        alerts.OnSuspectedFall(now, 3f, BodyPosture.Lying);
        alerts.OnCancel(now + Second, CancelSource.DoubleTap);
        alerts.OnSuspectedFall(now + 2 * Second, 4f, BodyPosture.Lying);
        alerts.Update(now + 40 * Second);
        alerts.OnAcknowledged(now + 41 * Second, link.LastSequence);
        alerts.OnManualEmergency(now + 42 * Second);
        now += 50 * Second;
    }

    private sealed class CountingSink : IFallEventSink
    {
        public int Count { get; private set; }

        public void Record(FallAlertEvent alert) => Count++;
    }

    private sealed class AcceptingLink : IFallAlertLink
    {
        public bool IsConnected => true;

        public int LastSequence { get; private set; }

        public bool Send(FallAlertEvent alert)
        {
            LastSequence = alert.Sequence;
            return true;
        }
    }
}
