using WearableFirmware.Alarms;
using Xunit;
using static WearableFirmware.Tests.Alarms.Us;

namespace WearableFirmware.Tests.Alarms;

/// <summary>Each technical condition's onset and end against its fixed delay, on once-a-second evaluations.</summary>
public class AlarmEvaluatorTests
{
    private readonly RecordingAlarmSink _sink = new();
    private readonly AlarmSystem _system;
    private readonly AlarmEvaluator _evaluator;
    private readonly AlarmInputs _in = new() { OnSkin = true, SpO2Valid = true, SpO2Percent = 97, PulseRateValid = true, PulseRateBpm = 70, BatteryPercent = 80 };

    public AlarmEvaluatorTests()
    {
        _system = new AlarmSystem(_sink);
        _evaluator = new AlarmEvaluator(_system, new AlarmSettings());
    }

    /// <summary>Evaluates once a second over [from, to] and returns the first second the condition had an alarm (or -1).</summary>
    private int RunUntilAlarm(int from, int to, AlarmCondition condition)
    {
        for (int s = from; s <= to; s++)
        {
            _evaluator.Evaluate(S(s), _in);
            if (_system.PriorityOf(condition) != AlarmPriority.None)
            {
                return s;
            }
        }

        return -1;
    }

    private void Run(int from, int to)
    {
        for (int s = from; s <= to; s++)
        {
            _evaluator.Evaluate(S(s), _in);
        }
    }

    [Fact]
    public void Sensor_off_starts_10_s_after_contact_is_lost_and_ends_when_it_returns()
    {
        Run(0, 20);
        _in.OnSkin = false;
        _in.OffSkin = true;
        _in.SpO2Valid = _in.PulseRateValid = false;
        Assert.Equal(31, RunUntilAlarm(21, 60, AlarmCondition.SensorOff)); // first off at 21 s
        Assert.Equal(AlarmPriority.Low, _system.PriorityOf(AlarmCondition.SensorOff));

        _in.OnSkin = true;
        _in.OffSkin = false;
        Run(61, 61);
        Assert.Equal(AlarmPriority.None, _system.PriorityOf(AlarmCondition.SensorOff));
        Assert.Equal(30, Assert.Single(_sink.Of(AlarmEventKind.Ended)).DurationSeconds);
    }

    [Fact]
    public void No_sensor_off_before_the_band_was_ever_worn_nor_while_charging()
    {
        _in.OnSkin = false;
        _in.OffSkin = true;
        _in.SpO2Valid = _in.PulseRateValid = false;
        Assert.Equal(-1, RunUntilAlarm(0, 120, AlarmCondition.SensorOff)); // on the table since power-on

        _in.OnSkin = true;
        _in.OffSkin = false;
        Run(121, 130);
        _in.OnSkin = false;
        _in.OffSkin = true;
        _in.Charging = true;                                               // taken off and put on the charger
        Assert.Equal(-1, RunUntilAlarm(131, 300, AlarmCondition.SensorOff));
        _in.Charging = false;                                              // unplugged, still on the table
        Assert.Equal(-1, RunUntilAlarm(301, 400, AlarmCondition.SensorOff));
        Assert.Empty(_sink.Events);
    }

    [Fact]
    public void No_signal_starts_after_30_s_on_the_skin_and_still_without_SpO2_never_while_moving()
    {
        Run(0, 10);
        _in.SpO2Valid = false;
        _in.Moving = true;
        Assert.Equal(-1, RunUntilAlarm(11, 200, AlarmCondition.NoSignal)); // a long walk: readings withheld by design
        _in.Moving = false;
        Assert.Equal(231, RunUntilAlarm(201, 300, AlarmCondition.NoSignal));
        _in.SpO2Valid = true;
        Run(232, 232);
        Assert.Equal(AlarmPriority.None, _system.PriorityOf(AlarmCondition.NoSignal));
    }

