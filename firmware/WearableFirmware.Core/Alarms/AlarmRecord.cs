using WearableFirmware.Storage;

namespace WearableFirmware.Alarms
{
    /// <summary>
    /// Payload of an alarm record (<see cref="RecordType.Alarm"/>) in the record store, 12 bytes little-endian:
    /// kind, condition, priority, value and limit in tenths (int16, 0x7FFF none), duration in s (uint16), condition
    /// mask (uint16), flags (bit 0 latched). A settings change stores kind then the 8-byte settings instead.
    /// </summary>
    public static class AlarmRecord
    {
        public const int Length = 12;

        /// <summary>Stored for a value or limit that does not apply.</summary>
        public const int NoValue = 0x7FFF;

        public const int FlagLatched = 0x01;

        /// <summary>Writes the payload of <paramref name="alarmEvent"/>; returns its length.</summary>
        public static int Encode(byte[] payload, AlarmEvent alarmEvent)
        {
            payload[0] = (byte)alarmEvent.Kind;
            payload[1] = (byte)alarmEvent.Condition;
            payload[2] = (byte)alarmEvent.Priority;
            WriteInt16(payload, 3, Tenths(alarmEvent.Value));
            WriteInt16(payload, 5, Tenths(alarmEvent.Limit));
            int duration = alarmEvent.DurationSeconds < 0 ? 0 : alarmEvent.DurationSeconds > 0xFFFF ? 0xFFFF : alarmEvent.DurationSeconds;
            WriteInt16(payload, 7, duration);
            WriteInt16(payload, 9, alarmEvent.Conditions);
            payload[11] = (byte)(alarmEvent.Latched ? FlagLatched : 0);
            return Length;
        }

        /// <summary>Writes the payload of a settings change; returns its length.</summary>
        public static int EncodeSettings(byte[] payload, AlarmSettings settings)
        {
            payload[0] = (byte)AlarmEventKind.SettingsChanged;
            return settings.Write(payload, 1);
        }

        public static AlarmEventKind Kind(StoredRecord record)
        {
            return (AlarmEventKind)record.Payload[0];
        }

        public static AlarmCondition Condition(StoredRecord record)
        {
            return (AlarmCondition)record.Payload[1];
        }

        public static AlarmPriority Priority(StoredRecord record)
        {
            return (AlarmPriority)record.Payload[2];
        }

        /// <summary>Value in tenths (SpO2 %, bpm, battery %), or <see cref="NoValue"/>.</summary>
        public static int ValueTenths(StoredRecord record)
        {
            return ReadInt16(record.Payload, 3);
        }

        public static int LimitTenths(StoredRecord record)
        {
            return ReadInt16(record.Payload, 5);
        }

        public static int DurationSeconds(StoredRecord record)
        {
            return record.Payload[7] | (record.Payload[8] << 8);
        }

        public static int Conditions(StoredRecord record)
        {
            return record.Payload[9] | (record.Payload[10] << 8);
        }

        public static bool Latched(StoredRecord record)
        {
            return (record.Payload[11] & FlagLatched) != 0;
        }

        private static int Tenths(float value)
        {
            if (float.IsNaN(value))
            {
                return NoValue;
            }

            float tenths = value * 10f;
            return tenths >= 32766f ? 32766 : tenths <= -32767f ? -32767 : (int)(tenths + (tenths >= 0 ? 0.5f : -0.5f));
        }

        private static void WriteInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
        }

        private static int ReadInt16(byte[] buffer, int offset)
        {
            return (short)(buffer[offset] | (buffer[offset + 1] << 8));
        }
    }
}
