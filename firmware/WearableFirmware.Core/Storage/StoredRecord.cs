namespace WearableFirmware.Storage
{
    /// <summary>
    /// One record read back from the store. Callers keep one instance and let the store refill it, so reading
    /// allocates nothing.
    /// </summary>
    public sealed class StoredRecord
    {
        /// <summary>Payload bytes; only the first <see cref="PayloadLength"/> are meaningful.</summary>
        public readonly byte[] Payload = new byte[RecordLayout.MaxPayload];

        public int Sequence { get; private set; }

        public RecordType Type { get; private set; }

        /// <summary>True: <see cref="Time"/> is Unix seconds. False: the clock was not set; it is seconds since boot.</summary>
        public bool ClockSet { get; private set; }

        public uint Time { get; private set; }

        public int PayloadLength { get; private set; }

        /// <summary>The phone confirmed this record (RACP indication confirmed, or fall event acknowledged).</summary>
        public bool Delivered { get; private set; }

        /// <summary>Removed by a RACP delete; the store no longer reports it.</summary>
        public bool Deleted { get; private set; }

        /// <summary>Fills this instance from a slot that <see cref="RecordLayout.IsValid"/> accepted.</summary>
        public void Load(byte[] slot, int offset)
        {
            Sequence = RecordLayout.Sequence(slot, offset);
            Type = (RecordType)slot[offset + RecordLayout.TypeOffset];
            ClockSet = (slot[offset + RecordLayout.FlagsOffset] & RecordLayout.FlagClockSet) != 0;
            Time = RecordLayout.ReadUInt32(slot, offset + RecordLayout.TimeOffset);
            PayloadLength = slot[offset + RecordLayout.LengthOffset];
            for (int i = 0; i < RecordLayout.MaxPayload; i++)
            {
                Payload[i] = slot[offset + RecordLayout.PayloadOffset + i];
            }

            Delivered = RecordLayout.IsMarkSet(slot[offset + RecordLayout.DeliveredOffset]);
            Deleted = RecordLayout.IsMarkSet(slot[offset + RecordLayout.DeletedOffset]);
        }
    }
}
