namespace WearableFirmware.Storage
{
    /// <summary>
    /// A small settings blob kept across reboots and power cuts on two flash segments used in turn: each save erases
    /// the segment that does not hold the newest copy, writes the new copy there and reads it back, so a cut at any
    /// byte leaves the previous copy intact. A copy is a marker byte, the payload length, a generation number
    /// (uint32, the newest wins), the payload and a CRC-32 over all of it. Reads and saves allocate nothing. Two stores
    /// can share one flash, each on its own pair of segments.
    /// </summary>
    public sealed class SettingsStore
    {
        private const byte Marker = 0x5E;
        private const int HeaderLength = 6;
        private const int CrcLength = 4;

        private readonly IFlashStorage _flash;
        private readonly byte[] _buffer;
        private readonly byte[] _readBack;
        private readonly int _first;
        private int _current = -1;
        private uint _generation;

        public SettingsStore(IFlashStorage flash, int maxPayloadLength)
            : this(flash, 0, maxPayloadLength)
        {
        }

        /// <param name="firstSegment">The store uses this segment and the next one.</param>
        public SettingsStore(IFlashStorage flash, int firstSegment, int maxPayloadLength)
        {
            if (flash == null)
            {
                throw new System.ArgumentNullException("flash");
            }

            if (firstSegment < 0 || flash.SegmentCount < firstSegment + 2 || maxPayloadLength < 1 || maxPayloadLength > 255 || HeaderLength + maxPayloadLength + CrcLength > flash.SegmentSize)
            {
                throw new System.ArgumentException("settings need two segments, each holding the payload with its 10-byte frame");
            }

            _flash = flash;
            _first = firstSegment;
            _buffer = new byte[HeaderLength + maxPayloadLength + CrcLength];
            _readBack = new byte[_buffer.Length];
        }

        /// <summary>Saves that failed (I/O error or read-back mismatch); the previous copy stays the one loaded.</summary>
        public int SaveFailures { get; private set; }

        /// <summary>
        /// Copies the newest intact copy's payload into <paramref name="payload"/>; returns its length, or 0 when no
        /// intact copy exists (never saved, or both damaged).
        /// </summary>
        public int Load(byte[] payload, int offset)
        {
            _current = -1;
            int length = 0;
            for (int segment = 0; segment < 2; segment++)
            {
                int n = ReadCopy(segment, _readBack);
                if (n < 0)
                {
                    continue;
                }

                uint generation = RecordLayout.ReadUInt32(_readBack, 2);
                if (_current < 0 || generation > _generation)
                {
                    _current = segment;
                    _generation = generation;
                    length = n;
                    System.Array.Copy(_readBack, HeaderLength, payload, offset, n);
                }
            }

            return length;
        }

        /// <summary>Saves <paramref name="length"/> bytes; true once they are on flash and read back identical.</summary>
        public bool Save(byte[] payload, int offset, int length)
        {
            if (length < 1 || HeaderLength + length + CrcLength > _buffer.Length)
            {
                throw new System.ArgumentOutOfRangeException("length");
            }

            int target = _current == 0 ? 1 : 0;
            uint generation = _current < 0 ? 1 : _generation + 1;
            _buffer[0] = Marker;
            _buffer[1] = (byte)length;
            RecordLayout.WriteUInt32(_buffer, 2, generation);
            System.Array.Copy(payload, offset, _buffer, HeaderLength, length);
            int total = HeaderLength + length;
            RecordLayout.WriteUInt32(_buffer, total, Crc32.Compute(_buffer, 0, total));
            total += CrcLength;
            if (!_flash.Erase(_first + target) || !_flash.Write(_first + target, 0, _buffer, 0, total) || ReadCopy(target, _readBack) != length
                || RecordLayout.ReadUInt32(_readBack, 2) != generation)
            {
                SaveFailures++;
                return false;
            }

            _current = target;
            _generation = generation;
            return true;
        }

        /// <summary>Payload length of the intact copy in a segment of the pair (0 or 1), or −1.</summary>
        private int ReadCopy(int segment, byte[] into)
        {
            if (!_flash.Read(_first + segment, 0, into, 0, HeaderLength) || into[0] != Marker)
            {
                return -1;
            }

            int length = into[1];
            if (length < 1 || HeaderLength + length + CrcLength > into.Length || !_flash.Read(_first + segment, HeaderLength, into, HeaderLength, length + CrcLength))
            {
                return -1;
            }

            int total = HeaderLength + length;
            return Crc32.Compute(into, 0, total) == RecordLayout.ReadUInt32(into, total) ? length : -1;
        }
    }
}
