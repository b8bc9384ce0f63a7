using System;
using WearableFirmware.Time;

namespace WearableFirmware.Storage
{
    /// <summary>
    /// Append-only, power-loss-safe log of records in a ring of flash segments (format: <see cref="RecordLayout"/>).
    /// <para>
    /// Every slot written consumes the next sequence number, so within a segment slot k holds sequence base + k:
    /// after a power cut the store knows which numbers a torn or corrupt slot used and never hands them out again.
    /// The last two slots of each segment are kept for the <see cref="RecordType.Rotation"/> record that carries the
    /// persistent drop counters before the oldest segment is erased (the second is used when writing the first fails
    /// or is cut short, so one bad write cannot lose the count). A RAM index (one byte per slot) answers
    /// searches without touching flash; appending reads and writes one slot (plus one erase when a segment fills),
    /// allocates nothing, and every record is read back to check it landed.
    /// </para>
    /// Not thread-safe: call it from one thread (the firmware loop).
    /// </summary>
    public sealed class RecordStore
    {
        // RAM index, one byte per slot.
        private const byte IndexErased = 0x00;
        private const byte IndexTypeMask = 0x07;
        private const byte IndexDelivered = 0x10;
        private const byte IndexDeleted = 0x20;
        private const byte IndexCorrupt = 0x40;
        private const byte IndexValid = 0x80;

        private const int RotationPayloadLength = 8;
        private const int ScanChunkSlots = 16;
        private const int ReservedSlots = 2;

        private readonly IFlashStorage _flash;
        private readonly WallClock _clock;
        private readonly int _segmentCount;
        private readonly int _slotsPerSegment;
        private readonly byte[] _index;
        private readonly int[] _base;
        private readonly int[] _used;
        private readonly byte[] _slot = new byte[RecordLayout.SlotSize];
        private readonly byte[] _check = new byte[RecordLayout.SlotSize];
        private readonly byte[] _payload = new byte[RecordLayout.MaxPayload];
        private readonly byte[] _mark = new byte[1];
        private int _active;
        private int _nextSequence;

        /// <summary>Opens the store on <paramref name="flash"/> and recovers its state (see <see cref="Mount"/>).</summary>
        public RecordStore(IFlashStorage flash, WallClock clock)
        {
            if (flash.SegmentCount < 2)
            {
                throw new ArgumentException("the record store needs at least two segments");
            }

            if (flash.SegmentSize % RecordLayout.SlotSize != 0 || flash.SegmentSize < 4 * RecordLayout.SlotSize)
            {
                throw new ArgumentException("segment size must be a multiple of 32 bytes, at least 4 slots (2 records + 2 reserved)");
            }

            _flash = flash;
            _clock = clock;
            _segmentCount = flash.SegmentCount;
            _slotsPerSegment = flash.SegmentSize / RecordLayout.SlotSize;
            _index = new byte[_segmentCount * _slotsPerSegment];
            _base = new int[_segmentCount];
            _used = new int[_segmentCount];
            Mount();
        }

        /// <summary>Records always kept: once the ring is full, each rotation leaves at least this many behind.</summary>
        public int Capacity
        {
            get { return (_segmentCount - 1) * (_slotsPerSegment - ReservedSlots); }
        }

        /// <summary>Records a segment holds before the store moves to the next one.</summary>
        public int RecordsPerSegment
        {
            get { return _slotsPerSegment - ReservedSlots; }
        }

        public int SlotsPerSegment
        {
            get { return _slotsPerSegment; }
        }

        /// <summary>The number the next record will get (sequence numbers start at 1 and never repeat).</summary>
        public int NextSequence
        {
            get { return _nextSequence; }
        }

        /// <summary>Spot-check, fall and alarm records erased before the phone confirmed them, over the store's life (persistent).</summary>
        public int DroppedRecords { get; private set; }

        /// <summary>Device-event records erased to make room, over the store's life (persistent).</summary>
        public int DroppedDeviceEvents { get; private set; }

