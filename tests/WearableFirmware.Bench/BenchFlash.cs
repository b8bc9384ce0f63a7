using WearableFirmware.Storage;

namespace WearableFirmware.Bench
{
    /// <summary>NOR-flash rules in RAM: erase to 0xFF, a write only clears bits.</summary>
    public sealed class BenchFlash : IFlashStorage
    {
        private readonly byte[][] _segments;

        public BenchFlash(int segments, int segmentSize)
        {
            _segments = new byte[segments][];
            for (int s = 0; s < segments; s++)
            {
                _segments[s] = new byte[segmentSize];
                Erase(s);
            }
        }

        public int SegmentCount
        {
            get { return _segments.Length; }
        }

        public int SegmentSize
        {
            get { return _segments[0].Length; }
        }

        public bool Read(int segment, int offset, byte[] buffer, int bufferOffset, int count)
        {
            System.Array.Copy(_segments[segment], offset, buffer, bufferOffset, count);
            return true;
        }

        public bool Write(int segment, int offset, byte[] data, int dataOffset, int count)
        {
            byte[] target = _segments[segment];
            for (int i = 0; i < count; i++)
            {
                target[offset + i] &= data[dataOffset + i];
            }

            return true;
        }

        public bool Erase(int segment)
        {
            byte[] target = _segments[segment];
            for (int i = 0; i < target.Length; i++)
            {
                target[i] = 0xFF;
            }

            return true;
        }
    }
}
