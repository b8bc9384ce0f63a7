using WearableFirmware.Storage;

namespace WearableFirmware.Ble
{
    /// <summary>
    /// The device's 6-digit pairing passkey: drawn uniformly from 000000-999999 and kept in a 12-byte record with its
    /// count of failed pairings. Record: 'P' 'K', version 1, failures (uint8, saturating), passkey (uint32 LE),
    /// CRC-32 of the first 8 bytes (LE). A record that fails its check counts as absent: the device then draws a new
    /// passkey rather than pair with a damaged one (the label no longer matches; a factory reset's situation).
    /// </summary>
    public static class PairingPasskey
    {
        public const int Range = 1000000;
        public const int RecordLength = 12;
        public const byte Version = 1;

        /// <summary>Largest multiple of 10^6 below 2^32: 32-bit draws at or above it are redrawn, so no value is favoured.</summary>
        public const uint RejectFrom = 4294000000;

        /// <summary>The passkey a 32-bit draw gives, or -1 when the draw must be redrawn.</summary>
        public static int FromDraw(uint draw)
        {
            return draw >= RejectFrom ? -1 : (int)(draw % Range);
        }

        /// <summary>A uniformly distributed passkey from <paramref name="random"/>.</summary>
        public static int Generate(IRandomSource random)
        {
            byte[] bytes = new byte[4];
            while (true)
            {
                random.NextBytes(bytes);
                int passkey = FromDraw((uint)(bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)));
                if (passkey >= 0)
                {
                    return passkey;
                }
            }
        }

        /// <summary>Six digits with leading zeros, as the label prints it and the phone asks for it.</summary>
        public static string Format(int passkey)
        {
            string digits = passkey.ToString();
            while (digits.Length < 6)
            {
                digits = "0" + digits;
            }

            return digits;
        }

        public static void Encode(int passkey, int failures, byte[] record)
        {
            record[0] = (byte)'P';
            record[1] = (byte)'K';
            record[2] = Version;
            record[3] = (byte)(failures > 255 ? 255 : failures);
            ByteWriter.UInt32(record, 4, (uint)passkey);
            ByteWriter.UInt32(record, 8, Crc32.Compute(record, 0, 8));
        }

        /// <summary>The passkey of a record, or -1 when the record is absent, damaged or out of range.</summary>
        public static int Decode(byte[] record, int length, out int failures)
        {
            failures = 0;
            if (length != RecordLength || record[0] != (byte)'P' || record[1] != (byte)'K' || record[2] != Version
                || ByteWriter.ReadUInt32(record, 8) != Crc32.Compute(record, 0, 8))
            {
                return -1;
            }

            uint passkey = ByteWriter.ReadUInt32(record, 4);
            if (passkey >= Range)
            {
                return -1;
            }

            failures = record[3];
            return (int)passkey;
        }
    }
}
