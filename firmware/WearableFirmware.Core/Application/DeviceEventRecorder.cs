using WearableFirmware.Drivers;
using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.Sampling;
using WearableFirmware.Storage;
using WearableFirmware.Time;

namespace WearableFirmware.Application
{
    /// <summary>
    /// Once a second: stores the device events worth keeping for diagnosis when they happen — the calendar clock
    /// being set (every time), a sensor failing or recovering, the PPG sensor reporting a power-on reset (a brown-out on its
    /// supply). The boot event is stored by the application at start.
    /// </summary>
    public sealed class DeviceEventRecorder : ILoopTask
    {
        /// <summary>Argument of a sensor event: which sensor.</summary>
        public const int SensorPpg = 1;

        /// <summary>Argument of a sensor event: which sensor.</summary>
        public const int SensorMotion = 2;

        private readonly RecordStore _store;
        private readonly WallClock _wallClock;
        private readonly Max30102 _ppg;
        private readonly DriverHealth _ppgHealth;
        private readonly DriverHealth _motionHealth;
        private int _clockSets;
        private HealthState _ppgState;
        private HealthState _motionState;
        private int _ppgPowerOnResets;

        public DeviceEventRecorder(RecordStore store, WallClock wallClock, Max30102 ppg, DriverHealth motionHealth)
        {
            _store = store;
            _wallClock = wallClock;
            _ppg = ppg;
            _ppgHealth = ppg.Health;
            _motionHealth = motionHealth;
            _clockSets = wallClock.SetCount;
            _ppgState = _ppgHealth.State;
            _motionState = motionHealth.State;
            _ppgPowerOnResets = ppg.PowerOnResets;
        }

        public void Run(long nowMicroseconds)
        {
            if (_wallClock.SetCount != _clockSets)
            {
                // Every set is kept (first set, daylight saving, travel): records in between carry the old time base.
                _clockSets = _wallClock.SetCount;
                _store.AppendDeviceEvent(DeviceEventCode.ClockSet, (int)_wallClock.UnixSeconds);
            }
            if (_ppg.PowerOnResets != _ppgPowerOnResets)
            {
                _ppgPowerOnResets = _ppg.PowerOnResets;
                _store.AppendDeviceEvent(DeviceEventCode.BrownOut, SensorPpg);
            }

            _ppgState = RecordHealthChange(_ppgHealth.State, _ppgState, SensorPpg);
            _motionState = RecordHealthChange(_motionHealth.State, _motionState, SensorMotion);
        }

        private HealthState RecordHealthChange(HealthState now, HealthState before, int sensor)
        {
            if (now == HealthState.Failed && before != HealthState.Failed)
            {
                _store.AppendDeviceEvent(DeviceEventCode.SensorFault, sensor);
            }
            else if (now != HealthState.Failed && before == HealthState.Failed)
            {
                _store.AppendDeviceEvent(DeviceEventCode.SensorFault, -sensor); // negative: recovered
            }

            return now;
        }
    }
}
