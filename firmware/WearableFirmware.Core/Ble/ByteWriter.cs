namespace WearableFirmware.Ble
{
    /// <summary>
    /// Little-endian field writers and readers for GATT values (Bluetooth uses little-endian on air). Each writer
    /// returns the offset after the field so encoders chain them; nothing allocates.
    /// </summary>
    public static class ByteWriter
    {
        public static int UInt8(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            return offset + 1;
        }

        public static int UInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            return offset + 2;
        }

        public static int UInt24(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            return offset + 3;
        }

        public static int UInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
            return offset + 4;
        }

        /// <summary>Copies an ASCII string (UTF-8 for ASCII text) and returns the offset after it.</summary>
        public static int Ascii(byte[] buffer, int offset, string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                buffer[offset + i] = (byte)text[i];
            }

            return offset + text.Length;
        }

        public static int ReadUInt16(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8);
        }

        public static int ReadUInt24(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16);
        }

        public static uint ReadUInt32(byte[] buffer, int offset)
        {
            return (uint)(buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16) | (buffer[offset + 3] << 24));
        }
    }
}
