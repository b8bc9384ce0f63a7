namespace WearableFirmware.Storage
{
    /// <summary>
    /// Segment-oriented persistent storage with NOR-flash rules: an erased segment reads 0xFF everywhere, a write
    /// may only change bits from 1 to 0 (so a byte is written once after an erase, or cleared later), and an erase
    /// resets a whole segment. The record store relies on nothing else, so it runs on raw flash, on files, and on the
    /// simulated flash with fault injection.
    /// </summary>
    public interface IFlashStorage
    {
        /// <summary>Number of segments; each is erased as a unit.</summary>
        int SegmentCount { get; }

        /// <summary>Bytes per segment.</summary>
        int SegmentSize { get; }

        /// <summary>Copies <paramref name="count"/> bytes at <paramref name="offset"/> of a segment into a buffer; false on an I/O error.</summary>
        bool Read(int segment, int offset, byte[] buffer, int bufferOffset, int count);

        /// <summary>Programs <paramref name="count"/> bytes at <paramref name="offset"/> of a segment; false on an I/O error (the bytes may be partly written).</summary>
        bool Write(int segment, int offset, byte[] data, int dataOffset, int count);

        /// <summary>Resets a whole segment to 0xFF; false on an I/O error (the segment may be partly erased).</summary>
        bool Erase(int segment);
    }
}
