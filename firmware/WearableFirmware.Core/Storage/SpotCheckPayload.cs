namespace WearableFirmware.Storage
{
    /// <summary>
    /// How a spot-check reading is kept in a record's payload (11 bytes, little-endian), in plain integers so the
    /// store needs no floating point: SpO2 in tenths of a percent (u16), pulse rate in tenths of a beat per minute
    /// (u16), PLX Measurement Status (u16), PLX Device and Sensor Status (u24), pulse amplitude index in hundredths
    /// of a percent (u16, <see cref="NoPulseAmplitudeIndex"/> when not measured). The BLE encoder turns these into
    /// the Spot-check Measurement value.
    /// </summary>
    public static class SpotCheckPayload
    {
        public const int Length = 11;
        public const int NoPulseAmplitudeIndex = 0xFFFF;

        public static void Write(byte[] payload, int spo2Tenths, int pulseRateTenths, int measurementStatus, int deviceAndSensorStatus, int pulseAmplitudeIndexHundredths)
        {
            payload[0] = (byte)spo2Tenths;
            payload[1] = (byte)(spo2Tenths >> 8);
            payload[2] = (byte)pulseRateTenths;
            payload[3] = (byte)(pulseRateTenths >> 8);
            payload[4] = (byte)measurementStatus;
            payload[5] = (byte)(measurementStatus >> 8);
            payload[6] = (byte)deviceAndSensorStatus;
            payload[7] = (byte)(deviceAndSensorStatus >> 8);
            payload[8] = (byte)(deviceAndSensorStatus >> 16);
            payload[9] = (byte)pulseAmplitudeIndexHundredths;
            payload[10] = (byte)(pulseAmplitudeIndexHundredths >> 8);
        }

        public static int Spo2Tenths(StoredRecord record)
        {
            return U16(record.Payload, 0);
        }

        public static int PulseRateTenths(StoredRecord record)
        {
            return U16(record.Payload, 2);
        }

        public static int MeasurementStatus(StoredRecord record)
        {
            return U16(record.Payload, 4);
        }

        public static int DeviceAndSensorStatus(StoredRecord record)
        {
            return U16(record.Payload, 6) | (record.Payload[8] << 16);
        }

        public static int PulseAmplitudeIndexHundredths(StoredRecord record)
        {
            return U16(record.Payload, 9);
        }

        private static int U16(byte[] b, int offset)
        {
            return b[offset] | (b[offset + 1] << 8);
        }
    }
}
