using System;
using WearableFirmware.Time;

namespace WearableFirmware.Storage
{
    /// <summary>
    /// Append-only, power-loss-safe log of records in a ring of flash segments (format: <see cref="RecordLayout"/>).
    /// <para>
    /// Every slot written consumes the next sequence number, so within a segment slot k holds sequence base + k:
    /// after a power cut the store knows which numbers a torn or corrupt slot used and never hands them out again.
    /// What a slot reads back decides whether a record was stored, not what the write reported. The last two slots
    /// of each segment hold two copies of the <see cref="RecordType.Rotation"/> record that carries the persistent
    /// drop counters and names the segment about to be erased; nothing is erased before a copy is on flash, a copy
    /// torn by a power cut is completed on the next attempt, and a segment a rotation record names is never reported
    /// again (Storage/README.md states the guarantees). A RAM index (one byte per slot) answers searches without
    /// touching flash; appending reads and writes one slot (plus two rotation records and one erase when a segment
    /// fills) and allocates nothing.
    /// </para>
    /// Not thread-safe: call it from one thread (the firmware loop).
    /// </summary>
    public sealed class RecordStore
    {
        // RAM index, one byte per slot.
        private const byte IndexErased = 0x00;
        private const byte IndexTypeMask = 0x07;

        // In the oldest segment while its rotation is under way: no longer reported or marked, so the count the
        // rotation record carries cannot change between attempts (a torn attempt is completed, not redone).
        private const byte IndexFrozen = 0x08;
        private const byte IndexDelivered = 0x10;
        private const byte IndexDeleted = 0x20;
        private const byte IndexCorrupt = 0x40;
        private const byte IndexValid = 0x80;

        // Dropped records (u32), dropped device events (u32), base sequence of the segment this rotation erases (u32).
        private const int RotationPayloadLength = 12;
        private const int RotationVictimOffset = 8;
        private const int ScanChunkSlots = 16;

        // What a slot read back after a write: the record, not it (torn, never valid), or unknown.
        private const int SlotIdentical = 1;
        private const int SlotTorn = 0;
        private const int SlotUnknown = -1;
        private const int ReservedSlots = 2;

        private readonly IFlashStorage _flash;
        private readonly WallClock _clock;
        private readonly int _segmentCount;
        private readonly int _slotsPerSegment;
        private readonly byte[] _index;
        private readonly int[] _base;
        private readonly int[] _used;
        private readonly int[] _victimOf; // per segment: the base its newest rotation record names for erasing, 0 if none
        private readonly byte[] _slot = new byte[RecordLayout.SlotSize];
        private readonly byte[] _check = new byte[RecordLayout.SlotSize];
        private readonly byte[] _payload = new byte[RecordLayout.MaxPayload];
        private readonly byte[] _mark = new byte[1];
        private int _active;
        private int _nextSequence;
        private int _totalsSegment = -1; // where the newest rotation record (the persisted drop totals) is
        private int _frozenSegment = -1; // the segment a begun rotation drops; its records are in the totals already

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
            _victimOf = new int[_segmentCount];
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

                if (sequence == SlotUnknown)
                {
                    break; // the slot may hold the record after all: a retry could store it twice
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
            if (at < 0 || !IsReadable(_index[at]))
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
                        if ((_index[row + k] & (IndexValid | IndexFrozen)) == IndexValid)
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
        /// rotation record naming the segment, as a rotation would. Returns true when it erased. Call from the loop
        /// when it has time to spare; an append still erases by itself when it must.
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
            for (int k = 0; _base[victim] > 0 && k < _used[victim]; k++)
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

            // The drop count must be on flash before the erase, and must not live only in the segment being erased.
            bool totalsThere = victim == _totalsSegment && DroppedRecords + DroppedDeviceEvents > 0;
            if (events > 0 || totalsThere)
            {
                FillRotationPayload(DroppedRecords, DroppedDeviceEvents + events, _base[victim]);
                if (WriteSlot(RecordType.Rotation, _payload, 0, RotationPayloadLength) <= 0)
                {
                    return false;
                }

                if (free > 1)
                {
                    WriteSlot(RecordType.Rotation, _payload, 0, RotationPayloadLength); // second copy, as in a rotation
                }

                DroppedDeviceEvents += events;
                _totalsSegment = _active;
            }

            if (!_flash.Erase(victim))
            {
                EraseFailures++;
                DoomSegment(victim);
                return false;
            }

            Array.Clear(_index, row, _slotsPerSegment);
            _base[victim] = 0;
            _used[victim] = 0;
            _victimOf[victim] = 0;
            return true;
        }

