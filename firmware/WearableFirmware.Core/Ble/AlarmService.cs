using WearableFirmware.Alarms;

namespace WearableFirmware.Ble
{
    /// <summary>
    /// Alarm service: the vendor alert family's second service (same UUID base 584bxxxx-5c8b-44d3-94b7-4836cbf4bcd4,
    /// little-endian fields, SFLOAT values, NaN for none, application errors from 0x80), because no Bluetooth SIG
    /// service carries alarm conditions of a pulse oximeter (the PLX service reports measurements and sensor status,
    /// not alarms). The fall alert service stays as phone apps know it.
    /// <list type="bullet">
    /// <item>Alarm Status ...0006 (read, indicate, 16 bytes): highest priority uint8 (0 none, 1 low, 2 medium, 3 high),
    /// flags uint8 (bit 0 audio paused, bit 1 a latched alarm awaits acknowledgement, bit 2 the fall signal has the
    /// buzzer), then uint16 condition masks (condition n = bit n − 1): running, latched, audio paused, acknowledged;
    /// audio-pause seconds left uint16; priorities uint32 (2 bits per condition, condition n at bits 2(n − 1)).</item>
    /// <item>Alarm Settings ...0007 (read, write, 8 bytes, <see cref="AlarmSettings"/>): a bonded phone writes all of it;
    /// wrong length 0x0D, a field outside its bounds or a high tier not more severe than its medium tier 0xFF Out of
    /// Range, not bonded 0x05, not kept on flash 0xFC Write Request Rejected. A refused write changes nothing.</item>
    /// <item>Alarm Record ...0008 (indicate, 20 bytes): a stored alarm event, sent by the record access procedure:
    /// record number uint32, flags uint8 (bit 0 time is calendar time, else seconds since that boot; bit 1 latched),
    /// time uint32, kind uint8 (<see cref="AlarmEventKind"/>), condition uint8, priority uint8, value SFLOAT, limit
    /// SFLOAT, duration uint16 s, condition mask uint16; a settings change carries the 8 settings bytes from byte 12.</item>
    /// <item>Alarm Record Access Control Point ...0009 (write, indicate): the PLX RACP's procedures and codes over the
    /// stored alarm records.</item>
    /// </list>
    /// All of it needs the health data's link security (<see cref="BlePairingPolicy.HealthDataSecurity"/>: authenticated);
    /// a settings write also needs a bonded phone, as a Current Time write does.
    /// </summary>
    public sealed class AlarmService : GattService
    {
        public const string ServiceUuid = "584b0010-5c8b-44d3-94b7-4836cbf4bcd4";
        public const string AlarmStatusUuid = "584b0011-5c8b-44d3-94b7-4836cbf4bcd4";
        public const string AlarmSettingsUuid = "584b0012-5c8b-44d3-94b7-4836cbf4bcd4";
        public const string AlarmRecordUuid = "584b0013-5c8b-44d3-94b7-4836cbf4bcd4";
        public const string AlarmRecordAccessUuid = "584b0014-5c8b-44d3-94b7-4836cbf4bcd4";

        public const int StatusLength = 16;
        public const int RecordLength = 20;

        public const byte StatusFlagAudioPaused = 0x01;
        public const byte StatusFlagLatched = 0x02;
        public const byte StatusFlagFallSignal = 0x04;

        public const byte RecordFlagCalendarTime = 0x01;
        public const byte RecordFlagLatched = 0x02;

        private readonly byte[] _status = new byte[StatusLength];
        private readonly byte[] _record = new byte[RecordLength];
        private readonly byte[] _settings = new byte[AlarmSettings.EncodedLength];
        private readonly AlarmSettings _proposed = new AlarmSettings();

        public AlarmService()
            : base(BleUuid.Parse(ServiceUuid), new GattCharacteristic[]
            {
                new GattCharacteristic(BleUuid.Parse(AlarmStatusUuid), (byte)(GattProperties.Read | GattProperties.Indicate), BlePairingPolicy.HealthDataSecurity,
                    BlePairingPolicy.HealthDataSecurity, "Alarm status", StatusLength),
                new GattCharacteristic(BleUuid.Parse(AlarmSettingsUuid), (byte)(GattProperties.Read | GattProperties.Write), BlePairingPolicy.HealthDataSecurity,
                    BlePairingPolicy.HealthDataSecurity, "Alarm limits", AlarmSettings.EncodedLength),
                new GattCharacteristic(BleUuid.Parse(AlarmRecordUuid), GattProperties.Indicate, BlePairingPolicy.HealthDataSecurity, BlePairingPolicy.HealthDataSecurity,
                    "Alarm record", RecordLength),
                new GattCharacteristic(BleUuid.Parse(AlarmRecordAccessUuid), (byte)(GattProperties.Write | GattProperties.Indicate),
                    BlePairingPolicy.HealthDataSecurity, BlePairingPolicy.HealthDataSecurity, "Stored alarms", RecordAccessWrite.MaxLength),
            })
        {
            ShowStatus(AlarmPriority.None, 0, 0, 0, 0, 0, 0, 0, false);
        }

        public GattCharacteristic Status
        {
            get { return Characteristics[0]; }
        }

        public GattCharacteristic Settings
        {
            get { return Characteristics[1]; }
        }

        public GattCharacteristic Record
        {
            get { return Characteristics[2]; }
        }

        public GattCharacteristic RecordAccessControlPoint
        {
            get { return Characteristics[3]; }
        }

        /// <summary>Takes accepted settings writes (persists and applies them); null refuses every write.</summary>
        public IAlarmSettingsListener SettingsListener { get; set; }

        /// <summary>Runs the record access procedures over stored alarms; null answers Request Not Supported.</summary>
        public IRecordAccessHandler RecordAccess { get; set; }

