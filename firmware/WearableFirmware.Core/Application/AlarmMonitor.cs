using WearableFirmware.Alarms;
using WearableFirmware.Drivers;
using WearableFirmware.Falls;
using WearableFirmware.Power;
using WearableFirmware.Sampling;
using WearableFirmware.Storage;
using WearableFirmware.Vitals;

namespace WearableFirmware.Application
{
    /// <summary>
    /// The alarm system's loop task, every tick in the publish phase: once a second (on the vitals publication's
    /// grid) it judges every condition from the published reading and the device's state; every tick it ends audio
    /// pauses that ran out, gives the outputs the signal to play and lets the bridge tell the phone. The store's
    /// fill level is checked once a minute (it scans the store's RAM index).
    /// </summary>
    public sealed class AlarmMonitor : ILoopTask
    {
        private const long StoreCheckPeriodMicroseconds = 60000000;

        private readonly AlarmSystem _system;
        private readonly AlarmEvaluator _evaluator;
        private readonly AlarmSignalArbiter _arbiter;
        private readonly AlarmBridge _bridge;
        private readonly VitalsProcessor _vitals;
        private readonly AccelerometerProcessingStage _motion;
        private readonly DriverHealth _ppgHealth;
        private readonly DriverHealth _motionHealth;
        private readonly BatteryGauge _gauge;
        private readonly IBatterySensor _battery;
        private readonly RecordStore _store;
        private readonly FallAlertStateMachine _alerts;
        private readonly long _period;
        private readonly AlarmInputs _inputs = new AlarmInputs();

        // Filled in place once a second: on nanoCLR every copy of the struct would be a heap object.
        private VitalsReading _reading;
        private bool _started;
        private long _nextEvaluation;
        private long _nextStoreCheck;

        public AlarmMonitor(AlarmSystem system, AlarmEvaluator evaluator, AlarmSignalArbiter arbiter, AlarmBridge bridge, VitalsProcessor vitals,
            AccelerometerProcessingStage motion, DriverHealth ppgHealth, DriverHealth motionHealth, BatteryGauge gauge, IBatterySensor battery, RecordStore store,
            FallAlertStateMachine alerts, long evaluationPeriodMicroseconds)
        {
            _system = system;
            _evaluator = evaluator;
            _arbiter = arbiter;
            _bridge = bridge;
            _vitals = vitals;
            _motion = motion;
            _ppgHealth = ppgHealth;
            _motionHealth = motionHealth;
            _gauge = gauge;
            _battery = battery;
            _store = store;
            _alerts = alerts;
            _period = evaluationPeriodMicroseconds;
        }

        /// <summary>The application's count of connected phones changed; the first one marks a phone as seen.</summary>
        public void OnConnectedPhones(int count)
        {
            _inputs.PhoneConnected = count > 0;
            if (count > 0)
            {
                _inputs.PhoneSeen = true;
            }
        }

        /// <summary>Evaluations done (one a second).</summary>
        public int Evaluations { get; private set; }

        public void Run(long nowMicroseconds)
        {
            if (!_started)
            {
                // Same grid as the vitals publisher (first run at the loop's start, then every period).
                _started = true;
                _nextEvaluation = nowMicroseconds + _period;
                _nextStoreCheck = nowMicroseconds;
            }

            if (nowMicroseconds >= _nextEvaluation)
            {
                _nextEvaluation += _period;
                if (_nextEvaluation <= nowMicroseconds)
                {
                    _nextEvaluation = nowMicroseconds + _period;
                }

                Evaluate(nowMicroseconds);
            }

            _system.Update(nowMicroseconds);
            _arbiter.ShowAlarms(_system.SoundingPriority, _system.HighestPriority);
            _bridge.Run(nowMicroseconds);
        }

        private void Evaluate(long now)
        {
            _vitals.Read(ref _reading);
            _inputs.SpO2Valid = _reading.SpO2Valid;
            _inputs.SpO2Percent = _reading.SpO2Percent;
            _inputs.PulseRateValid = _reading.HeartRateValid;
            _inputs.PulseRateBpm = _reading.HeartRateBpm;
            _inputs.OnSkin = _reading.Contact == SensorContact.Contact;
            _inputs.OffSkin = _reading.Contact == SensorContact.NoContact;
            _inputs.Moving = _motion.Moving;
            _inputs.Charging = _battery.Charging;
            _inputs.PpgSensorFailed = _ppgHealth.State == HealthState.Failed;
            _inputs.FallDetectionUnavailable = DeviceStatus.FallDetectionUnavailable(_motionHealth.State);
            _inputs.BatteryLow = _gauge.IsLow;
            _inputs.BatteryCritical = _gauge.IsCritical;
            _inputs.BatteryPercent = _gauge.LevelPercent;
            _inputs.FallAlertWaiting = _alerts.PendingCount > 0;
            if (now >= _nextStoreCheck)
            {
                _nextStoreCheck = now + StoreCheckPeriodMicroseconds;
                _inputs.StoreNearlyFull = StoreNearlyFull(_store);
            }

            _evaluator.Evaluate(now, _inputs);
            Evaluations++;
        }

        /// <summary>
        /// True when the oldest record a phone has not received (spot-check, fall or alarm) is within about one segment
        /// of the point where a rotation erases it. At the default geometry 284 to 535 more records still fit before
        /// anything is lost (24 to 45 hours of 5-minute spot-checks; the margin depends on where that record sits in
        /// its segment, which the store's public numbers do not tell).
        /// </summary>
        public static bool StoreNearlyFull(RecordStore store)
        {
            int oldest = OldestUndelivered(store, RecordType.SpotCheck, int.MaxValue);
            oldest = OldestUndelivered(store, RecordType.Fall, oldest);
            oldest = OldestUndelivered(store, RecordType.Alarm, oldest);
            return oldest != int.MaxValue && store.NextSequence - oldest >= store.Capacity - store.RecordsPerSegment;
        }

        private static int OldestUndelivered(RecordStore store, RecordType type, int before)
        {
            int first = store.FindFirst(1, before == int.MaxValue ? int.MaxValue : before - 1, type, true);
            return first > 0 ? first : before;
        }
    }
}