        /// <summary>
        /// Rebuilds the RAM index from flash: erased slots are free, torn or corrupt ones are skipped (counted),
        /// the newest valid record picks the active segment, and the next sequence number follows the last slot
        /// written, valid or not. An interrupted rotation is taken up where it stopped: a segment that a rotation
        /// record names was counted as dropped, so whatever the cut erase left of it is never reported; a rotation
        /// whose record is torn keeps the oldest segment frozen until the next append completes it. Reads only.
        /// Called by the constructor; call again only after the flash changed underneath.
        /// </summary>
        public void Mount()
        {
            byte[] chunk = new byte[ScanChunkSlots * RecordLayout.SlotSize];
            int newest = 0;
            int newestSegment = -1;
            int newestRotation = 0;
            _totalsSegment = -1;
            _frozenSegment = -1;
            CorruptAtMount = 0;
            DroppedRecords = 0;
            DroppedDeviceEvents = 0;
            for (int segment = 0; segment < _segmentCount; segment++)
            {
                _base[segment] = 0;
                _used[segment] = 0;
                _victimOf[segment] = 0;
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
                            if (chunk[at + RecordLayout.LengthOffset] >= RotationPayloadLength)
                            {
                                _victimOf[segment] = (int)RecordLayout.ReadUInt32(chunk, at + RecordLayout.PayloadOffset + RotationVictimOffset);
                            }

                            if (sequence > newestRotation)
                            {
                                newestRotation = sequence;
                                _totalsSegment = segment;
                            }
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
            if (_used[_active] >= _slotsPerSegment - ReservedSlots && _base[following] == 0 && _used[following] > 0)
            {
                // The next segment holds only damage: either an erase cut short, or the start of the next segment
                // whose records did not survive. Skip as many numbers as it has touched slots, so none of them is
                // ever handed out twice; the next append erases it.
                _nextSequence += _used[following];
            }

            // A segment some rotation record names was counted when that record was written: what a cut erase left
            // of it is gone already.
            for (int segment = 0; segment < _segmentCount; segment++)
            {
                for (int other = 0; other < _segmentCount; other++)
                {
                    if (other != segment && _victimOf[other] > 0 && _base[segment] == _victimOf[other])
                    {
                        DoomSegment(segment);
                    }
                }
            }

            // A reserved slot touched without a valid rotation record: the rotation began and was cut. Its record
            // is completed by the next append with the same count, so the segment it drops stays as it was.
            if (_used[_active] > _slotsPerSegment - ReservedSlots && !HasRotationRecord(_active) && _base[following] > 0)
            {
                Freeze(following);
            }
        }

        private static bool Matches(byte entry, RecordType type, bool undeliveredOnly)
        {
            if ((entry & (IndexValid | IndexDeleted | IndexFrozen)) != IndexValid || (entry & IndexTypeMask) != (byte)type)
            {
                return false;
            }

            return !undeliveredOnly || (entry & IndexDelivered) == 0;
        }

        private static bool IsReadable(byte entry)
        {
            return (entry & (IndexValid | IndexFrozen)) == IndexValid && (entry & IndexTypeMask) != (int)RecordType.Rotation;
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

        /// <summary>Forgets a segment whose records are counted as dropped; it is erased when the ring reaches it.</summary>
        private void DoomSegment(int segment)
        {
            int row = segment * _slotsPerSegment;
            for (int k = 0; k < _slotsPerSegment; k++)
            {
                if (_index[row + k] != IndexErased)
                {
                    _index[row + k] = IndexCorrupt;
                }
            }

            _base[segment] = 0;
            _victimOf[segment] = 0;
            if (_totalsSegment == segment)
            {
                _totalsSegment = -1;
            }
        }

        /// <summary>
        /// Starts dropping a segment: its records are no longer reported or marked, and those the phone lacks are
        /// counted now (the rotation record then carries the same totals however often it has to be attempted).
        /// </summary>
        private void Freeze(int segment)
        {
            int row = segment * _slotsPerSegment;
            for (int k = 0; _base[segment] > 0 && k < _used[segment]; k++)
            {
                byte entry = _index[row + k];
                if ((entry & IndexValid) == 0)
                {
                    continue;
                }

                _index[row + k] = (byte)(entry | IndexFrozen);
                int type = entry & IndexTypeMask;
                if ((entry & (IndexDeleted | IndexDelivered)) != 0 || type == (int)RecordType.Rotation)
                {
                    continue;
                }

                if (type == (int)RecordType.DeviceEvent)
                {
                    DroppedDeviceEvents++;
                }
                else
                {
                    DroppedRecords++;
                }
            }

            _frozenSegment = segment;
        }

        private bool HasRotationRecord(int segment)
        {
            int row = segment * _slotsPerSegment;
            for (int k = _slotsPerSegment - ReservedSlots; k < _used[segment]; k++)
            {
                byte entry = _index[row + k];
                if ((entry & IndexValid) != 0 && (entry & IndexTypeMask) == (int)RecordType.Rotation)
                {
                    return true;
                }
            }

            return false;
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
            if (at < 0 || !IsReadable(_index[at]))
            {
                return false;
            }

            if ((_index[at] & indexFlag) != 0)
            {
                return true;
            }

            _mark[0] = 0x00;
            int segment = at / _slotsPerSegment;
            int offset = (at % _slotsPerSegment) * RecordLayout.SlotSize + markOffset;
            // A mark write that reports failure may still have landed: the flash decides, as the next start-up will.
            if (!_flash.Write(segment, offset, _mark, 0, 1)
                && !(_flash.Read(segment, offset, _mark, 0, 1) && RecordLayout.IsMarkSet(_mark[0])))
            {
                MarkFailures++;
                return false;
            }

            _index[at] |= indexFlag;
            return true;
        }

        /// <summary>
        /// Writes the next slot of the active segment; the slot and its number are used either way. What the slot
        /// reads back decides, not what the write reported: a write that failed but landed whole is the record (so
        /// the retry cannot store it twice), one that did not land is torn and can never be taken for a record. Only
        /// a slot that cannot be read back is invalidated by clearing its marker; if even that is not confirmed the
        /// append gives up rather than risk a second copy (<see cref="SlotUnknown"/>).
        /// </summary>
        private int WriteSlot(RecordType type, byte[] payload, int offset, int length)
        {
            int slot = _used[_active];
            int sequence = _nextSequence;
            bool clockSet = _clock.IsSet;
            long time = clockSet ? _clock.UnixSeconds : _clock.UptimeMicroseconds / 1000000;
            if (time < 0 || time > 0xFFFFFFFFL)
            {
                // Never a wrapped date: a time the u32 field cannot hold is stored as uptime, flagged "clock not set".
                clockSet = false;
                time = _clock.UptimeMicroseconds / 1000000;
            }

            RecordLayout.Encode(_slot, sequence, type, clockSet, (uint)time, payload, offset, length);
            _used[_active] = slot + 1;
            _nextSequence = sequence + 1;

            int at = _active * _slotsPerSegment + slot;
            int byteOffset = slot * RecordLayout.SlotSize;
            bool written = _flash.Write(_active, byteOffset, _slot, 0, RecordLayout.BodySize);
            int landed = ReadBack(byteOffset);
            if (landed == SlotUnknown)
            {
                // Unreadable, or a valid record that is not this one: make sure it can never be taken for one.
                _mark[0] = 0x00;
                landed = _flash.Write(_active, byteOffset + RecordLayout.MarkerOffset, _mark, 0, 1) ? SlotTorn : ReadBack(byteOffset);
            }

            if (!written)
            {
                WriteFailures++;
            }

            if (landed == SlotIdentical)
            {
                _index[at] = (byte)(IndexValid | (byte)type);
                return sequence;
            }

            _index[at] = IndexCorrupt;
            if (written)
            {
                WriteFailures++; // reported success, read back different
            }

            return landed == SlotUnknown ? SlotUnknown : 0;
        }

        private int ReadBack(int byteOffset)
        {
            if (!_flash.Read(_active, byteOffset, _check, 0, RecordLayout.SlotSize))
            {
                return SlotUnknown;
            }

            // The marks are not part of the record: a bit flipped there since the erase does not make it another one.
            for (int i = 0; i < RecordLayout.BodySize; i++)
            {
                if (_check[i] != _slot[i])
                {
                    return RecordLayout.IsValid(_check, 0) ? SlotUnknown : SlotTorn;
                }
            }

            return SlotIdentical;
        }

        /// <summary>
        /// Makes room: freezes the oldest segment, persists the new drop totals in a rotation record naming it (in
        /// the active segment's reserved slots, before the erase), erases it and continues there. Without a rotation
        /// record on flash nothing is erased: the append fails instead (counted) and the next one tries again.
        /// </summary>
        private bool Rotate()
        {
            int victim = (_active + 1) % _segmentCount;

            // A rotation record from before a reset already holds totals that include this victim's records (and
            // Mount has set the victim aside).
            if (!HasRotationRecord(_active))
            {
                if (_frozenSegment != victim)
                {
                    Freeze(victim);
                }

                FillRotationPayload(DroppedRecords, DroppedDeviceEvents, _base[victim]);
                bool needed = _base[victim] > 0 || victim == _totalsSegment && DroppedRecords + DroppedDeviceEvents > 0;
                if (!WriteRotationRecord() && needed)
                {
                    return false;
                }
            }

            int row = victim * _slotsPerSegment;
            _frozenSegment = -1;
            if (_used[victim] > 0 && !_flash.Erase(victim))
            {
                // Whatever is left there is unreliable now; its records are counted.
                EraseFailures++;
                DoomSegment(victim);
                _used[victim] = _slotsPerSegment;
                return false;
            }

            Rotations++;
            Array.Clear(_index, row, _slotsPerSegment);
            _base[victim] = _nextSequence;
            _used[victim] = 0;
            _victimOf[victim] = 0;
            _active = victim;
            return true;
        }

        /// <summary>
        /// Puts the rotation record in <see cref="_payload"/> into both reserved slots of the active segment (two
        /// copies: a bit flipped in one cannot take the drop totals back); true when at least one landed. A slot that a cut or failed write left holding part of this same record is programmed again
        /// (NOR flash: only the bits still to clear change), so any number of cuts in a row cannot use the slots up.
        /// </summary>
        private bool WriteRotationRecord()
        {
            int activeRow = _active * _slotsPerSegment;
            int copies = 0;
            for (int k = _slotsPerSegment - ReservedSlots; k < _slotsPerSegment; k++)
            {
                int sequence = _base[_active] + k;
                RecordLayout.Encode(_slot, sequence, RecordType.Rotation, false, 0, _payload, 0, RotationPayloadLength);
                int byteOffset = k * RecordLayout.SlotSize;
                for (int attempt = 0; attempt < 2; attempt++)
                {
                    if (!_flash.Read(_active, byteOffset, _check, 0, RecordLayout.SlotSize) || !CanProgram(_check, _slot))
                    {
                        break;
                    }

                    if (k >= _used[_active])
                    {
                        _used[_active] = k + 1;
                    }

                    if (_nextSequence <= sequence)
                    {
                        _nextSequence = sequence + 1;
                    }

                    if (!_flash.Write(_active, byteOffset, _slot, 0, RecordLayout.BodySize))
                    {
                        WriteFailures++;
                    }

                    if (ReadBack(byteOffset) == SlotIdentical)
                    {
                        _index[activeRow + k] = (byte)(IndexValid | (byte)RecordType.Rotation);
                        _victimOf[_active] = (int)RecordLayout.ReadUInt32(_payload, RotationVictimOffset);
                        _totalsSegment = _active;
                        copies++;
                        break;
                    }

                    _index[activeRow + k] = IndexCorrupt;
                }
            }

            return copies > 0;
        }

        /// <summary>True when programming <paramref name="image"/> over <paramref name="existing"/> can give exactly the image (no bit to set).</summary>
        private static bool CanProgram(byte[] existing, byte[] image)
        {
            for (int i = 0; i < RecordLayout.BodySize; i++)
            {
                if ((existing[i] & image[i]) != image[i])
                {
                    return false;
                }
            }

            return true;
        }

        private void FillRotationPayload(int droppedRecords, int droppedDeviceEvents, int victimBase)
        {
            RecordLayout.WriteUInt32(_payload, 0, (uint)droppedRecords);
            RecordLayout.WriteUInt32(_payload, 4, (uint)droppedDeviceEvents);
            RecordLayout.WriteUInt32(_payload, RotationVictimOffset, (uint)victimBase);
        }
    }
}
