using System;

namespace WearableFirmware.Ble
{
    /// <summary>
    /// Advertising payloads (Core Supplement Part A; each at most 31 bytes, legacy advertising).
    /// Advertising data (31 bytes): Flags (LE General Discoverable, BR/EDR not supported), Appearance 0x0C42
    /// (wrist-worn pulse oximeter), Incomplete List of 16-bit Service UUIDs (Heart Rate, Pulse Oximeter — the ones
    /// a health app scans for), Complete List of 128-bit Service UUIDs (fall alert service).
    /// Scan response: Complete Local Name.
    /// </summary>
    public static class Advertising
    {
        public const int MaxLength = 31;

        public const byte TypeFlags = 0x01;
        public const byte TypeIncomplete16BitUuids = 0x02;
        public const byte TypeComplete128BitUuids = 0x07;
        public const byte TypeCompleteLocalName = 0x09;
        public const byte TypeAppearance = 0x19;

        public const byte FlagsLeGeneralDiscoverableNoBrEdr = 0x06;

        /// <summary>Builds the advertising data into <paramref name="buffer"/> (31 bytes or more); returns its length.</summary>
        public static int BuildAdvertisingData(byte[] buffer, ushort appearance, ushort[] serviceUuids16, BleUuid serviceUuid128)
        {
            int offset = 0;
            offset = Section(buffer, offset, 1, TypeFlags);
            buffer[offset++] = FlagsLeGeneralDiscoverableNoBrEdr;
            offset = Section(buffer, offset, 2, TypeAppearance);
            offset = ByteWriter.UInt16(buffer, offset, appearance);
            offset = Section(buffer, offset, 2 * serviceUuids16.Length, TypeIncomplete16BitUuids);
            for (int i = 0; i < serviceUuids16.Length; i++)
            {
                offset = ByteWriter.UInt16(buffer, offset, serviceUuids16[i]);
            }

            if (serviceUuid128 != null)
            {
                offset = Section(buffer, offset, 16, TypeComplete128BitUuids);
                serviceUuid128.CopyFull(buffer, offset);
                offset += 16;
            }

            return offset;
        }

        /// <summary>Builds the scan response (the complete local name); returns its length.</summary>
        public static int BuildScanResponse(byte[] buffer, string deviceName)
        {
            int offset = Section(buffer, 0, deviceName.Length, TypeCompleteLocalName);
            return ByteWriter.Ascii(buffer, offset, deviceName);
        }

        /// <summary>The profile's advertising data.</summary>
        public static int BuildForProfile(byte[] buffer)
        {
            return BuildAdvertisingData(buffer, GattUuids.AppearanceWristWornPulseOximeter,
                new ushort[] { GattUuids.HeartRateService, GattUuids.PulseOximeterService }, BleUuid.Parse(FallAlertService.ServiceUuid));
        }

        private static int Section(byte[] buffer, int offset, int dataLength, byte type)
        {
            if (offset + 2 + dataLength > MaxLength || offset + 2 + dataLength > buffer.Length)
            {
                throw new ArgumentException("advertising payload exceeds 31 bytes");
            }

            buffer[offset] = (byte)(dataLength + 1);
            buffer[offset + 1] = type;
            return offset + 2;
        }
    }
}