    [Fact]
    public void Sensor_fault_is_medium_for_the_ppg_sensor_and_low_when_only_fall_detection_is_gone()
    {
        _in.FallDetectionUnavailable = true;
        Assert.Equal(10, RunUntilAlarm(0, 20, AlarmCondition.SensorFault)); // a transient degradation clears within 10 s
        Assert.Equal(AlarmPriority.Low, _system.PriorityOf(AlarmCondition.SensorFault));
        _in.PpgSensorFailed = true;
        _in.SpO2Valid = false;
        Run(11, 100);
        Assert.Equal(AlarmPriority.Medium, _system.PriorityOf(AlarmCondition.SensorFault)); // escalated
        Assert.Equal(AlarmPriority.None, _system.PriorityOf(AlarmCondition.NoSignal));      // the fault explains it
        _in.PpgSensorFailed = _in.FallDetectionUnavailable = false;
        Run(101, 101);
        Assert.Equal(AlarmPriority.None, _system.PriorityOf(AlarmCondition.SensorFault));
    }

    [Fact]
    public void Battery_low_then_critical_replaces_it_and_charging_ends_both()
    {
        _in.BatteryLow = true;
        _in.BatteryPercent = 15;
        Run(0, 0);
        Assert.Equal(AlarmPriority.Low, _system.PriorityOf(AlarmCondition.BatteryLow));
        _in.BatteryCritical = true;
        _in.BatteryPercent = 3;
        Run(1, 1);
        Assert.Equal(AlarmPriority.Medium, _system.PriorityOf(AlarmCondition.BatteryCritical));
        Assert.Equal(AlarmPriority.None, _system.PriorityOf(AlarmCondition.BatteryLow));
        Assert.Equal(3f, _sink.Of(AlarmEventKind.Started).Last().Value);
        _in.Charging = true;
        Run(2, 2);
        Assert.Equal(AlarmPriority.None, _system.HighestPriority);
    }

    [Fact]
    public void Link_lost_needs_a_physiological_alarm_or_a_waiting_fall_alert_and_a_phone_that_went_away()
    {
        _in.SpO2Percent = 86;
        Assert.Equal(10, RunUntilAlarm(0, 20, AlarmCondition.SpO2Low));
        Assert.Equal(-1, RunUntilAlarm(11, 100, AlarmCondition.LinkLost)); // no phone ever connected: on its own by design

        _in.PhoneSeen = true;
        _in.PhoneConnected = true;
        Run(101, 110);
        _in.PhoneConnected = false;
        Assert.Equal(121, RunUntilAlarm(111, 200, AlarmCondition.LinkLost));
        Assert.Equal(AlarmPriority.Medium, _system.PriorityOf(AlarmCondition.LinkLost));
        _in.PhoneConnected = true;
        Run(201, 201);
        Assert.Equal(AlarmPriority.None, _system.PriorityOf(AlarmCondition.LinkLost));

        _in.SpO2Percent = 97;
        Run(202, 202);
        _in.PhoneConnected = false;
        Assert.Equal(-1, RunUntilAlarm(203, 300, AlarmCondition.LinkLost)); // no alarm needs the phone
        _in.FallAlertWaiting = true;
        Assert.Equal(311, RunUntilAlarm(301, 400, AlarmCondition.LinkLost));
    }

    [Fact]
    public void Store_full_follows_its_input()
    {
        _in.StoreNearlyFull = true;
        Run(0, 0);
        Assert.Equal(AlarmPriority.Low, _system.PriorityOf(AlarmCondition.StoreFull));
    }

    [Fact]
    public void Settings_from_a_phone_change_limits_and_delays()
    {
        var settings = new AlarmSettings { SpO2MediumPercent = 92, SpO2DelaySeconds = 5 };
        _evaluator.Apply(settings);
        _in.SpO2Percent = 91;
        Assert.Equal(5, RunUntilAlarm(0, 20, AlarmCondition.SpO2Low));
    }
}
