using WearableFirmware.Ble;
using WearableFirmware.Sampling;
using WearableFirmware.Storage;

namespace WearableFirmware.Application
{
    /// <summary>
    /// Joins the Pulse Oximeter service to the record store, per connection.
    /// <para>
    /// RACP: a control point write starts a procedure that belongs to the peer that wrote it: its subscriptions are
    /// checked, its stored spot-checks go out to it alone as PLX Spot-check Measurement indications flagged "from
    /// storage", its confirmations advance the procedure, and only its abort or its disconnect ends it. Another
    /// peer's write while it runs, abort included, gets Procedure Already In Progress.
    /// </para>
    /// <para>
    /// Live spot-checks: a spot-check stored while phones are connected is indicated at once (not "from storage") to
    /// each one subscribed to the Spot-check Measurement; the first confirmation marks the record delivered, so a
    /// phone that stays connected never lets the store fill with records it already has. A live indication nobody
    /// confirmed leaves the record undelivered, for RACP. One live record is in flight at a time, and none while a
    /// RACP procedure runs (its report includes the record).
    /// </para>
    /// Polled every tick in the publish phase; all calls on the loop thread (under SyncRoot).
    /// </summary>
    public sealed class RecordAccessBridge : IRecordAccessHandler, IRecordTransport, ILoopTask
    {
        /// <summary>Connections served at once (bonds are limited to <see cref="BlePairingPolicy.MaxBonds"/>, plus one pairing).</summary>
        public const int MaxConnections = BlePairingPolicy.MaxBonds + 1;

        private readonly PulseOximeterService _service;
        private readonly RecordStore _store;
        private readonly StoredRecord _live = new StoredRecord();
        private readonly IGattLink[] _links = new IGattLink[MaxConnections];
        private readonly bool[] _awaitingLive = new bool[MaxConnections];
        private OwnedRecordAccess _racp;
        private int _liveSequence;
        private int _liveCursor;

        public RecordAccessBridge(PulseOximeterService service, RecordStore store)
        {
            _service = service;
            _store = store;
            _liveCursor = store.NextSequence; // what is stored already is fetched with RACP
            service.RecordAccess = this;
        }

        /// <summary>The procedures this bridge serves (set once, after both exist).</summary>
        public void Attach(RacpControlPoint racp)
        {
            _racp = new OwnedRecordAccess(racp);
        }

        public bool ProcedureInProgress
        {
            get { return _racp.InProgress; }
        }

        /// <summary>Spot-checks a phone confirmed as live indications.</summary>
        public int LiveDelivered { get; private set; }

        public byte OnControlPointWrite(IGattLink link, byte[] data, int offset, int length)
        {
            return _racp.Write(link, data, offset, length, link.IsSubscribed(_service.RecordAccessControlPoint), link.IsSubscribed(_service.SpotCheck));
        }

        public bool SendStoredRecord(StoredRecord record)
        {
            return _racp.Owner != null && Send(_racp.Owner, record, true);
        }

        public bool SendRacpResponse(byte[] value, int length)
        {
            return _racp.Owner != null && _service.SendRacpResponse(_racp.Owner, value, length);
        }

        /// <summary>A peer connected.</summary>
        public void OnConnected(IGattLink link)
        {
            int free = IndexOf(null);
            if (free >= 0 && IndexOf(link) < 0)
            {
                _links[free] = link;
                _awaitingLive[free] = false;
            }
        }

        /// <summary>A peer's link went down: its procedure (only its own) is abandoned; confirmed records stay delivered.</summary>
        public void OnDisconnected(IGattLink link)
        {
            int i = IndexOf(link);
            if (i >= 0)
            {
                _links[i] = null;
                _awaitingLive[i] = false;
            }

            _racp.OnDisconnected(link);
        }

        /// <summary>A peer confirmed an indication on the Pulse Oximeter service.</summary>
        public void OnIndicationConfirmed(IGattLink link, GattCharacteristic characteristic)
        {
            if (characteristic == _service.SpotCheck)
            {
                // Indications are confirmed in the order sent: a live one sent before this peer's report comes first.
                int i = IndexOf(link);
                if (i >= 0 && _awaitingLive[i])
                {
                    _awaitingLive[i] = false;
                    if (_liveSequence > 0 && _store.MarkDelivered(_liveSequence))
                    {
                        LiveDelivered++;
                        _liveSequence = 0;
                    }
                }
                else
                {
                    _racp.OnRecordConfirmed(link);
                }
            }
            else if (characteristic == _service.RecordAccessControlPoint)
            {
                _racp.OnResponseConfirmed(link);
            }
        }

        public void Run(long nowMicroseconds)
        {
            _racp.Poll();
            if (!_racp.InProgress)
            {
                OfferLive();
            }
        }

        /// <summary>Indicates the next spot-check stored since the last one offered, to every subscribed peer.</summary>
        private void OfferLive()
        {
            // Nothing stored since the last offer, the case of almost every tick: nothing to do. (The offered sequence
            // is only read while a peer awaits its confirmation, and set anew before any peer awaits one.)
            if (_store.NextSequence <= _liveCursor)
            {
                return;
            }

            for (int i = 0; i < MaxConnections; i++)
            {
                if (_awaitingLive[i])
                {
                    return;
                }
            }

            _liveSequence = 0;

            if (!AnySubscribed())
            {
                _liveCursor = _store.NextSequence; // nobody to tell: these are stored records, fetched with RACP
                return;
            }

            int sequence = _store.FindFirst(_liveCursor, int.MaxValue, RecordType.SpotCheck, true);
            _liveCursor = sequence > 0 ? sequence + 1 : _store.NextSequence;
            if (sequence == 0 || !_store.TryRead(sequence, _live))
            {
                return;
            }

            _liveSequence = sequence;
            for (int i = 0; i < MaxConnections; i++)
            {
                IGattLink link = _links[i];
                if (link != null && link.IsSubscribed(_service.SpotCheck))
                {
                    // Awaiting first: a transport may confirm before the send returns.
                    _awaitingLive[i] = true;
                    _awaitingLive[i] = Send(link, _live, false) && _awaitingLive[i];
                }
            }
        }

        private bool Send(IGattLink link, StoredRecord record, bool fromStorage)
        {
            if (record.Type != RecordType.SpotCheck)
            {
                return false;
            }

            int pai = SpotCheckPayload.PulseAmplitudeIndexHundredths(record);
            return _service.SendSpotCheckTo(
                link,
                SpotCheckPayload.Spo2Tenths(record) / 10f,
                SpotCheckPayload.PulseRateTenths(record) / 10f,
                record.ClockSet,
                record.Time,
                SpotCheckPayload.MeasurementStatus(record),
                SpotCheckPayload.DeviceAndSensorStatus(record),
                pai == SpotCheckPayload.NoPulseAmplitudeIndex ? float.NaN : pai / 100f,
                fromStorage);
        }

        private bool AnySubscribed()
        {
            for (int i = 0; i < MaxConnections; i++)
            {
                if (_links[i] != null && _links[i].IsSubscribed(_service.SpotCheck))
                {
                    return true;
                }
            }

            return false;
        }

        private int IndexOf(IGattLink link)
        {
            for (int i = 0; i < MaxConnections; i++)
            {
                if (_links[i] == link)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
