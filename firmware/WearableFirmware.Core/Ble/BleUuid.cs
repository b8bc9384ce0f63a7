using System;

namespace WearableFirmware.Ble
{
    /// <summary>
    /// A Bluetooth UUID: either a 16-bit SIG short code (on the Bluetooth base UUID
    /// 0000xxxx-0000-1000-8000-00805F9B34FB) or a full 128-bit vendor UUID. Keeps the 16 bytes in the little-endian
    /// order ATT sends them.
    /// </summary>
    public sealed class BleUuid
    {
        // Base UUID, little-endian; bytes 12 and 13 take the short code.
        private static readonly byte[] BaseUuid = { 0xFB, 0x34, 0x9B, 0x5F, 0x80, 0x00, 0x00, 0x80, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };

        private readonly byte[] _littleEndian;

        private BleUuid(byte[] littleEndian, ushort shortCode, bool is16Bit)
        {
            _littleEndian = littleEndian;
            ShortCode = shortCode;
            Is16Bit = is16Bit;
        }

        /// <summary>The 16-bit SIG code; meaningful only when <see cref="Is16Bit"/>.</summary>
        public ushort ShortCode { get; }

        public bool Is16Bit { get; }

        /// <summary>2 for SIG short codes, 16 otherwise: the size ATT uses for this UUID.</summary>
        public int Length
        {
            get { return Is16Bit ? 2 : 16; }
        }

        public static BleUuid FromShortCode(ushort shortCode)
        {
            byte[] bytes = new byte[16];
            Array.Copy(BaseUuid, bytes, 16);
            bytes[12] = (byte)shortCode;
            bytes[13] = (byte)(shortCode >> 8);
            return new BleUuid(bytes, shortCode, true);
        }

        /// <summary>Parses "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"; throws ArgumentException on anything else.</summary>
        public static BleUuid Parse(string text)
        {
            if (text == null || text.Length != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')
            {
                throw new ArgumentException("UUID must be in the 8-4-4-4-12 hex form");
            }

            byte[] bytes = new byte[16];
            int index = 15;
            for (int i = 0; i < 36; i += 2)
            {
                if (text[i] == '-')
                {
                    i--;
                    continue;
                }

                bytes[index--] = (byte)((HexValue(text[i]) << 4) | HexValue(text[i + 1]));
            }

            bool onBase = true;
            for (int i = 0; i < 16; i++)
            {
                if (i != 12 && i != 13 && bytes[i] != BaseUuid[i])
                {
                    onBase = false;
                }
            }

            ushort code = (ushort)(bytes[12] | (bytes[13] << 8));
            return new BleUuid(bytes, onBase ? code : (ushort)0, onBase);
        }

        /// <summary>Writes the UUID in ATT form (2 or 16 bytes, little-endian); returns the offset after it.</summary>
        public int WriteTo(byte[] buffer, int offset)
        {
            if (Is16Bit)
            {
                return ByteWriter.UInt16(buffer, offset, ShortCode);
            }

            Array.Copy(_littleEndian, 0, buffer, offset, 16);
            return offset + 16;
        }

        /// <summary>Copies the full 128-bit form, little-endian, into <paramref name="buffer"/>.</summary>
        public void CopyFull(byte[] buffer, int offset)
        {
            Array.Copy(_littleEndian, 0, buffer, offset, 16);
        }

        /// <summary>True when the bytes at <paramref name="offset"/> (2 or 16 of them) name this UUID.</summary>
        public bool Matches(byte[] buffer, int offset, int length)
        {
            if (length == 2)
            {
                return Is16Bit && ByteWriter.ReadUInt16(buffer, offset) == ShortCode;
            }

            if (length != 16)
            {
                return false;
            }

            for (int i = 0; i < 16; i++)
            {
                if (buffer[offset + i] != _littleEndian[i])
                {
                    return false;
                }
            }

            return true;
        }

        public bool SameAs(BleUuid other)
        {
            return other != null && Matches(other._littleEndian, 0, 16);
        }

        /// <summary>Canonical big-endian text form, lower case.</summary>
        public override string ToString()
        {
            char[] chars = new char[36];
            int c = 0;
            for (int i = 15; i >= 0; i--)
            {
                if (c == 8 || c == 13 || c == 18 || c == 23)
                {
                    chars[c++] = '-';
                }

                chars[c++] = HexDigit(_littleEndian[i] >> 4);
                chars[c++] = HexDigit(_littleEndian[i] & 0x0F);
            }

            return new string(chars);
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            throw new ArgumentException("UUID contains a non-hex character");
        }

        private static char HexDigit(int value)
        {
            return (char)(value < 10 ? '0' + value : 'a' + value - 10);
        }
    }
}
