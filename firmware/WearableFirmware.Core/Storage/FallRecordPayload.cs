using WearableFirmware.Falls;

namespace WearableFirmware.Storage
{
    /// <summary>
    /// How a fall or manual-emergency alert is kept in a record's payload (11 bytes, little-endian): kind (u8),
    /// outcome (u8), alert id (u16), impact in hundredths of a g (u16, clamped to 0..65535), posture (u8), heart
    /// rate in bpm (u8), SpO2 in percent (u8), vitals valid (u8: 1 or 0; heart rate and SpO2 are 0 when not),
    /// cancel source (u8). Every outcome of an alert is its own record.
    /// </summary>
    public static class FallRecordPayload
    {
        public const int Length = 11;

        public static void Write(byte[] payload, FallAlertEvent alert)
        {
            payload[0] = (byte)alert.Kind;
            payload[1] = (byte)alert.Outcome;
            payload[2] = (byte)alert.Sequence;
            payload[3] = (byte)(alert.Sequence >> 8);
            int centiG = (int)(alert.ImpactG * 100f + 0.5f);
            centiG = centiG < 0 ? 0 : centiG > 0xFFFF ? 0xFFFF : centiG;
            payload[4] = (byte)centiG;
            payload[5] = (byte)(centiG >> 8);
            payload[6] = (byte)alert.Posture;
            payload[7] = (byte)(alert.VitalsValid ? alert.HeartRateBpm : 0);
            payload[8] = (byte)(alert.VitalsValid ? alert.SpO2Percent : 0);
            payload[9] = (byte)(alert.VitalsValid ? 1 : 0);
            payload[10] = (byte)alert.CancelledBy;
        }

        /// <summary>False for a record too short to hold this layout.</summary>
        public static bool IsComplete(StoredRecord record)
        {
            return record.PayloadLength >= Length;
        }

        public static int AlertId(StoredRecord record)
        {
            return record.Payload[2] | (record.Payload[3] << 8);
        }

        public static AlertOutcome Outcome(StoredRecord record)
        {
            return (AlertOutcome)record.Payload[1];
        }

        /// <summary>
        /// Fills what the record holds of an alert: id, kind, impact, posture and vitals (not its outcome, times or
        /// cancel source, which the caller decides).
        /// </summary>
        public static void ReadAlert(StoredRecord record, FallAlertEvent alert)
        {
            byte[] p = record.Payload;
            alert.Sequence = AlertId(record);
            alert.Kind = (AlertKind)p[0];
            alert.ImpactG = (p[4] | (p[5] << 8)) / 100f;
            alert.Posture = (BodyPosture)p[6];
            alert.HeartRateBpm = p[7];
            alert.SpO2Percent = p[8];
            alert.VitalsValid = p[9] != 0;
        }
    }
}
