using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.Sampling;
using WearableFirmware.Vitals;

namespace WearableFirmware.Application
{
    /// <summary>
    /// Publish phase, once a second: after the vitals have reported no skin contact for
    /// <see cref="OffWristPowerSettings.NoContactSeconds"/>, turns the red LED off and the IR LED down to the lowest
    /// current that still sees skin; the first second contact is back, restores the configured currents. The driver
    /// flags the drain that straddles each change and <see cref="PpgProcessingStage"/> restarts the pipeline on it,
    /// so no reading mixes the two drive levels. A failed write is retried the next second; while a restore fails
    /// the pipeline is held in restart.
    /// </summary>
    public sealed class OffWristPowerPolicy : ILoopTask
    {
        private readonly Max30102 _sensor;
        private readonly VitalsProcessor _vitals;
        private readonly OffWristPowerSettings _settings;
        private readonly long _delayMicroseconds;
        private bool _seenAnyTick;
        private long _lastContactMicroseconds;
        private long _reducedSinceMicroseconds;
        private long _reducedMicrosecondsBefore;
        private long _nowMicroseconds;

        public OffWristPowerPolicy(Max30102 sensor, VitalsProcessor vitals, OffWristPowerSettings settings)
        {
            settings.ThrowIfInvalid(sensor.Settings, vitals.Configuration.ContactThresholdCounts);
            _sensor = sensor;
            _vitals = vitals;
            _settings = settings;
            _delayMicroseconds = settings.NoContactSeconds * 1000000L;
        }

        /// <summary>True while the LEDs run at the off-wrist currents.</summary>
        public bool Reduced { get; private set; }

        /// <summary>Times the LEDs went down.</summary>
        public int Reductions { get; private set; }

        /// <summary>Times the configured currents were restored.</summary>
        public int Restorations { get; private set; }

        /// <summary>LED changes that did not take (bus failure, chip not running); each was retried.</summary>
        public int FailedChanges { get; private set; }

        /// <summary>Time spent at the off-wrist currents, up to the last run (µs).</summary>
        public long ReducedMicroseconds
        {
            get { return _reducedMicrosecondsBefore + (Reduced ? _nowMicroseconds - _reducedSinceMicroseconds : 0); }
        }

        public void Run(long nowMicroseconds)
        {
            _nowMicroseconds = nowMicroseconds;
            if (!_seenAnyTick)
            {
                _seenAnyTick = true;
                _lastContactMicroseconds = nowMicroseconds;
            }

            bool contact = _vitals.Contact == SensorContact.Contact;
            if (contact)
            {
                _lastContactMicroseconds = nowMicroseconds;
                if (Reduced)
                {
                    Restore(nowMicroseconds);
                }

                return;
            }

            if (!Reduced && _settings.Enabled && nowMicroseconds - _lastContactMicroseconds >= _delayMicroseconds)
            {
                if (_sensor.SetLedCurrents(_settings.RedCurrentMilliamps, _settings.IrCurrentMilliamps))
                {
                    Reduced = true;
                    Reductions++;
                    _reducedSinceMicroseconds = nowMicroseconds;
                }
                else
                {
                    FailedChanges++;
                }
            }
        }

        private void Restore(long nowMicroseconds)
        {
            Max3010xSettings worn = _sensor.Settings;
            if (_sensor.SetLedCurrents(worn.RedLedCurrentMilliamps, worn.IrLedCurrentMilliamps))
            {
                Reduced = false;
                Restorations++;
                _reducedMicrosecondsBefore += nowMicroseconds - _reducedSinceMicroseconds;
            }
            else
            {
                // On skin with the red LED off, SpO2 would be junk: restart the pipeline so it cannot get past its
                // settling time before the retry next second.
                FailedChanges++;
                _vitals.Reset();
            }
        }
    }
}
