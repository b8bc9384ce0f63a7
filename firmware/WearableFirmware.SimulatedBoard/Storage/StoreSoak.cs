using WearableFirmware.Storage;
using WearableFirmware.Time;

namespace WearableFirmware.SimulatedBoard.Storage;

/// <summary>
/// Days of wear in minutes of host time: a spot-check every interval while worn, falls, sensor faults, boots and
/// clock sets as device events, a phone that comes and goes and retrieves what it missed with RACP (dropping the
/// link now and then), fall events delivered and acknowledged on reconnect, random power cuts at random byte
/// offsets of flash operations and failing writes. Checks the store's promises against a model of what was
/// acknowledged.
/// </summary>
public sealed class StoreSoak
{
    private const long Minute = 60;

    private readonly StoreSoakOptions _o;
    private readonly Random _random;
    private readonly SimulatedFlash _flash;
    private readonly RacpCollector _phone = new();
    private readonly Dictionary<int, byte[]> _acknowledged = new();
    private readonly Dictionary<int, RecordType> _types = new();
    private readonly HashSet<string> _interrupted = new();
    private readonly HashSet<int> _fallsReceived = new();
    private VirtualClock _uptime = new();
    private SpotCheckScheduler _scheduler;
    private WallClock _wallClock;
    private RecordStore _store;
    private RacpControlPoint _racp;
    private long _now;
    private int _uniqueId;
    private int _reboots;
    private int _retrievals;
    private int _linkDrops;
    private int _refused;
    private int _corruptAtMount;
    private int _writeFailures;
    private int _rotations;
    private int _maxWrites;
    private int _maxErases;
    private int _maxUndelivered;
    private double _linkDropPerRecord;
    private int _bitFlips;
    private readonly List<StoreSoakSample> _timeline = new();
    private readonly List<double> _powerCutDays = new();

    public StoreSoak(StoreSoakOptions options)
    {
        _o = options;
        _random = new Random(options.Seed);
        _flash = new SimulatedFlash(options.Segments, options.SegmentSize, options.Seed) { WriteFailureProbability = options.WriteFailureProbability };
        _wallClock = new WallClock(_uptime);
        _store = new RecordStore(_flash, _wallClock);
        _racp = new RacpControlPoint(_store, _phone);
        _scheduler = new SpotCheckScheduler(options.SpotCheckIntervalSeconds);
        _linkDropPerRecord = options.LinkDropPerRecord;
    }

