namespace WearableFirmware.Alarms
{
    /// <summary>
    /// Judges every alarm condition from <see cref="AlarmInputs"/> once a second and reports the verdicts to the
    /// <see cref="AlarmSystem"/>: the physiological ones through <see cref="LimitAlarm"/>s with the configured limits
    /// and delays, the technical ones through fixed delays (<see cref="AlarmSettings"/>) and fixed priorities:
    /// <list type="bullet">
    /// <item>sensor off (low): no skin contact for 10 s after the band was worn, unless charging (a charge ends the
    /// wear);</item>
    /// <item>no signal (low): on the skin and still for 30 s without an SpO2 reading (moving, readings are withheld
    /// by design and no alarm is raised for it);</item>
    /// <item>sensor fault: medium when the PPG sensor failed, low when only fall detection has been unavailable for 10 s;</item>
    /// <item>battery low (low) and critical (medium, replacing low), not while charging;</item>
    /// <item>store full (low);</item>
    /// <item>link lost (medium): for 10 s no phone connected while a physiological alarm runs or latched, or a
    /// confirmed fall alert waits, once a phone has been connected since start-up.</item>
    /// </list>
    /// </summary>
    public sealed class AlarmEvaluator
    {
        private const long Second = 1000000;

        private readonly AlarmSystem _system;
        private readonly LimitAlarm _spo2;
        private readonly LimitAlarm _pulseHigh;
        private readonly LimitAlarm _pulseLow;
        private readonly SustainedCondition _sensorOff = new SustainedCondition(AlarmSettings.SensorOffDelaySeconds * Second, 0);
        private readonly SustainedCondition _noSignal = new SustainedCondition(AlarmSettings.NoSignalDelaySeconds * Second, 0);
        private readonly SustainedCondition _fallDetectionOut = new SustainedCondition(AlarmSettings.FallDetectionUnavailableDelaySeconds * Second, 0);
        private readonly SustainedCondition _linkLost = new SustainedCondition(AlarmSettings.LinkLostDelaySeconds * Second, 0);
        private int _spo2Delay;
        private int _pulseDelay;
        private bool _worn;

        public AlarmEvaluator(AlarmSystem system, AlarmSettings settings)
        {
            if (system == null || settings == null)
            {
                throw new System.ArgumentNullException(system == null ? "system" : "settings");
            }

            _system = system;
            _spo2 = new LimitAlarm(false, settings.SpO2MediumPercent, settings.SpO2HighPercent, settings.SpO2DelaySeconds, AlarmSettings.SpO2HysteresisPercent);
            _pulseHigh = new LimitAlarm(true, settings.PulseHighMediumBpm, settings.PulseHighHighBpm, settings.PulseDelaySeconds, AlarmSettings.PulseHysteresisBpm);
            _pulseLow = new LimitAlarm(false, settings.PulseLowMediumBpm, settings.PulseLowHighBpm, settings.PulseDelaySeconds, AlarmSettings.PulseHysteresisBpm);
            _spo2Delay = settings.SpO2DelaySeconds;
            _pulseDelay = settings.PulseDelaySeconds;
        }

        /// <summary>New limits and delays (checked by the caller): pending delays start over, running alarms continue.</summary>
        public void Apply(AlarmSettings settings)
        {
            _spo2.Configure(settings.SpO2MediumPercent, settings.SpO2HighPercent, settings.SpO2DelaySeconds, AlarmSettings.SpO2HysteresisPercent);
            _pulseHigh.Configure(settings.PulseHighMediumBpm, settings.PulseHighHighBpm, settings.PulseDelaySeconds, AlarmSettings.PulseHysteresisBpm);
            _pulseLow.Configure(settings.PulseLowMediumBpm, settings.PulseLowHighBpm, settings.PulseDelaySeconds, AlarmSettings.PulseHysteresisBpm);
            _spo2Delay = settings.SpO2DelaySeconds;
            _pulseDelay = settings.PulseDelaySeconds;
        }