        /// <summary>Slots found torn or corrupt when the store was mounted (skipped; their records are lost).</summary>
        public int CorruptAtMount { get; private set; }

        /// <summary>Records that failed their CRC when read after mount (a bit flip since start-up); never delivered.</summary>
        public int CorruptOnRead { get; private set; }

        /// <summary>Slot writes that failed or did not read back identical (the slot is skipped).</summary>
        public int WriteFailures { get; private set; }

        /// <summary>Appends that gave up (two slot failures in a row, or the oldest segment could not be erased).</summary>
        public int AppendFailures { get; private set; }

        public int EraseFailures { get; private set; }

        /// <summary>Delivered/deleted marks that could not be written.</summary>
        public int MarkFailures { get; private set; }

        public int Rotations { get; private set; }

        /// <summary>Records appended since the store was opened.</summary>
        public int Appended { get; private set; }

        /// <summary>Appends a record; returns its sequence number, or 0 when storage failed (counted). Allocation-free.</summary>
        public int Append(RecordType type, byte[] payload, int offset, int length)
        {
            if (type < RecordType.SpotCheck || type >= RecordType.Rotation)
            {
                throw new ArgumentException("record type is internal or unknown");
            }

            if (length < 0 || length > RecordLayout.MaxPayload)
            {
                throw new ArgumentOutOfRangeException("length", "payload is limited to 14 bytes");
            }

            for (int attempt = 0; attempt < 2; attempt++)
            {
                if (_used[_active] >= _slotsPerSegment - ReservedSlots && !Rotate())
                {
                    AppendFailures++;
                    return 0;
                }

                int sequence = WriteSlot(type, payload, offset, length);
                if (sequence > 0)
                {
                    Appended++;
                    return sequence;
                }
            }

            AppendFailures++;
            return 0;
        }

        /// <summary>Appends a spot-check reading (units as in <see cref="SpotCheckPayload"/>).</summary>
        public int AppendSpotCheck(int spo2Tenths, int pulseRateTenths, int measurementStatus, int deviceAndSensorStatus, int pulseAmplitudeIndexHundredths)
        {
            SpotCheckPayload.Write(_payload, spo2Tenths, pulseRateTenths, measurementStatus, deviceAndSensorStatus, pulseAmplitudeIndexHundredths);
            return Append(RecordType.SpotCheck, _payload, 0, SpotCheckPayload.Length);
        }

        /// <summary>Appends a device event: payload byte 0 is the code, bytes 1..4 the argument (little-endian).</summary>
        public int AppendDeviceEvent(DeviceEventCode code, int argument)
        {
            _payload[0] = (byte)code;
            RecordLayout.WriteUInt32(_payload, 1, (uint)argument);
            return Append(RecordType.DeviceEvent, _payload, 0, 5);
        }

        /// <summary>
        /// Reads a record, re-checking its CRC: a record damaged since start-up is counted, marked corrupt and
        /// reported as absent, never returned. False also when the number is not stored (dropped, never written).
        /// </summary>
        public bool TryRead(int sequence, StoredRecord into)
        {
            int at = Locate(sequence);
            if (at < 0 || (_index[at] & IndexValid) == 0 || (_index[at] & IndexTypeMask) == (int)RecordType.Rotation)
            {
                return false;
            }

            int segment = at / _slotsPerSegment;
            int offset = (at % _slotsPerSegment) * RecordLayout.SlotSize;
            if (!_flash.Read(segment, offset, _check, 0, RecordLayout.SlotSize))
            {
                return false;
            }

            if (!RecordLayout.IsValid(_check, 0) || RecordLayout.Sequence(_check, 0) != sequence)
            {
                _index[at] = IndexCorrupt;
                CorruptOnRead++;
                return false;
            }

            into.Load(_check, 0);
            return true;
        }