        /// <summary>Encodes an Alarm Status value; returns its length.</summary>
        public static int EncodeStatus(byte[] buffer, AlarmPriority highest, int flags, int running, int latched, int paused, int acknowledged,
            int pauseSecondsLeft, uint priorities)
        {
            int offset = ByteWriter.UInt8(buffer, 0, (int)highest);
            offset = ByteWriter.UInt8(buffer, offset, flags);
            offset = ByteWriter.UInt16(buffer, offset, running);
            offset = ByteWriter.UInt16(buffer, offset, latched);
            offset = ByteWriter.UInt16(buffer, offset, paused);
            offset = ByteWriter.UInt16(buffer, offset, acknowledged);
            offset = ByteWriter.UInt16(buffer, offset, pauseSecondsLeft < 0 ? 0 : pauseSecondsLeft > 0xFFFF ? 0xFFFF : pauseSecondsLeft);
            return ByteWriter.UInt32(buffer, offset, priorities);
        }

        /// <summary>
        /// Encodes an Alarm Record value from a stored record's fields; for a settings change
        /// <paramref name="settings"/> (8 bytes) replaces value, limit, duration and mask. Returns the length.
        /// </summary>
        public static int EncodeRecord(byte[] buffer, int recordNumber, bool calendarTime, long timeSeconds, AlarmEventKind kind,
            AlarmCondition condition, AlarmPriority priority, float value, float limit, int durationSeconds, int conditions, bool latched,
            byte[] settings, int settingsOffset)
        {
            int flags = (calendarTime ? RecordFlagCalendarTime : 0) | (latched ? RecordFlagLatched : 0);
            int offset = ByteWriter.UInt32(buffer, 0, (uint)recordNumber);
            offset = ByteWriter.UInt8(buffer, offset, flags);
            offset = ByteWriter.UInt32(buffer, offset, timeSeconds < 0 ? 0 : (uint)timeSeconds);
            offset = ByteWriter.UInt8(buffer, offset, (int)kind);
            offset = ByteWriter.UInt8(buffer, offset, (int)condition);
            offset = ByteWriter.UInt8(buffer, offset, (int)priority);
            if (kind == AlarmEventKind.SettingsChanged && settings != null)
            {
                System.Array.Copy(settings, settingsOffset, buffer, offset, AlarmSettings.EncodedLength);
                return offset + AlarmSettings.EncodedLength;
            }

            offset = Ieee11073Float.WriteSFloat(buffer, offset, value, -1);
            offset = Ieee11073Float.WriteSFloat(buffer, offset, limit, -1);
            offset = ByteWriter.UInt16(buffer, offset, durationSeconds < 0 ? 0 : durationSeconds > 0xFFFF ? 0xFFFF : durationSeconds);
            return ByteWriter.UInt16(buffer, offset, conditions);
        }

        /// <summary>Updates the readable Alarm Status and indicates it when <paramref name="indicate"/>; false when not queued.</summary>
        public bool ShowStatus(AlarmPriority highest, int flags, int running, int latched, int paused, int acknowledged, int pauseSecondsLeft,
            uint priorities, bool indicate)
        {
            int length = EncodeStatus(_status, highest, flags, running, latched, paused, acknowledged, pauseSecondsLeft, priorities);
            if (indicate)
            {
                return Publish(Status, _status, length);
            }

            Status.SetValue(_status, length);
            return true;
        }

        /// <summary>Makes <paramref name="settings"/> the readable Alarm Settings value.</summary>
        public void ShowSettings(AlarmSettings settings)
        {
            int length = settings.Write(_settings, 0);
            Settings.SetValue(_settings, length);
        }

        /// <summary>Indicates one stored alarm record (see <see cref="EncodeRecord"/>) to one peer; false when not queued.</summary>
        public bool SendRecordTo(IGattLink link, int recordNumber, bool calendarTime, long timeSeconds, AlarmEventKind kind, AlarmCondition condition,
            AlarmPriority priority, float value, float limit, int durationSeconds, int conditions, bool latched, byte[] settings, int settingsOffset)
        {
            int length = EncodeRecord(_record, recordNumber, calendarTime, timeSeconds, kind, condition, priority, value, limit, durationSeconds,
                conditions, latched, settings, settingsOffset);
            return PublishTo(link, Record, _record, length);
        }

        /// <summary>Indicates a record access response to the peer whose procedure it ends; false when not queued.</summary>
        public bool SendRacpResponse(IGattLink link, byte[] response, int length)
        {
            return PublishTo(link, RecordAccessControlPoint, response, length);
        }

        public override byte Write(GattCharacteristic characteristic, IGattLink link, byte[] data, int offset, int length)
        {
            if (characteristic == RecordAccessControlPoint)
            {
                return RecordAccessWrite.Handle(RecordAccess, RecordAccessControlPoint, link, data, offset, length);
            }

            if (characteristic != Settings)
            {
                return AttErrorCode.WriteNotPermitted;
            }

            // Limits decide when the wearer is alarmed: only a phone that bonded may change them.
            if (!link.IsBonded)
            {
                return AttErrorCode.InsufficientAuthentication;
            }

            if (length != AlarmSettings.EncodedLength)
            {
                return AttErrorCode.InvalidAttributeValueLength;
            }

            _proposed.Read(data, offset);
            if (!_proposed.IsWithinBounds())
            {
                return AttErrorCode.OutOfRange;
            }

            IAlarmSettingsListener listener = SettingsListener;
            if (listener == null)
            {
                return AttErrorCode.WriteRequestRejected;
            }

            byte result = listener.OnSettingsWritten(_proposed);
            if (result == AttErrorCode.Success)
            {
                ShowSettings(_proposed);
            }

            return result;
        }
    }
}
