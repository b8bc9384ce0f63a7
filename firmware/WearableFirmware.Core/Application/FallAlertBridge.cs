using System;
using WearableFirmware.Ble;
using WearableFirmware.Drivers;
using WearableFirmware.Falls;
using WearableFirmware.Sampling;
using WearableFirmware.Storage;
using WearableFirmware.Time;

namespace WearableFirmware.Application
{
    /// <summary>
    /// Connects the fall alert state machine to the outside: confirmed alerts go to the phone on the Fall Alert
    /// service (indicated, resent by the state machine until acknowledged), every outcome is stored in the record
    /// store (layout: <see cref="FallRecordPayload"/>), the phone's acknowledge/cancel/test writes come back to the
    /// state machine, and the service's Alert State follows the local alarm (pending while the wearer can still
    /// cancel). Runs every tick in the publish phase.
    /// </summary>
    public sealed class FallAlertBridge : IFallAlertLink, IFallEventSink, IFallAlertListener, ILoopTask
    {
        /// <summary>How long the phone's "test alarm" sounds.</summary>
        public const long TestAlarmMicroseconds = 3000000;

        private readonly FallAlertService _service;
        private readonly RecordStore _store;
        private readonly WallClock _wallClock;
        private readonly IAlarmOutput _alarm;
        private readonly IClock _now;
        private const int RestoreCapacity = 8;

        private readonly byte[] _payload = new byte[FallRecordPayload.Length];
        private readonly StoredRecord _record = new StoredRecord();
        private readonly FallAlertEvent _restored = new FallAlertEvent();

        // A cancellation owed to the phone, kept apart: the state machine reuses its current alert for the next one,
        // which can open in the same tick (a double tap then a long press).
        private readonly FallAlertEvent _cancelled = new FallAlertEvent();
        private bool _cancelledOwed;
        private int _shownSequence = -1;

        // Calendar time of alerts restored from flash at boot (their uptime belongs to the previous run).
        private readonly int[] _restoredIds = new int[RestoreCapacity];
        private readonly long[] _restoredTimes = new long[RestoreCapacity];
        private readonly bool[] _restoredCalendar = new bool[RestoreCapacity];
        private int _restoredCount;
        private FallAlertStateMachine _alerts;
        private LocalAlarmState _lastState = LocalAlarmState.Idle;
        private long _testAlarmEnd = -1;

        public FallAlertBridge(FallAlertService service, RecordStore store, WallClock wallClock, IAlarmOutput alarm, IClock now)
        {
            _service = service;
            _store = store;
            _wallClock = wallClock;
            _alarm = alarm;
            _now = now;
            service.Listener = this;
        }

        /// <summary>Set by the application when a phone connects or disconnects.</summary>
        public bool IsConnected { get; set; }

        /// <summary>Alert records that could not be stored (store full or flash failing).</summary>
        public int StoreFailures { get; private set; }

        /// <summary>The state machine this bridge serves (set once, after both exist).</summary>
        public void Attach(FallAlertStateMachine alerts)
        {
            _alerts = alerts;
        }

        public bool Send(FallAlertEvent alert)
        {
            FallEventKind kind = alert.Kind == AlertKind.ManualEmergency ? FallEventKind.Manual : FallEventKind.Confirmed;
            return Report(alert, kind);
        }

        public void Record(FallAlertEvent alert)
        {
            FallRecordPayload.Write(_payload, alert);
            int stored = _store.Append(RecordType.Fall, _payload, 0, FallRecordPayload.Length);
            if (stored <= 0)
            {
                StoreFailures++;
            }

            if (alert.Outcome == AlertOutcome.Confirmed)
            {
                return; // owed to the phone until it acknowledges
            }

            if (alert.Outcome == AlertOutcome.Cancelled)
            {
                // Told to the phone in the publish phase (Run), like every other change of the alert.
                _cancelled.CopyFrom(alert);
                _cancelledOwed = true;
            }

            // Cancelled alarms and acknowledgements are history, not deliveries; an acknowledgement settles its alert,
            // even when its own record could not be written (else a restart would send the alert again).
            if (stored > 0)
            {
                _store.MarkDelivered(stored);
            }

            if (alert.Outcome == AlertOutcome.Acknowledged)
            {
                int confirmed = FindStoredAlert(alert.Sequence, AlertOutcome.Confirmed, true);
                if (confirmed > 0)
                {
                    _store.MarkDelivered(confirmed);
                }
            }
        }