        /// <summary>
        /// At boot: a physiological alarm that was running before a restart continues at its priority until valid readings
        /// end or escalate it (technical conditions are judged afresh).
        /// </summary>
        public void Resume(AlarmCondition condition, AlarmPriority priority)
        {
            LimitAlarm alarm = condition == AlarmCondition.SpO2Low ? _spo2
                : condition == AlarmCondition.PulseRateHigh ? _pulseHigh
                : condition == AlarmCondition.PulseRateLow ? _pulseLow
                : null;
            if (alarm == null)
            {
                throw new System.ArgumentOutOfRangeException("condition");
            }

            alarm.Resume(priority);
        }

        /// <summary>Judges every condition at <paramref name="now"/> (monotonic µs) and reports it.</summary>
        public void Evaluate(long now, AlarmInputs inputs)
        {
            _spo2.Update(now, inputs.SpO2Valid, inputs.SpO2Percent);
            Report(now, AlarmCondition.SpO2Low, _spo2, _spo2Delay);
            _pulseHigh.Update(now, inputs.PulseRateValid, inputs.PulseRateBpm);
            Report(now, AlarmCondition.PulseRateHigh, _pulseHigh, _pulseDelay);
            _pulseLow.Update(now, inputs.PulseRateValid, inputs.PulseRateBpm);
            Report(now, AlarmCondition.PulseRateLow, _pulseLow, _pulseDelay);

            if (inputs.Charging)
            {
                _worn = false;
            }
            else if (inputs.OnSkin)
            {
                _worn = true;
            }

            _sensorOff.Update(now, _worn && inputs.OffSkin);
            ReportTechnical(now, AlarmCondition.SensorOff, _sensorOff.IsMet ? AlarmPriority.Low : AlarmPriority.None, float.NaN,
                AlarmSettings.SensorOffDelaySeconds);

            _noSignal.Update(now, inputs.OnSkin && !inputs.Moving && !inputs.SpO2Valid && !inputs.PpgSensorFailed);
            ReportTechnical(now, AlarmCondition.NoSignal, _noSignal.IsMet ? AlarmPriority.Low : AlarmPriority.None, float.NaN,
                AlarmSettings.NoSignalDelaySeconds);

            _fallDetectionOut.Update(now, inputs.FallDetectionUnavailable);
            AlarmPriority fault = inputs.PpgSensorFailed ? AlarmPriority.Medium : _fallDetectionOut.IsMet ? AlarmPriority.Low : AlarmPriority.None;
            ReportTechnical(now, AlarmCondition.SensorFault, fault, float.NaN, 0);

            bool critical = inputs.BatteryCritical && !inputs.Charging;
            bool low = inputs.BatteryLow && !inputs.Charging && !critical;
            float level = inputs.BatteryPercent < 0 ? float.NaN : inputs.BatteryPercent;
            ReportTechnical(now, AlarmCondition.BatteryCritical, critical ? AlarmPriority.Medium : AlarmPriority.None, level, 0);
            ReportTechnical(now, AlarmCondition.BatteryLow, low ? AlarmPriority.Low : AlarmPriority.None, level, 0);

            ReportTechnical(now, AlarmCondition.StoreFull, inputs.StoreNearlyFull ? AlarmPriority.Low : AlarmPriority.None, float.NaN, 0);

            bool needsPhone = _system.PhysiologicalAlarmPresent || inputs.FallAlertWaiting;
            _linkLost.Update(now, needsPhone && inputs.PhoneSeen && !inputs.PhoneConnected);
            ReportTechnical(now, AlarmCondition.LinkLost, _linkLost.IsMet ? AlarmPriority.Medium : AlarmPriority.None, float.NaN,
                AlarmSettings.LinkLostDelaySeconds);
        }

        private void Report(long now, AlarmCondition condition, LimitAlarm alarm, int delaySeconds)
        {
            AlarmPriority p = alarm.Priority;
            _system.Report(now, condition, p, alarm.Value, p == AlarmPriority.None ? alarm.MediumLimit : alarm.Limit, delaySeconds);
        }

        private void ReportTechnical(long now, AlarmCondition condition, AlarmPriority priority, float value, int delaySeconds)
        {
            _system.Report(now, condition, priority, value, float.NaN, delaySeconds);
        }
    }
}