        /// <summary>
        /// Lowest sequence number in [<paramref name="from"/>, <paramref name="to"/>] holding a stored, not deleted
        /// record of <paramref name="type"/> (skipping delivered ones when <paramref name="undeliveredOnly"/>); 0 if none.
        /// </summary>
        public int FindFirst(int from, int to, RecordType type, bool undeliveredOnly)
        {
            int segment = OldestSegment();
            for (int n = 0; n < _segmentCount; n++)
            {
                int b = _base[segment];
                if (b > 0 && _used[segment] > 0)
                {
                    if (b > to)
                    {
                        return 0;
                    }

                    int first = from > b ? from - b : 0;
                    int last = to - b < _used[segment] - 1 ? to - b : _used[segment] - 1;
                    int row = segment * _slotsPerSegment;
                    for (int k = first; k <= last; k++)
                    {
                        if (Matches(_index[row + k], type, undeliveredOnly))
                        {
                            return b + k;
                        }
                    }
                }

                if (segment == _active)
                {
                    break;
                }

                segment = (segment + 1) % _segmentCount;
            }

            return 0;
        }

        /// <summary>Highest sequence number in [from, to] holding a stored, not deleted record of the type; 0 if none.</summary>
        public int FindLast(int from, int to, RecordType type)
        {
            int segment = _active;
            for (int n = 0; n < _segmentCount; n++)
            {
                int b = _base[segment];
                if (b > 0 && _used[segment] > 0)
                {
                    int first = from > b ? from - b : 0;
                    int last = to - b < _used[segment] - 1 ? to - b : _used[segment] - 1;
                    int row = segment * _slotsPerSegment;
                    for (int k = last; k >= first; k--)
                    {
                        if (Matches(_index[row + k], type, false))
                        {
                            return b + k;
                        }
                    }

                    if (b <= from)
                    {
                        return 0;
                    }
                }

                segment = (segment + _segmentCount - 1) % _segmentCount;
                if (segment == _active)
                {
                    break;
                }
            }

            return 0;
        }

        /// <summary>How many stored, not deleted records of the type have numbers in [from, to].</summary>
        public int Count(int from, int to, RecordType type)
        {
            int count = 0;
            for (int segment = 0; segment < _segmentCount; segment++)
            {
                int b = _base[segment];
                if (b <= 0)
                {
                    continue;
                }

                int row = segment * _slotsPerSegment;
                for (int k = 0; k < _used[segment]; k++)
                {
                    int sequence = b + k;
                    if (sequence >= from && sequence <= to && Matches(_index[row + k], type, false))
                    {
                        count++;
                    }
                }
            }

            return count;
        }

