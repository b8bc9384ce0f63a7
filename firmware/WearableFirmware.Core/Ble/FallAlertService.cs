namespace WearableFirmware.Ble
{
    /// <summary>
    /// Fall alert service (vendor 128-bit UUIDs, base 584bxxxx-5c8b-44d3-94b7-4836cbf4bcd4):
    /// <list type="bullet">
    /// <item>Fall Event ...0002 (indicate, 15 bytes): event id uint16, kind uint8 (<see cref="FallEventKind"/>),
    /// flags uint8 (bit0 time is calendar time, else seconds since boot), time uint32 s, impact SFLOAT in g,
    /// posture uint8 (<see cref="FallPosture"/>), heart rate SFLOAT bpm, SpO2 SFLOAT % (NaN when unknown).</item>
    /// <item>Alert State ...0003 (read, notify, 3 bytes): state uint8 (<see cref="FallAlertWireState"/>), event id uint16.</item>
    /// <item>Alert Control ...0004 (write): 0x01 Acknowledge + event id, 0x02 Cancel + event id, 0x03 Test Alarm
    /// (accepted while Idle or Acknowledged; it ends with Cancel + id 0 or when the device stops it). Acknowledge
    /// needs state Alarm (or an earlier alert still awaiting it while a later fall is pending); Cancel of a Pending
    /// alert cancels it as the wearer would.
    /// Wrong length: Invalid Attribute Value Length; unknown op code 0x80; event id not the active one 0x81;
    /// operation not valid in the current state 0x82.</item>
    /// <item>Fall Detection Status ...0005 (read, notify, 1 byte): bit 0 fall detection unavailable — a technical
    /// condition: the accelerometer failed, or it is losing samples or being re-initialised, so a fall may go unseen.
    /// It holds exactly while PLX Device and Sensor Status carries Equipment Malfunction Detected for it.</item>
    /// </list>
    /// All of it needs an encrypted link. The alert state machine lives here so every transport agrees on it.
    /// </summary>
    public sealed class FallAlertService : GattService
    {
        public const string ServiceUuid = "584b0001-5c8b-44d3-94b7-4836cbf4bcd4";
        public const string FallEventUuid = "584b0002-5c8b-44d3-94b7-4836cbf4bcd4";
        public const string AlertStateUuid = "584b0003-5c8b-44d3-94b7-4836cbf4bcd4";
        public const string AlertControlUuid = "584b0004-5c8b-44d3-94b7-4836cbf4bcd4";
        public const string DetectionStatusUuid = "584b0005-5c8b-44d3-94b7-4836cbf4bcd4";

        /// <summary>Fall Detection Status bit: fall detection is unavailable (technical condition).</summary>
        public const byte DetectionUnavailable = 0x01;

        public const byte OpAcknowledge = 0x01;
        public const byte OpCancel = 0x02;
        public const byte OpTestAlarm = 0x03;

        public const byte EventFlagCalendarTime = 0x01;

        /// <summary>Fall Event flag: the time is seconds since an earlier boot (the alert is from before a restart and
        /// the clock was not set then), not since this one.</summary>
        public const byte EventFlagEarlierBoot = 0x02;

        public const int FallEventLength = 15;
        public const int AlertStateLength = 3;

        private readonly byte[] _event = new byte[FallEventLength];
        private readonly byte[] _state = new byte[AlertStateLength];
        private readonly byte[] _detection = new byte[1];

        public FallAlertService()
            : base(BleUuid.Parse(ServiceUuid), new GattCharacteristic[]
            {
                new GattCharacteristic(BleUuid.Parse(FallEventUuid), GattProperties.Indicate, BlePairingPolicy.HealthDataSecurity, BlePairingPolicy.HealthDataSecurity,
                    "Fall event", FallEventLength),
                new GattCharacteristic(BleUuid.Parse(AlertStateUuid), (byte)(GattProperties.Read | GattProperties.Notify), BlePairingPolicy.HealthDataSecurity,
                    BlePairingPolicy.HealthDataSecurity, "Alert state", AlertStateLength),
                new GattCharacteristic(BleUuid.Parse(AlertControlUuid), GattProperties.Write, BlePairingPolicy.HealthDataSecurity, BlePairingPolicy.HealthDataSecurity,
                    "Alert control", 3),
                new GattCharacteristic(BleUuid.Parse(DetectionStatusUuid), (byte)(GattProperties.Read | GattProperties.Notify), BlePairingPolicy.HealthDataSecurity,
                    BlePairingPolicy.HealthDataSecurity, "Fall detection status", 1),
            })
        {
            SetState(FallAlertWireState.Idle, 0, false);
            DetectionStatus.SetValue(_detection, 1);
        }

        public GattCharacteristic DetectionStatus
        {
            get { return Characteristics[3]; }
        }

        /// <summary>True while fall detection is reported unavailable.</summary>
        public bool DetectionIsUnavailable
        {
            get { return _detection[0] != 0; }
        }

        /// <summary>Sets Fall Detection Status; notifies subscribers when it changes.</summary>
        public void SetDetectionUnavailable(bool unavailable)
        {
            byte value = unavailable ? DetectionUnavailable : (byte)0;
            if (value != _detection[0])
            {
                _detection[0] = value;
                Publish(DetectionStatus, _detection, 1);
            }
        }

        public GattCharacteristic FallEvent
        {
            get { return Characteristics[0]; }
        }

        public GattCharacteristic AlertState
        {
            get { return Characteristics[1]; }
        }

        public GattCharacteristic AlertControl
        {
            get { return Characteristics[2]; }
        }

        public FallAlertWireState State { get; private set; }

        /// <summary>Id of the event the state refers to (0 when idle or testing).</summary>
        public int ActiveEventId { get; private set; }

        public IFallAlertListener Listener { get; set; }

        /// <summary>Encodes a Fall Event value (15 bytes) into <paramref name="buffer"/>.</summary>
        public static int EncodeFallEvent(byte[] buffer, int eventId, FallEventKind kind, int timeFlags, long timeSeconds,
            float impactG, FallPosture posture, float heartRateBpm, float spo2Percent)
        {
            int offset = ByteWriter.UInt16(buffer, 0, eventId);
            offset = ByteWriter.UInt8(buffer, offset, (int)kind);
            offset = ByteWriter.UInt8(buffer, offset, timeFlags & (EventFlagCalendarTime | EventFlagEarlierBoot));
            offset = ByteWriter.UInt32(buffer, offset, timeSeconds < 0 ? 0 : (uint)timeSeconds);
            offset = Ieee11073Float.WriteSFloat(buffer, offset, impactG, -2);
            offset = ByteWriter.UInt8(buffer, offset, (int)posture);
            offset = Ieee11073Float.WriteSFloat(buffer, offset, heartRateBpm, 0);
            return Ieee11073Float.WriteSFloat(buffer, offset, spo2Percent, -1);
        }

        /// <summary>
        /// Publishes a fall event from the detector (or the button) and moves the alert state with it:
        /// Detected → Pending, Confirmed/Manual → Alarm, Cancelled → Idle. Returns false when the indication could
        /// not be queued (the state still changes; Alert State tells the phone).
        /// </summary>
        public bool ReportEvent(int eventId, FallEventKind kind, int timeFlags, long timeSeconds, float impactG, FallPosture posture,
            float heartRateBpm, float spo2Percent)
        {
            int length = EncodeFallEvent(_event, eventId, kind, timeFlags, timeSeconds, impactG, posture, heartRateBpm, spo2Percent);
            bool sent = Publish(FallEvent, _event, length);
            switch (kind)
            {
                case FallEventKind.Detected:
                    SetState(FallAlertWireState.Pending, eventId, true);
                    break;
                case FallEventKind.Confirmed:
                case FallEventKind.Manual:
                    SetState(FallAlertWireState.Alarm, eventId, true);
                    break;
                case FallEventKind.Cancelled:
                    if (ActiveEventId == eventId)
                    {
                        SetState(FallAlertWireState.Idle, 0, true);
                    }

                    break;
            }

            return sent;
        }

        public override byte Write(GattCharacteristic characteristic, IGattLink link, byte[] data, int offset, int length)
        {
            if (characteristic != AlertControl)
            {
                return AttErrorCode.WriteNotPermitted;
            }

            if (length < 1)
            {
                return AttErrorCode.InvalidAttributeValueLength;
            }

            byte op = data[offset];
            if (op == OpTestAlarm)
            {
                if (length != 1)
                {
                    return AttErrorCode.InvalidAttributeValueLength;
                }

                // An acknowledged alert is handled; only a pending or unanswered one keeps the buzzer for itself.
                if (State != FallAlertWireState.Idle && State != FallAlertWireState.Acknowledged)
                {
                    return AttErrorCode.FallAlertInvalidState;
                }

                SetState(FallAlertWireState.Test, 0, true);
                if (Listener != null)
                {
                    Listener.OnTestAlarm();
                }

                return AttErrorCode.Success;
            }

            if (op != OpAcknowledge && op != OpCancel)
            {
                return AttErrorCode.FallAlertOpCodeNotSupported;
            }

            if (length != 3)
            {
                return AttErrorCode.InvalidAttributeValueLength;
            }

            int eventId = ByteWriter.ReadUInt16(data, offset + 1);
            if (op == OpAcknowledge && eventId != 0 && eventId != ActiveEventId && Listener != null && Listener.IsAwaitingAcknowledge(eventId))
            {
                // An earlier alarm answered while Alert State shows a later fall: the state stays on that fall.
                Listener.OnAcknowledged(eventId);
                return AttErrorCode.Success;
            }

            if (op == OpCancel && State == FallAlertWireState.Test && eventId == 0)
            {
                SetState(FallAlertWireState.Idle, 0, true);
                if (Listener != null)
                {
                    Listener.OnCancelled(0);
                }

                return AttErrorCode.Success;
            }

            if (State == FallAlertWireState.Idle || State == FallAlertWireState.Test || eventId != ActiveEventId)
            {
                return State == FallAlertWireState.Idle || State == FallAlertWireState.Test ? AttErrorCode.FallAlertInvalidState : AttErrorCode.FallAlertUnknownEvent;
            }

            if (op == OpAcknowledge)
            {
                // Only a raised alarm is acknowledged: while Pending the wearer can still cancel it.
                if (State != FallAlertWireState.Alarm)
                {
                    return AttErrorCode.FallAlertInvalidState;
                }

                SetState(FallAlertWireState.Acknowledged, eventId, true);
                if (Listener != null)
                {
                    Listener.OnAcknowledged(eventId);
                }

                return AttErrorCode.Success;
            }

            // Cancel: a caregiver or the wearer's phone withdraws the alert.
            SetState(FallAlertWireState.Idle, 0, true);
            if (Listener != null)
            {
                Listener.OnCancelled(eventId);
            }

            return AttErrorCode.Success;
        }

        /// <summary>
        /// Shows an alert that was raised earlier and still awaits its acknowledgement (state Alarm, no new Fall Event),
        /// after a later fall that opened over it was cancelled or queued behind it.
        /// </summary>
        public void ShowUnacknowledged(int eventId)
        {
            if (State != FallAlertWireState.Alarm || ActiveEventId != eventId)
            {
                SetState(FallAlertWireState.Alarm, eventId, true);
            }
        }

        /// <summary>The device ended the test alarm by itself (it sounds for a fixed time): back to Idle.</summary>
        public void EndTestAlarm()
        {
            if (State == FallAlertWireState.Test)
            {
                SetState(FallAlertWireState.Idle, 0, true);
            }
        }

        private void SetState(FallAlertWireState state, int eventId, bool notify)
        {
            // A resent or retried event leaves the state as it is: subscribers hear of changes only.
            notify = notify && (state != State || eventId != ActiveEventId);
            State = state;
            ActiveEventId = eventId;
            _state[0] = (byte)state;
            ByteWriter.UInt16(_state, 1, eventId);
            if (notify)
            {
                Publish(AlertState, _state, AlertStateLength);
            }
            else
            {
                AlertState.SetValue(_state, AlertStateLength);
            }
        }
    }
}
