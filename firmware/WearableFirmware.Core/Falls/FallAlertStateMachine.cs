using System;

namespace WearableFirmware.Falls
{
    /// <summary>
    /// Suspected fall → local alarm with a cancel window → confirmed alert (timestamped, impact, posture, latest
    /// vitals) → sent to the phone → acknowledged. Cancelled, confirmed and acknowledged outcomes all go to the event
    /// sink. A manual emergency enters the same path. Confirmed alerts wait in a bounded queue while no phone is
    /// connected and go out oldest first, one at a time, each until acknowledged; when the queue is full the oldest
    /// is dropped and counted (the newest carries the freshest state of the wearer).
    /// The caller supplies the time (monotonic microseconds) with every call and calls <see cref="Update"/> from
    /// its loop; nothing allocates after construction.
    /// </summary>
    public sealed class FallAlertStateMachine
    {
        private const long MicrosecondsPerSecond = 1000000;

        /// <summary>Alert ids run 1..65535 and wrap to 1: the phone sees them as uint16, and 0 means the test alarm.</summary>
        public const int MaxSequence = 0xFFFF;

        private readonly IAlarmOutput _alarm;
        private readonly IFallAlertLink _link;
        private readonly IFallEventSink _sink;
        private readonly long _cancelWindow;
        private readonly long _manualCancelWindow;
        private readonly long _acknowledgeTimeout;

        private readonly FallAlertEvent _current = new FallAlertEvent();
        private readonly FallAlertEvent[] _pending;
        private int _pendingHead;
        private long _windowEnd;
        private long _sentAt;
        private int _nextSequence = 1;
        private bool _numberingContinued;

        private int _heartRateBpm;
        private int _spo2Percent;
        private bool _vitalsValid;

        public FallAlertStateMachine(FallAlertSettings settings, IAlarmOutput alarm, IFallAlertLink link, IFallEventSink sink)
        {
            if (settings == null || alarm == null || link == null || sink == null)
            {
                throw new ArgumentNullException(settings == null ? "settings" : alarm == null ? "alarm" : link == null ? "link" : "sink");
            }

            if (settings.CancelWindowSeconds < 0 || settings.ManualCancelWindowSeconds < 0 || settings.AcknowledgeTimeoutSeconds < 1
                || settings.PendingCapacity < 1 || settings.PendingCapacity > 64)
            {
                throw new ArgumentOutOfRangeException("settings", "windows must be >= 0 s, acknowledge timeout >= 1 s, capacity 1..64");
            }

            _alarm = alarm;
            _link = link;
            _sink = sink;
            _cancelWindow = settings.CancelWindowSeconds * MicrosecondsPerSecond;
            _manualCancelWindow = settings.ManualCancelWindowSeconds * MicrosecondsPerSecond;
            _acknowledgeTimeout = settings.AcknowledgeTimeoutSeconds * MicrosecondsPerSecond;
            _pending = new FallAlertEvent[settings.PendingCapacity];
            for (int i = 0; i < _pending.Length; i++)
            {
                _pending[i] = new FallAlertEvent();
            }
        }

        public LocalAlarmState State { get; private set; }

        /// <summary>The alert in the cancel window (valid while <see cref="State"/> is CancelWindow).</summary>
        public FallAlertEvent Current
        {
            get { return _current; }
        }

        /// <summary>Confirmed alerts not yet acknowledged by a phone (the one in flight included).</summary>
        public int PendingCount { get; private set; }

        /// <summary>True while the oldest pending alert has been sent and awaits its acknowledgement.</summary>
        public bool AwaitingAcknowledge { get; private set; }

        /// <summary>Confirmed alerts dropped because the queue was full.</summary>
        public int DroppedCount { get; private set; }

        /// <summary>Oldest pending alert (null when none).</summary>
        public FallAlertEvent OldestPending
        {
            get { return PendingCount == 0 ? null : _pending[_pendingHead]; }
        }