    public StoreSoakResult Run(Action<string>? progress = null)
    {
        long end = (long)(_o.Days * 86400);
        Guarded(() => Append(RecordType.DeviceEvent, DeviceEventCode.Boot));
        bool connected = false;
        long nextChange = NextOffline();
        long offlineSince = 0;
        double longestOffline = 0;
        long nextRetrieval = long.MaxValue;
        int lastDay = -1;
        bool longAbsenceDone = _o.LongAbsenceHours <= 0;
        double reportAbsenceHours = 0;
        bool connectedInWindow = false;
        for (_now = 0; _now < end; _now += Minute)
        {
            _uptime.Advance(Minute * 1_000_000);
            if (_now / 86400 != lastDay && progress != null)
            {
                lastDay = (int)(_now / 86400);
                progress($"day {_now / 86400.0:F1}: {_store.CountUndelivered(RecordType.SpotCheck)} spot-checks waiting for the phone, {_store.DroppedRecords} dropped");
            }

            if (Chance(_o.PowerCutsPerDay))
            {
                _flash.CutPowerAfter(_random.Next(0, 80));
            }

            if (Chance(_o.BitFlipsPerDay))
            {
                _bitFlips++;
                _flash.FlipBit(_random.Next(_flash.SegmentCount), _random.Next(_flash.SegmentSize), _random.Next(8));
            }

            bool worn = _now % 86400 < 23 * 3600; // off the wrist one hour a day
            if (_scheduler.IsDue(_uptime.NowMicroseconds, worn))
            {
                Guarded(() => AppendMeasurement(RecordType.SpotCheck));
            }

            if (Chance(_o.FallsPerDay))
            {
                Guarded(() => AppendMeasurement(RecordType.Fall));
            }

            if (Chance(_o.SensorFaultsPerDay))
            {
                Guarded(() => Append(RecordType.DeviceEvent, DeviceEventCode.SensorFault));
            }

            if (_now >= nextChange)
            {
                connected = !connected;
                if (connected)
                {
                    reportAbsenceHours = (_now - offlineSince) / 3600.0;
                    longestOffline = Math.Max(longestOffline, reportAbsenceHours);
                    nextChange = _now + (10 + _random.Next(50)) * Minute;
                    nextRetrieval = _now;
                    _phone.Connected = true;
                    if (!_wallClock.IsSet)
                    {
                        long step = _wallClock.Set(1_780_000_000 + _now);
                        Guarded(() => Append(RecordType.DeviceEvent, DeviceEventCode.ClockSet, (int)step));
                    }
                }
                else
                {
                    offlineSince = _now;
                    nextChange = _now + NextOffline();
                    if (!longAbsenceDone && _now >= 2 * 86400)
                    {
                        longAbsenceDone = true;
                        nextChange = _now + (long)(_o.LongAbsenceHours * 3600);
                    }

                    _phone.Disconnect(_racp);
                    nextRetrieval = long.MaxValue;
                }
            }

            if (connected && _now >= nextRetrieval)
            {
                int before = _phone.Records.Count;
                Guarded(Retrieve);
                nextRetrieval = _now + 15 * Minute;
                if (reportAbsenceHours >= 12 && progress != null)
                {
                    progress($"day {_now / 86400.0:F1}: phone back after {reportAbsenceHours:F1} h away, retrieved {_phone.Records.Count - before} spot-checks with RACP ({_store.CountUndelivered(RecordType.SpotCheck)} still waiting: link dropped or power cut mid-transfer; {_store.DroppedRecords} dropped)");
                }

                reportAbsenceHours = 0;
            }

            Guarded(() => _store.PrepareNextSegment()); // idle time at the end of the minute
            int waiting = _store.CountUndelivered(RecordType.SpotCheck);
            _maxUndelivered = Math.Max(_maxUndelivered, waiting);
            connectedInWindow |= connected;
            if (_now % (30 * Minute) == 0)
            {
                _timeline.Add(new StoreSoakSample(_now / 86400.0, waiting, _store.DroppedRecords, connectedInWindow));
                connectedInWindow = false;
            }
        }

        // Final visit with no faults: the phone takes everything that is left.
        _flash.CancelPowerCut();
        _flash.WriteFailureProbability = 0;
        _linkDropPerRecord = 0;
        _phone.Disconnect(_racp);
        _phone.Connected = true;
        Retrieve();
        CollectCounters();
        return Summarize(longestOffline);
    }

    private long NextOffline()
    {
        double hours = -Math.Log(1 - _random.NextDouble()) * _o.MeanOfflineHours;
        return (long)(Math.Min(hours, _o.MaxOfflineHours) * 3600) + Minute;
    }

    private bool Chance(double perDay) => _random.NextDouble() < perDay / 1440.0;

    private void Retrieve()
    {
        _retrievals++;
        RetrievalOutcome outcome = _phone.Run(_racp, _phone.MissedRecordsRequest(), () =>
        {
            bool drop = _random.NextDouble() < _linkDropPerRecord;
            _linkDrops += drop ? 1 : 0;
            return drop;
        });
        if (outcome == RetrievalOutcome.Disconnected)
        {
            _phone.Connected = true; // reconnects at once; the next retrieval resumes
            return;
        }

        // Fall events stored while away go out on the fall alert service; the phone acknowledges each one.
        var record = new StoredRecord();
        for (int seq = _store.FindFirst(1, int.MaxValue, RecordType.Fall, true); seq > 0; seq = _store.FindFirst(seq + 1, int.MaxValue, RecordType.Fall, true))
        {
            if (_store.TryRead(seq, record))
            {
                _fallsReceived.Add(seq);
                CheckDelivered(seq, record.Payload[..record.PayloadLength]);
                _store.MarkDelivered(seq);
            }
        }
    }

    private void Append(RecordType type, DeviceEventCode code, int argument = 0)
    {
        byte[] payload = [(byte)code, (byte)argument, (byte)(argument >> 8), (byte)(argument >> 16), (byte)(argument >> 24), .. BitConverter.GetBytes(++_uniqueId)];
        Append(type, payload);
    }