        /// <summary>Stored, not deleted records of the type the phone has not confirmed yet.</summary>
        public int CountUndelivered(RecordType type)
        {
            int count = 0;
            for (int i = 0; i < _index.Length; i++)
            {
                if (Matches(_index[i], type, true))
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>Lowest sequence number still stored (any type), or <see cref="NextSequence"/> when empty.</summary>
        public int OldestSequence
        {
            get
            {
                int segment = OldestSegment();
                for (int n = 0; n < _segmentCount; n++)
                {
                    int row = segment * _slotsPerSegment;
                    for (int k = 0; _base[segment] > 0 && k < _used[segment]; k++)
                    {
                        if ((_index[row + k] & IndexValid) != 0)
                        {
                            return _base[segment] + k;
                        }
                    }

                    if (segment == _active)
                    {
                        break;
                    }

                    segment = (segment + 1) % _segmentCount;
                }

                return _nextSequence;
            }
        }

        /// <summary>
        /// Persists that the phone has this record (RACP indication confirmed, or a fall/alarm event acknowledged on
        /// the fall alert service). Delivered records are the first to go when space runs out and are not counted as drops.
        /// </summary>
        public bool MarkDelivered(int sequence)
        {
            return WriteMark(sequence, RecordLayout.DeliveredOffset, IndexDelivered);
        }

        /// <summary>Removes a record from what the store reports (RACP delete).</summary>
        public bool MarkDeleted(int sequence)
        {
            return WriteMark(sequence, RecordLayout.DeletedOffset, IndexDeleted);
        }

        /// <summary>
        /// Idle-time work that keeps the erase off the append path: when the active segment is nearly full (an
        /// eighth of its records left) and the oldest segment holds no spot-check, fall or alarm record the phone
        /// still lacks, erases that segment now. Uncollected device events in it are counted as dropped first, in a
        /// rotation record, as a rotation would. Returns true when it erased. Call from the loop when it has time to
        /// spare; an append still erases by itself when it must.
        /// </summary>
        public bool PrepareNextSegment()
        {
            int victim = (_active + 1) % _segmentCount;
            int free = _slotsPerSegment - ReservedSlots - _used[_active];
            if (_used[victim] == 0 || free <= 0 || free > RecordsPerSegment / 8)
            {
                return false;
            }

            int row = victim * _slotsPerSegment;
            int events = 0;
            for (int k = 0; k < _used[victim]; k++)
            {
                byte entry = _index[row + k];
                int type = entry & IndexTypeMask;
                if ((entry & (IndexValid | IndexDeleted | IndexDelivered)) != IndexValid || type == (int)RecordType.Rotation)
                {
                    continue;
                }

                if (type != (int)RecordType.DeviceEvent)
                {
                    return false; // still owed to the phone: only a real rotation may drop it
                }

                events++;
            }

            if (events > 0)
            {
                FillRotationPayload(DroppedRecords, DroppedDeviceEvents + events);
                if (WriteSlot(RecordType.Rotation, _payload, 0, RotationPayloadLength) == 0)
                {
                    return false;
                }

                DroppedDeviceEvents += events;
            }

            if (!_flash.Erase(victim))
            {
                EraseFailures++;
                return false;
            }

            Array.Clear(_index, row, _slotsPerSegment);
            _base[victim] = 0;
            _used[victim] = 0;
            return true;
        }

        /// <summary>
        /// Rebuilds the RAM index from flash: erased slots are free, torn or corrupt ones are skipped (counted),
        /// the newest valid record picks the active segment, and the next sequence number follows the last slot
        /// written, valid or not. Called by the constructor; call again only after the flash changed underneath.
        /// </summary>
        public void Mount()
        {
            byte[] chunk = new byte[ScanChunkSlots * RecordLayout.SlotSize];
            int newest = 0;
            int newestSegment = -1;
            CorruptAtMount = 0;
            DroppedRecords = 0;
            DroppedDeviceEvents = 0;
            for (int segment = 0; segment < _segmentCount; segment++)
            {
                _base[segment] = 0;
                _used[segment] = 0;
                int row = segment * _slotsPerSegment;
                for (int first = 0; first < _slotsPerSegment; first += ScanChunkSlots)
                {
                    int slots = _slotsPerSegment - first < ScanChunkSlots ? _slotsPerSegment - first : ScanChunkSlots;
                    bool readOk = _flash.Read(segment, first * RecordLayout.SlotSize, chunk, 0, slots * RecordLayout.SlotSize);
                    for (int i = 0; i < slots; i++)
                    {
                        int k = first + i;
                        int at = i * RecordLayout.SlotSize;
                        if (readOk && RecordLayout.IsErased(chunk, at))
                        {
                            _index[row + k] = IndexErased;
                            continue;
                        }

                        _used[segment] = k + 1;
                        int sequence = RecordLayout.Sequence(chunk, at);
                        bool consistent = readOk && RecordLayout.IsValid(chunk, at) && sequence > k
                            && (_base[segment] == 0 || sequence == _base[segment] + k);
                        if (!consistent)
                        {
                            _index[row + k] = IndexCorrupt;
                            CorruptAtMount++;
                            continue;
                        }

                        _base[segment] = sequence - k;
                        _index[row + k] = IndexOf(chunk, at);
                        if (chunk[at + RecordLayout.TypeOffset] == (byte)RecordType.Rotation)
                        {
                            LoadDropCounters(chunk, at + RecordLayout.PayloadOffset);
                        }

                        if (sequence > newest)
                        {
                            newest = sequence;
                            newestSegment = segment;
                        }
                    }
                }
            }

            if (newestSegment < 0)
            {
                // Nothing valid anywhere: a new store (or one that lost everything); number from 1.
                _active = 0;
                _base[0] = 1;
            }
            else
            {
                _active = newestSegment;
            }

            _nextSequence = _base[_active] + _used[_active];
            int following = (_active + 1) % _segmentCount;
            if (_used[_active] > _slotsPerSegment - ReservedSlots && _base[following] == 0 && _used[following] > 0)
            {
                // The next segment holds only damage: either an erase cut short, or the start of the next segment
                // whose records did not survive. Skip as many numbers as it has touched slots, so none of them is
                // ever handed out twice; the next append erases it.
                _nextSequence += _used[following];
            }
        }

        private static bool Matches(byte entry, RecordType type, bool undeliveredOnly)
        {
            if ((entry & (IndexValid | IndexDeleted)) != IndexValid || (entry & IndexTypeMask) != (byte)type)
            {
                return false;
            }

            return !undeliveredOnly || (entry & IndexDelivered) == 0;
        }

        private static byte IndexOf(byte[] slot, int at)
        {
            byte entry = (byte)(IndexValid | slot[at + RecordLayout.TypeOffset]);
            if (RecordLayout.IsMarkSet(slot[at + RecordLayout.DeliveredOffset]))
            {
                entry |= IndexDelivered;
            }

            if (RecordLayout.IsMarkSet(slot[at + RecordLayout.DeletedOffset]))
            {
                entry |= IndexDeleted;
            }

            return entry;
        }

        private void LoadDropCounters(byte[] buffer, int at)
        {
            int records = (int)RecordLayout.ReadUInt32(buffer, at);
            int events = (int)RecordLayout.ReadUInt32(buffer, at + 4);
            if (records > DroppedRecords)
            {
                DroppedRecords = records;
            }

            if (events > DroppedDeviceEvents)
            {
                DroppedDeviceEvents = events;
            }
        }

        /// <summary>Index of the slot holding <paramref name="sequence"/> (segment * slots + slot), or -1.</summary>
        private int Locate(int sequence)
        {
            for (int segment = 0; segment < _segmentCount; segment++)
            {
                int b = _base[segment];
                if (b > 0 && sequence >= b && sequence < b + _used[segment])
                {
                    return segment * _slotsPerSegment + (sequence - b);
                }
            }

            return -1;
        }

        private int OldestSegment()
        {
            int segment = (_active + 1) % _segmentCount;
            for (int n = 0; n < _segmentCount; n++)
            {
                if (_base[segment] > 0 && _used[segment] > 0 || segment == _active)
                {
                    return segment;
                }

                segment = (segment + 1) % _segmentCount;
            }

            return _active;
        }

        private bool WriteMark(int sequence, int markOffset, byte indexFlag)
        {
            int at = Locate(sequence);
            if (at < 0 || (_index[at] & IndexValid) == 0)
            {
                return false;
            }

            if ((_index[at] & indexFlag) != 0)
            {
                return true;
            }

            _mark[0] = 0x00;
            int offset = (at % _slotsPerSegment) * RecordLayout.SlotSize + markOffset;
            if (!_flash.Write(at / _slotsPerSegment, offset, _mark, 0, 1))
            {
                MarkFailures++;
                return false;
            }

            _index[at] |= indexFlag;
            return true;
        }

        /// <summary>Writes the next slot of the active segment and reads it back; the slot and its number are used either way.</summary>
        private int WriteSlot(RecordType type, byte[] payload, int offset, int length)
        {
            int slot = _used[_active];
            int sequence = _nextSequence;
            bool clockSet = _clock.IsSet;
            long time = clockSet ? _clock.UnixSeconds : _clock.UptimeMicroseconds / 1000000;
            RecordLayout.Encode(_slot, sequence, type, clockSet, (uint)time, payload, offset, length);
            _used[_active] = slot + 1;
            _nextSequence = sequence + 1;

            int at = _active * _slotsPerSegment + slot;
            int byteOffset = slot * RecordLayout.SlotSize;
            bool ok = _flash.Write(_active, byteOffset, _slot, 0, RecordLayout.BodySize)
                && _flash.Read(_active, byteOffset, _check, 0, RecordLayout.SlotSize);
            for (int i = 0; ok && i < RecordLayout.SlotSize; i++)
            {
                ok = _check[i] == _slot[i];
            }

            if (!ok)
            {
                // The failed write may still have landed whole: clear the marker so no later mount takes it for a
                // record (the retry stores the same data under the next number).
                _mark[0] = 0x00;
                _flash.Write(_active, byteOffset + RecordLayout.MarkerOffset, _mark, 0, 1);
                _index[at] = IndexCorrupt;
                WriteFailures++;
                return 0;
            }

            _index[at] = (byte)(IndexValid | (byte)type);
            return sequence;
        }

        /// <summary>
        /// Makes room: counts what the oldest segment still owes the phone, persists the new totals in a rotation
        /// record (before the erase, so a power cut cannot lose the count), erases it and continues there.
        /// </summary>
        private bool Rotate()
        {
            int victim = (_active + 1) % _segmentCount;
            int records = 0;
            int events = 0;
            int row = victim * _slotsPerSegment;
            for (int k = 0; _base[victim] > 0 && k < _used[victim]; k++)
            {
                byte entry = _index[row + k];
                if ((entry & (IndexValid | IndexDeleted | IndexDelivered)) != IndexValid)
                {
                    continue;
                }

                int type = entry & IndexTypeMask;
                if (type == (int)RecordType.DeviceEvent)
                {
                    events++;
                }
                else if (type != (int)RecordType.Rotation)
                {
                    records++;
                }
            }

            // A rotation record from before a reset already holds totals that include this victim's records.
            bool persisted = false;
            int activeRow = _active * _slotsPerSegment;
            for (int k = _slotsPerSegment - ReservedSlots; k < _used[_active]; k++)
            {
                byte entry = _index[activeRow + k];
                persisted |= (entry & IndexValid) != 0 && (entry & IndexTypeMask) == (int)RecordType.Rotation;
            }

            if (persisted)
            {
                records = 0;
                events = 0;
            }

            while (!persisted && _used[_active] < _slotsPerSegment)
            {
                FillRotationPayload(DroppedRecords + records, DroppedDeviceEvents + events);
                persisted = WriteSlot(RecordType.Rotation, _payload, 0, RotationPayloadLength) > 0;
            }

            DroppedRecords += records;
            DroppedDeviceEvents += events;
            if (_used[victim] > 0 && !_flash.Erase(victim))
            {
                // Whatever is left there is unreliable now; its records were counted above.
                EraseFailures++;
                _base[victim] = 0;
                _used[victim] = _slotsPerSegment;
                for (int k = 0; k < _slotsPerSegment; k++)
                {
                    _index[row + k] = IndexCorrupt;
                }

                return false;
            }

            Rotations++;
            Array.Clear(_index, row, _slotsPerSegment);
            _base[victim] = _nextSequence;
            _used[victim] = 0;
            _active = victim;
            if (!persisted)
            {
                FillRotationPayload(DroppedRecords, DroppedDeviceEvents);
                WriteSlot(RecordType.Rotation, _payload, 0, RotationPayloadLength);
            }

            return true;
        }

        private void FillRotationPayload(int droppedRecords, int droppedDeviceEvents)
        {
            RecordLayout.WriteUInt32(_payload, 0, (uint)droppedRecords);
            RecordLayout.WriteUInt32(_payload, 4, (uint)droppedDeviceEvents);
        }
    }
}
