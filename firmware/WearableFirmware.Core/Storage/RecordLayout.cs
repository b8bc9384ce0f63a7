namespace WearableFirmware.Storage
{
    /// <summary>
    /// The on-flash record slot (32 bytes, little-endian):
    /// <code>
    ///  0  marker 0xA1 (format 1)     1  type      2  flags (bit 0: clock set)   3  payload length (0..14)
    ///  4  sequence number (u32)      8  time (u32: Unix seconds if the clock is set, else seconds since boot)
    /// 12  payload (14 bytes, unused bytes 0xFF)
    /// 26  CRC-32 of bytes 0..25
    /// 30  delivered mark (0xFF until the phone confirmed the record, then 0x00)
    /// 31  deleted mark  (0xFF until a RACP delete, then 0x00)
    /// </code>
    /// The two marks sit outside the CRC because they are written after the record, by clearing bits only; a mark
    /// counts as set when at least half its bits are clear, so a single flipped bit neither sets nor clears it.
    /// </summary>
    public static class RecordLayout
    {
        public const int SlotSize = 32;
        public const byte Marker = 0xA1;
        public const int MaxPayload = 14;

        public const int MarkerOffset = 0;
        public const int TypeOffset = 1;
        public const int FlagsOffset = 2;
        public const int LengthOffset = 3;
        public const int SequenceOffset = 4;
        public const int TimeOffset = 8;
        public const int PayloadOffset = 12;
        public const int CrcOffset = 26;
        public const int DeliveredOffset = 30;
        public const int DeletedOffset = 31;

        /// <summary>Bytes written when a record is appended (everything but the two marks).</summary>
        public const int BodySize = 30;

        public const byte FlagClockSet = 0x01;

        /// <summary>Fills <paramref name="slot"/> (32 bytes) with a record; the marks are left erased (0xFF).</summary>
        public static void Encode(byte[] slot, int sequence, RecordType type, bool clockSet, uint time, byte[] payload, int payloadOffset, int payloadLength)
        {
            slot[MarkerOffset] = Marker;
            slot[TypeOffset] = (byte)type;
            slot[FlagsOffset] = clockSet ? FlagClockSet : (byte)0;
            slot[LengthOffset] = (byte)payloadLength;
            WriteUInt32(slot, SequenceOffset, (uint)sequence);
            WriteUInt32(slot, TimeOffset, time);
            for (int i = 0; i < MaxPayload; i++)
            {
                slot[PayloadOffset + i] = i < payloadLength ? payload[payloadOffset + i] : (byte)0xFF;
            }

            WriteUInt32(slot, CrcOffset, Crc32.Compute(slot, 0, CrcOffset));
            slot[DeliveredOffset] = 0xFF;
            slot[DeletedOffset] = 0xFF;
        }

        /// <summary>True when every byte of the slot at <paramref name="offset"/> is erased.</summary>
        public static bool IsErased(byte[] buffer, int offset)
        {
            for (int i = 0; i < SlotSize; i++)
            {
                if (buffer[offset + i] != 0xFF)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when the slot holds a complete, intact record of a known type (CRC, marker, length, type).</summary>
        public static bool IsValid(byte[] buffer, int offset)
        {
            if (buffer[offset + MarkerOffset] != Marker || buffer[offset + LengthOffset] > MaxPayload)
            {
                return false;
            }

            int type = buffer[offset + TypeOffset];
            if (type < (int)RecordType.SpotCheck || type > (int)RecordType.Rotation)
            {
                return false;
            }

            return ReadUInt32(buffer, offset + CrcOffset) == Crc32.Compute(buffer, offset, CrcOffset);
        }

        /// <summary>A mark is set when at least four of its eight bits are clear (tolerates one flipped bit).</summary>
        public static bool IsMarkSet(byte mark)
        {
            int ones = 0;
            for (int b = mark; b != 0; b >>= 1)
            {
                ones += b & 1;
            }

            return ones <= 4;
        }

        public static int Sequence(byte[] buffer, int offset)
        {
            return (int)ReadUInt32(buffer, offset + SequenceOffset);
        }

        public static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        public static uint ReadUInt32(byte[] buffer, int offset)
        {
            return buffer[offset] | ((uint)buffer[offset + 1] << 8) | ((uint)buffer[offset + 2] << 16) | ((uint)buffer[offset + 3] << 24);
        }
    }
}