    private void AppendMeasurement(RecordType type)
    {
        byte[] payload = new byte[type == RecordType.SpotCheck ? SpotCheckPayload.Length : 6];
        if (type == RecordType.SpotCheck)
        {
            SpotCheckPayload.Write(payload, 900 + _random.Next(100), 500 + _random.Next(700), 0x0080, ++_uniqueId & 0xFFFFFF, 150 + _random.Next(500));
        }
        else
        {
            BitConverter.GetBytes(++_uniqueId).CopyTo(payload, 0);
            payload[4] = (byte)_random.Next(256);
        }

        Append(type, payload);
    }

    private void Append(RecordType type, byte[] payload)
    {
        int writes = _flash.Writes;
        int erases = _flash.EraseCounts.Sum();
        _interrupted.Add(Convert.ToHexString(payload));
        int sequence = _store.Append(type, payload, 0, payload.Length);
        _interrupted.Remove(Convert.ToHexString(payload));
        _maxWrites = Math.Max(_maxWrites, _flash.Writes - writes);
        _maxErases = Math.Max(_maxErases, _flash.EraseCounts.Sum() - erases);
        if (sequence == 0)
        {
            _refused++;
            return;
        }

        _acknowledged[sequence] = payload;
        _types[sequence] = type;
    }

    /// <summary>Runs one firmware action; a power cut inside it reboots the device (a new store over the same flash).</summary>
    private void Guarded(Action action)
    {
        try
        {
            action();
        }
        catch (SimulatedPowerLossException)
        {
            _powerCutDays.Add(_now / 86400.0);
            CollectCounters();
            _flash.PowerOn();
            _reboots++;
            _uptime = new VirtualClock();
            _wallClock = new WallClock(_uptime);
            _phone.Disconnect(_racp);
            _phone.Connected = true;
            _store = new RecordStore(_flash, _wallClock);
            _racp = new RacpControlPoint(_store, _phone);
            _scheduler = new SpotCheckScheduler(_o.SpotCheckIntervalSeconds);
            _corruptAtMount += _store.CorruptAtMount;
            Guarded(() => Append(RecordType.DeviceEvent, DeviceEventCode.Boot));
        }
    }

    private void CollectCounters()
    {
        _writeFailures += _store.WriteFailures;
        _rotations += _store.Rotations;
    }

    private int _corruptDelivered;

    private void CheckDelivered(int sequence, byte[] payload)
    {
        bool known = _acknowledged.TryGetValue(sequence, out byte[]? expected)
            ? expected.AsSpan().SequenceEqual(payload)
            : _interrupted.Contains(Convert.ToHexString(payload));
        if (!known)
        {
            _corruptDelivered++;
        }
    }

    private StoreSoakResult Summarize(double longestOffline)
    {
        foreach (ReceivedRecord r in _phone.Records)
        {
            CheckDelivered(r.Sequence, r.Payload);
        }

        var received = _phone.Records.Select(r => r.Sequence).ToHashSet();
        int missing = _acknowledged.Keys.Count(s => _types[s] == RecordType.SpotCheck && !received.Contains(s))
            + _acknowledged.Keys.Count(s => _types[s] == RecordType.Fall && !_fallsReceived.Contains(s));
        return new StoreSoakResult
        {
            SimulatedDays = _now / 86400.0,
            SpotChecksAcknowledged = _types.Values.Count(t => t == RecordType.SpotCheck),
            FallsAcknowledged = _types.Values.Count(t => t == RecordType.Fall),
            DeviceEventsAcknowledged = _types.Values.Count(t => t == RecordType.DeviceEvent),
            AppendsRefused = _refused,
            SpotChecksReceived = received.Count,
            FallsReceived = _fallsReceived.Count,
            Reboots = _reboots,
            PowerCuts = _flash.PowerCuts,
            Retrievals = _retrievals,
            LinkDrops = _linkDrops,
            LongestOfflineHours = longestOffline,
            MaxUndelivered = _maxUndelivered,
            Capacity = _store.Capacity,
            DroppedRecords = _store.DroppedRecords,
            DroppedDeviceEvents = _store.DroppedDeviceEvents,
            CorruptAtMountTotal = _corruptAtMount,
            WriteFailures = _writeFailures,
            Rotations = _rotations,
            MaxWritesPerAppend = _maxWrites,
            MaxErasesPerAppend = _maxErases,
            MaxEraseCount = _flash.EraseCounts.Max(),
            BitFlips = _bitFlips,
            Timeline = _timeline,
            PowerCutDays = _powerCutDays,
            Duplicates = _phone.Duplicates,
            CorruptDelivered = _corruptDelivered,
            Missing = missing,
        };
    }
}