        /// <summary>Latest vitals, copied into the next alert that is confirmed or cancelled.</summary>
        public void UpdateVitals(int heartRateBpm, int spo2Percent, bool valid)
        {
            _heartRateBpm = heartRateBpm;
            _spo2Percent = spo2Percent;
            _vitalsValid = valid;
        }

        /// <summary>
        /// The detector suspects a fall. Opens the cancel window and starts the alarm; during an open window a
        /// second fall joins the same alert (largest impact kept, fall count raised) without extending the window,
        /// so help is not delayed by repeated falls.
        /// </summary>
        public void OnSuspectedFall(long nowMicroseconds, float impactG, BodyPosture posture)
        {
            if (State == LocalAlarmState.CancelWindow)
            {
                _current.FallCount++;
                _current.Posture = posture;
                if (impactG > _current.ImpactG)
                {
                    _current.ImpactG = impactG;
                }

                if (_current.Kind == AlertKind.ManualEmergency)
                {
                    _current.Kind = AlertKind.Fall;
                }

                return;
            }

            Open(nowMicroseconds, AlertKind.Fall, impactG, posture, _cancelWindow);
        }

        /// <summary>
        /// The wearer held the button: an emergency through the same path. It confirms at once (or after the manual
        /// window, if configured); during a fall's cancel window it confirms that fall now.
        /// </summary>
        public void OnManualEmergency(long nowMicroseconds)
        {
            if (State == LocalAlarmState.CancelWindow)
            {
                Confirm(nowMicroseconds);
                return;
            }

            Open(nowMicroseconds, AlertKind.ManualEmergency, 0f, BodyPosture.Unknown, _manualCancelWindow);
        }

        /// <summary>Button press or double tap. Returns true if it cancelled an alarm (false: nothing to cancel).</summary>
        public bool OnCancel(long nowMicroseconds, CancelSource source)
        {
            if (State != LocalAlarmState.CancelWindow)
            {
                return false;
            }

            _alarm.Stop();
            State = LocalAlarmState.Idle;
            _current.Outcome = AlertOutcome.Cancelled;
            _current.OutcomeAtMicroseconds = nowMicroseconds;
            _current.CancelledBy = source;
            CopyVitals(_current);
            _sink.Record(_current);
            return true;
        }

        /// <summary>Call from the loop: ends a cancel window that ran out and resends an alert left unacknowledged.</summary>
        public void Update(long nowMicroseconds)
        {
            if (State == LocalAlarmState.CancelWindow && nowMicroseconds >= _windowEnd)
            {
                Confirm(nowMicroseconds);
            }

            if (AwaitingAcknowledge && nowMicroseconds - _sentAt >= _acknowledgeTimeout)
            {
                AwaitingAcknowledge = false;
            }

            TrySend(nowMicroseconds);
        }

        /// <summary>A phone connected (or subscribed): deliver what is pending.</summary>
        /// <summary>
        /// At boot: a confirmed alert from before the restart that no phone acknowledged goes back in the queue, and
        /// new alerts are numbered after it, so the phone never sees one id twice.
        /// </summary>
        public void Restore(FallAlertEvent alert)
        {
            Enqueue(alert);
            ContinueNumberingAfter(alert.Sequence);
        }

        /// <summary>
        /// At boot: numbers new alerts after the latest id used before the restart. Ids wrap, so "latest" is judged
        /// in serial-number order (an id up to half the id space ahead counts as later).
        /// </summary>
        public void ContinueNumberingAfter(int sequence)
        {
            if (sequence < 1 || sequence > MaxSequence)
            {
                return;
            }

            if (!_numberingContinued || IsLaterSequence(sequence, _nextSequence) || sequence == _nextSequence)
            {
                _nextSequence = NextSequence(sequence);
                _numberingContinued = true;
            }
        }

