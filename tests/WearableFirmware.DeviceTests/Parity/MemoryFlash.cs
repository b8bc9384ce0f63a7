using WearableFirmware.Storage;

namespace WearableFirmware.DeviceTests
{
    /// <summary>
    /// NOR-flash rules in RAM (erase to 0xFF, a write only clears bits) with a write cut part way, for the settings
    /// tests. Not the bench's BenchFlash: that one lives in the bench application, has no cut, and the host harness
    /// compiles Parity/ alone.
    /// </summary>
    internal sealed class MemoryFlash : IFlashStorage
    {
        private readonly byte[] _bytes;
        private int _writeBudget = -1;

        public MemoryFlash(int segmentCount, int segmentSize)
        {
            SegmentCount = segmentCount;
            SegmentSize = segmentSize;
            _bytes = new byte[segmentCount * segmentSize];
            for (int i = 0; i < _bytes.Length; i++)
            {
                _bytes[i] = 0xFF;
            }
        }

        public int SegmentCount { get; private set; }

        public int SegmentSize { get; private set; }

        /// <summary>Later writes program <paramref name="bytes"/> more bytes in all, then stop and report failure.</summary>
        public void CutWritesAfter(int bytes)
        {
            _writeBudget = bytes;
        }

        /// <summary>Raw byte, for tests.</summary>
        public byte Peek(int segment, int offset)
        {
            return _bytes[segment * SegmentSize + offset];
        }

        public bool Read(int segment, int offset, byte[] buffer, int bufferOffset, int count)
        {
            System.Array.Copy(_bytes, segment * SegmentSize + offset, buffer, bufferOffset, count);
            return true;
        }

        public bool Write(int segment, int offset, byte[] data, int dataOffset, int count)
        {
            int program = _writeBudget >= 0 && _writeBudget < count ? _writeBudget : count;
            int at = segment * SegmentSize + offset;
            for (int i = 0; i < program; i++)
            {
                _bytes[at + i] &= data[dataOffset + i];
            }

            if (_writeBudget < 0)
            {
                return true;
            }

            _writeBudget -= program;
            return program == count;
        }

        public bool Erase(int segment)
        {
            for (int i = 0; i < SegmentSize; i++)
            {
                _bytes[segment * SegmentSize + i] = 0xFF;
            }

            return true;
        }
    }
}
