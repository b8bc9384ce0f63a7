using WearableFirmware.Alarms;
using WearableFirmware.Ble;
using WearableFirmware.Drivers;
using WearableFirmware.Storage;

namespace WearableFirmware.Application
{
    /// <summary>
    /// Connects the alarm system to the outside: every alarm event becomes an alarm record in the record store (and
    /// the alarms' state is kept on flash when the event changed it), the
    /// Alarm Status characteristic follows the alarm system (indicated on every change), a bonded phone's limit
    /// writes are kept on flash before they apply (and logged), and the alarm service's Record Access Control Point
    /// replays stored alarm records to the peer that asked (OwnedRecordAccess). Runs on the loop thread (<see cref="Run"/> every tick).
    /// </summary>
    public sealed class AlarmBridge : IAlarmEventSink, IAlarmSettingsListener, IRecordAccessHandler, IRecordTransport
    {
        private readonly AlarmService _service;
        private readonly IClock _clock;
        private readonly RecordStore _store;
        private readonly SettingsStore _settingsStore;
        private readonly AlarmStateStore _state;
        private readonly AlarmSettings _settings;
        private readonly OwnedRecordAccess _racp;
        private readonly byte[] _payload = new byte[RecordLayout.MaxPayload];
        private readonly byte[] _saved = new byte[AlarmSettings.EncodedLength];
        private AlarmSystem _system;
        private AlarmEvaluator _evaluator;
        private AlarmSignalArbiter _arbiter;
        private readonly AlarmEvent _settingsEvent = new AlarmEvent();
        private int _shownChange;
        private bool _shownFallPrecedence;
        private long _nextRefresh;

        /// <param name="settings">The live settings: loaded from flash here, changed by accepted writes.</param>
        /// <param name="state">Keeps the alarms' state on flash across restarts, saved after each event that changes it.</param>
        public AlarmBridge(AlarmService service, RecordStore store, SettingsStore settingsStore, AlarmSettings settings, AlarmStateStore state, IClock clock)
        {
            _clock = clock;
            _service = service;
            _store = store;
            _settingsStore = settingsStore;
            _state = state;
            _settings = settings;
            _racp = new OwnedRecordAccess(new RacpControlPoint(store, this, true, RecordType.Alarm));
            service.SettingsListener = this;
            service.RecordAccess = this;
            LoadSettings();
            service.ShowSettings(settings);
        }

        /// <summary>True when the settings came from flash (a phone set them before a restart), false for the defaults.</summary>
        public bool SettingsRestored { get; private set; }

        /// <summary>Also told of every alarm event after it is stored (diagnostics, the simulator's log); null for none.</summary>
        public IAlarmEventSink Observer { get; set; }

        /// <summary>Alarm events stored.</summary>
        public int EventsStored { get; private set; }

        /// <summary>Alarm events that could not be stored (store failing).</summary>
        public int StoreFailures { get; private set; }

        public bool ProcedureInProgress
        {
            get { return _racp.InProgress; }
        }

        /// <summary>The alarm system, evaluator and outputs this bridge serves (set once, after all exist).</summary>
        public void Attach(AlarmSystem system, AlarmEvaluator evaluator, AlarmSignalArbiter arbiter)
        {
            _system = system;
            _evaluator = evaluator;
            _arbiter = arbiter;
        }

        public void OnAlarmEvent(AlarmEvent alarmEvent)
        {
            _state.Keep(_system);
            Store(AlarmRecord.Encode(_payload, alarmEvent));
            IAlarmEventSink observer = Observer;
            if (observer != null)
            {
                observer.OnAlarmEvent(alarmEvent);
            }
        }

        public byte OnSettingsWritten(AlarmSettings settings)
        {
            settings.Write(_saved, 0);
            if (!_settingsStore.Save(_saved, 0, AlarmSettings.EncodedLength))
            {
                return AttErrorCode.WriteRequestRejected;
            }

            _settings.CopyFrom(settings);
            if (_evaluator != null)
            {
                _evaluator.Apply(_settings);
            }

            Store(AlarmRecord.EncodeSettings(_payload, _settings));
            IAlarmEventSink observer = Observer;
            if (observer != null)
            {
                _settingsEvent.Kind = AlarmEventKind.SettingsChanged;
                _settingsEvent.Value = float.NaN;
                _settingsEvent.Limit = float.NaN;
                _settingsEvent.AtMicroseconds = _clock.NowMicroseconds;
                observer.OnAlarmEvent(_settingsEvent);
            }

            return AttErrorCode.Success;
        }