        /// <summary>
        /// At boot: every confirmed alert the store holds that no phone acknowledged goes back to the state machine
        /// (delivered when a phone connects), and new alerts are numbered after the latest id stored (ids wrap, so
        /// the latest in serial-number order, not the largest).
        /// </summary>
        public int RestorePending()
        {
            int restored = 0;
            int latest = 0;
            for (int seq = _store.FindFirst(1, int.MaxValue, RecordType.Fall, false); seq > 0;
                seq = seq == int.MaxValue ? 0 : _store.FindFirst(seq + 1, int.MaxValue, RecordType.Fall, false))
            {
                if (!_store.TryRead(seq, _record) || !FallRecordPayload.IsComplete(_record))
                {
                    continue;
                }

                int id = FallRecordPayload.AlertId(_record);
                if (latest == 0 || FallAlertStateMachine.IsLaterSequence(id, latest))
                {
                    latest = id;
                }

                if (_record.Delivered || FallRecordPayload.Outcome(_record) != AlertOutcome.Confirmed)
                {
                    continue;
                }

                if (_restoredCount == RestoreCapacity)
                {
                    // Oldest first, like the queue: it drops the oldest for the newest, so the table does too.
                    Array.Copy(_restoredIds, 1, _restoredIds, 0, RestoreCapacity - 1);
                    Array.Copy(_restoredTimes, 1, _restoredTimes, 0, RestoreCapacity - 1);
                    Array.Copy(_restoredCalendar, 1, _restoredCalendar, 0, RestoreCapacity - 1);
                    _restoredCount--;
                }

                FallRecordPayload.ReadAlert(_record, _restored);
                _restored.Outcome = AlertOutcome.Confirmed;
                _restored.RaisedAtMicroseconds = -1;
                _restored.OutcomeAtMicroseconds = -1;
                _restored.FallCount = _restored.Kind == AlertKind.Fall ? 1 : 0;
                _restored.CancelledBy = CancelSource.None;
                _restoredIds[_restoredCount] = id;
                _restoredTimes[_restoredCount] = _record.Time;
                _restoredCalendar[_restoredCount] = _record.ClockSet;
                _restoredCount++;
                _alerts.Restore(_restored);
                restored++;
            }

            _alerts.ContinueNumberingAfter(latest);
            return restored;
        }

        public void OnAcknowledged(int eventId)
        {
            if (_alerts != null)
            {
                _alerts.OnAcknowledged(_now.NowMicroseconds, eventId);
            }
        }

        public void OnCancelled(int eventId)
        {
            if (eventId == 0)
            {
                StopTestAlarm();
            }
            else if (_alerts != null)
            {
                if (_alerts.State == LocalAlarmState.CancelWindow && _alerts.Current.Sequence == eventId)
                {
                    // Still in its cancel window: the phone cancels it as the wearer's button would.
                    _alerts.OnCancel(_now.NowMicroseconds, CancelSource.Phone);
                    return;
                }

                // A caregiver withdrew the alert from the phone: it has been handled, which is an acknowledgement.
                _alerts.OnAcknowledged(_now.NowMicroseconds, eventId);
            }
        }

        public bool IsAwaitingAcknowledge(int eventId)
        {
            FallAlertEvent owed = _alerts == null ? null : _alerts.OldestPending;
            return owed != null && owed.Sequence == eventId;
        }

        public void OnTestAlarm()
        {
            _alarm.Start();
            _testAlarmEnd = _now.NowMicroseconds + TestAlarmMicroseconds;
        }