        /// <summary>The id after <paramref name="sequence"/> (65535 is followed by 1).</summary>
        public static int NextSequence(int sequence)
        {
            return sequence >= MaxSequence ? 1 : sequence + 1;
        }

        /// <summary>True when id <paramref name="a"/> was issued after id <paramref name="b"/> (serial-number order over 1..65535).</summary>
        public static bool IsLaterSequence(int a, int b)
        {
            int distance = (a - b + MaxSequence) % MaxSequence;
            return distance > 0 && distance <= MaxSequence / 2;
        }

        public void OnPhoneConnected(long nowMicroseconds)
        {
            AwaitingAcknowledge = false;
            TrySend(nowMicroseconds);
        }

        /// <summary>The phone went away: whatever was in flight is sent again on the next connection.</summary>
        public void OnPhoneDisconnected()
        {
            AwaitingAcknowledge = false;
        }

        /// <summary>
        /// The phone acknowledged alert <paramref name="sequence"/>. Returns false for an unknown or stale number
        /// (nothing changes); true when the oldest pending alert is acknowledged, recorded and the next one sent.
        /// </summary>
        public bool OnAcknowledged(long nowMicroseconds, int sequence)
        {
            if (PendingCount == 0 || _pending[_pendingHead].Sequence != sequence)
            {
                return false;
            }

            FallAlertEvent done = _pending[_pendingHead];
            done.Outcome = AlertOutcome.Acknowledged;
            done.OutcomeAtMicroseconds = nowMicroseconds;
            _sink.Record(done);
            _pendingHead = (_pendingHead + 1) % _pending.Length;
            PendingCount--;
            AwaitingAcknowledge = false;
            TrySend(nowMicroseconds);
            return true;
        }

        private void Open(long now, AlertKind kind, float impactG, BodyPosture posture, long window)
        {
            _current.Sequence = _nextSequence;
            _nextSequence = NextSequence(_nextSequence);
            _numberingContinued = true;
            _current.Kind = kind;
            _current.Outcome = 0;
            _current.RaisedAtMicroseconds = now;
            _current.OutcomeAtMicroseconds = now;
            _current.ImpactG = impactG;
            _current.FallCount = kind == AlertKind.Fall ? 1 : 0;
            _current.Posture = posture;
            _current.CancelledBy = CancelSource.None;
            CopyVitals(_current);
            if (window <= 0)
            {
                Confirm(now);
                return;
            }

            State = LocalAlarmState.CancelWindow;
            _windowEnd = now + window;
            _alarm.Start();
        }

        private void Confirm(long now)
        {
            if (State == LocalAlarmState.CancelWindow)
            {
                _alarm.Stop();
                State = LocalAlarmState.Idle;
            }

            _current.Outcome = AlertOutcome.Confirmed;
            _current.OutcomeAtMicroseconds = now;
            CopyVitals(_current);
            _sink.Record(_current);
            Enqueue(_current);
            TrySend(now);
        }

        private void Enqueue(FallAlertEvent alert)
        {
            if (PendingCount == _pending.Length)
            {
                // Full: drop the oldest (even if in flight; its acknowledgement would then be stale).
                _pendingHead = (_pendingHead + 1) % _pending.Length;
                PendingCount--;
                DroppedCount++;
                AwaitingAcknowledge = false;
            }

            _pending[(_pendingHead + PendingCount) % _pending.Length].CopyFrom(alert);
            PendingCount++;
        }

        private void TrySend(long now)
        {
            if (PendingCount == 0 || AwaitingAcknowledge || !_link.IsConnected)
            {
                return;
            }

            if (_link.Send(_pending[_pendingHead]))
            {
                AwaitingAcknowledge = true;
                _sentAt = now;
            }
        }

        private void CopyVitals(FallAlertEvent alert)
        {
            alert.HeartRateBpm = _heartRateBpm;
            alert.SpO2Percent = _spo2Percent;
            alert.VitalsValid = _vitalsValid;
        }
    }
}