        public byte OnControlPointWrite(IGattLink link, byte[] data, int offset, int length)
        {
            return _racp.Write(link, data, offset, length, link.IsSubscribed(_service.RecordAccessControlPoint), link.IsSubscribed(_service.Record));
        }

        public bool SendStoredRecord(StoredRecord record)
        {
            IGattLink owner = _racp.Owner;
            if (owner == null || record.Type != RecordType.Alarm || record.PayloadLength < 1)
            {
                return false;
            }

            AlarmEventKind kind = AlarmRecord.Kind(record);
            if (kind == AlarmEventKind.SettingsChanged)
            {
                return _service.SendRecordTo(owner, record.Sequence, record.ClockSet, record.Time, kind, 0, AlarmPriority.None, float.NaN, float.NaN, 0, 0,
                    false, record.Payload, 1);
            }

            return _service.SendRecordTo(owner, record.Sequence, record.ClockSet, record.Time, kind, AlarmRecord.Condition(record), AlarmRecord.Priority(record),
                Tenths(AlarmRecord.ValueTenths(record)), Tenths(AlarmRecord.LimitTenths(record)), AlarmRecord.DurationSeconds(record),
                AlarmRecord.Conditions(record), AlarmRecord.Latched(record), null, 0);
        }

        public bool SendRacpResponse(byte[] value, int length)
        {
            return _racp.Owner != null && _service.SendRacpResponse(_racp.Owner, value, length);
        }

        /// <summary>A peer confirmed an indication (records and responses of its alarm record access).</summary>
        public void OnIndicationConfirmed(IGattLink link, GattCharacteristic characteristic)
        {
            if (characteristic == _service.Record)
            {
                _racp.OnRecordConfirmed(link);
            }
            else if (characteristic == _service.RecordAccessControlPoint)
            {
                _racp.OnResponseConfirmed(link);
            }
        }

        /// <summary>A peer's link went down: its record access procedure, if it ran one, is abandoned.</summary>
        public void OnDisconnected(IGattLink link)
        {
            _racp.OnDisconnected(link);
        }

        /// <summary>Every tick: indicates the alarm status when it changed, keeps its pause countdown readable, runs the record access.</summary>
        public void Run(long nowMicroseconds)
        {
            _racp.Poll();
            bool fallPrecedence = _arbiter != null && _arbiter.FallSignalTakesPrecedence;
            bool changed = _system.ChangeCount != _shownChange || fallPrecedence != _shownFallPrecedence;
            // Unchanged, only the pause countdown moves: refresh it once a second while a pause runs.
            if (!changed && (nowMicroseconds < _nextRefresh || !_system.AudioPaused))
            {
                return;
            }

            _shownChange = _system.ChangeCount;
            _shownFallPrecedence = fallPrecedence;
            _nextRefresh = nowMicroseconds + 1000000;
            ShowStatus(nowMicroseconds, fallPrecedence, changed);
        }

        private void ShowStatus(long now, bool fallPrecedence, bool indicate)
        {
            int paused = _system.PausedMask;
            int latched = _system.LatchedMask;
            int flags = (paused != 0 ? AlarmService.StatusFlagAudioPaused : 0) | (latched != 0 ? AlarmService.StatusFlagLatched : 0)
                | (fallPrecedence ? AlarmService.StatusFlagFallSignal : 0);
            long pauseEnds = _system.PauseEndsAt;
            int secondsLeft = pauseEnds < 0 ? 0 : (int)((pauseEnds - now + 999999) / 1000000);
            uint priorities = 0;
            for (int c = 1; c <= AlarmConditions.Count; c++)
            {
                priorities |= (uint)_system.PriorityOf((AlarmCondition)c) << (2 * (c - 1));
            }

            _service.ShowStatus(_system.HighestPriority, flags, _system.ActiveMask, latched, paused, _system.AcknowledgedMask, secondsLeft, priorities,
                indicate);
        }

        private void LoadSettings()
        {
            AlarmSettings stored = new AlarmSettings();
            if (_settingsStore.Load(_saved, 0) == AlarmSettings.EncodedLength)
            {
                stored.Read(_saved, 0);
                if (stored.IsWithinBounds())
                {
                    _settings.CopyFrom(stored);
                    SettingsRestored = true;
                }
            }
        }

        private void Store(int length)
        {
            if (_store.Append(RecordType.Alarm, _payload, 0, length) > 0)
            {
                EventsStored++;
            }
            else
            {
                StoreFailures++;
            }
        }

        private static float Tenths(int tenths)
        {
            return tenths == AlarmRecord.NoValue ? float.NaN : tenths / 10f;
        }
    }
}