        public void Run(long nowMicroseconds)
        {
            if (_testAlarmEnd >= 0 && nowMicroseconds >= _testAlarmEnd)
            {
                StopTestAlarm();
            }

            if (_cancelledOwed)
            {
                _cancelledOwed = false;
                Report(_cancelled, FallEventKind.Cancelled);
            }

            LocalAlarmState state = _alerts.State;
            FallAlertEvent current = _alerts.Current;
            bool newWindow = state == LocalAlarmState.CancelWindow && current.Sequence != _shownSequence;
            if (state == _lastState && !newWindow)
            {
                return;
            }

            if (state == LocalAlarmState.CancelWindow)
            {
                // The local alarm sounds: let a connected phone show "pending" at once.
                Report(current, current.Kind == AlertKind.ManualEmergency ? FallEventKind.Manual : FallEventKind.Detected);
                _shownSequence = current.Sequence;
            }
            else
            {
                // The window closed over an alert still owed to the phone (cancelled, or confirmed and queued behind
                // it): show that one again, or the phone would read Idle/Pending and its acknowledgement be refused.
                FallAlertEvent owed = _alerts.OldestPending;
                if (owed != null && _service.ActiveEventId != owed.Sequence)
                {
                    _service.ShowUnacknowledged(owed.Sequence);
                }
            }

            _lastState = state;
        }

        private bool Report(FallAlertEvent alert, FallEventKind kind)
        {
            int timeFlags;
            long time;
            int restored = RestoredIndex(alert.Sequence);
            if (alert.RaisedAtMicroseconds < 0 && restored >= 0)
            {
                // From before the restart: its uptime counts from that boot, not this one.
                timeFlags = _restoredCalendar[restored] ? FallAlertService.EventFlagCalendarTime : FallAlertService.EventFlagEarlierBoot;
                time = _restoredTimes[restored];
            }
            else
            {
                long ageSeconds = (_now.NowMicroseconds - alert.RaisedAtMicroseconds) / 1000000;
                bool calendar = _wallClock.IsSet;
                timeFlags = calendar ? FallAlertService.EventFlagCalendarTime : 0;
                time = calendar ? _wallClock.UnixSeconds - ageSeconds : alert.RaisedAtMicroseconds / 1000000;
            }

            float heartRate = alert.VitalsValid ? alert.HeartRateBpm : float.NaN;
            float spo2 = alert.VitalsValid ? alert.SpO2Percent : float.NaN;
            return _service.ReportEvent(alert.Sequence, kind, timeFlags, time, alert.ImpactG, ToFallPosture(alert.Posture), heartRate, spo2);
        }

        private int RestoredIndex(int id)
        {
            for (int i = 0; i < _restoredCount; i++)
            {
                if (_restoredIds[i] == id)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Sequence number of the stored record of alert <paramref name="id"/> with that outcome, or 0.</summary>
        private int FindStoredAlert(int id, AlertOutcome outcome, bool undeliveredOnly)
        {
            for (int seq = _store.FindFirst(1, int.MaxValue, RecordType.Fall, undeliveredOnly); seq > 0;
                seq = seq == int.MaxValue ? 0 : _store.FindFirst(seq + 1, int.MaxValue, RecordType.Fall, undeliveredOnly))
            {
                if (_store.TryRead(seq, _record) && FallRecordPayload.IsComplete(_record)
                    && FallRecordPayload.AlertId(_record) == id && FallRecordPayload.Outcome(_record) == outcome)
                {
                    return seq;
                }
            }

            return 0;
        }

        private void StopTestAlarm()
        {
            if (_testAlarmEnd >= 0)
            {
                _testAlarmEnd = -1;
                _service.EndTestAlarm();
                if (_alerts == null || _alerts.State == LocalAlarmState.Idle)
                {
                    _alarm.Stop();
                }
            }
        }

        private static FallPosture ToFallPosture(BodyPosture posture)
        {
            switch (posture)
            {
                case BodyPosture.Upright:
                    return FallPosture.Upright;
                case BodyPosture.Inclined:
                    return FallPosture.Sitting;
                case BodyPosture.Lying:
                    return FallPosture.Lying;
                default:
                    return FallPosture.Unknown;
            }
        }
    }
}
