using WearableFirmware.Alarms;
using Xunit;
using static WearableFirmware.Tests.Alarms.Us;

namespace WearableFirmware.Tests.Alarms;

/// <summary>Starts, escalations, ends, latching, priorities and the limits of the audio pause.</summary>
public class AlarmSystemTests
{
    private readonly RecordingAlarmSink _sink = new();
    private readonly AlarmSystem _system;

    public AlarmSystemTests()
    {
        _system = new AlarmSystem(_sink);
    }

    private void Set(double seconds, AlarmCondition condition, AlarmPriority priority, float value = float.NaN, float limit = float.NaN) =>
        _system.Report(S(seconds), condition, priority, value, limit, 10);

    [Fact]
    public void A_condition_starts_escalates_and_ends_with_one_event_each()
    {
        Set(10, AlarmCondition.SpO2Low, AlarmPriority.Medium, 89, 90);
        Set(11, AlarmCondition.SpO2Low, AlarmPriority.Medium, 88, 90);   // unchanged: no event
        Set(20, AlarmCondition.SpO2Low, AlarmPriority.High, 84, 85);
        Set(21, AlarmCondition.SpO2Low, AlarmPriority.Medium, 87, 90);   // lower: the alarm keeps its priority
        Assert.Equal(AlarmPriority.High, _system.PriorityOf(AlarmCondition.SpO2Low));

        Assert.Equal([AlarmEventKind.Started, AlarmEventKind.Escalated], _sink.Events.Select(e => e.Kind));
        var started = _sink.Events[0];
        Assert.Equal((AlarmCondition.SpO2Low, AlarmPriority.Medium, 89f, 90f, 10, S(10)),
            (started.Condition, started.Priority, started.Value, started.Limit, started.DurationSeconds, started.AtMicroseconds));
        Assert.Equal(AlarmConditions.Bit(AlarmCondition.SpO2Low), started.Conditions);
        Assert.Equal(AlarmPriority.High, _sink.Events[1].Priority);
    }

    [Fact]
    public void A_medium_alarm_ends_when_its_condition_ends_and_stops_sounding()
    {
        Set(10, AlarmCondition.PulseRateHigh, AlarmPriority.Medium, 125, 120);
        Assert.Equal(AlarmPriority.Medium, _system.SoundingPriority);
        Set(40, AlarmCondition.PulseRateHigh, AlarmPriority.None, 110, 120);

        var ended = Assert.Single(_sink.Of(AlarmEventKind.Ended));
        Assert.Equal(30, ended.DurationSeconds);
        Assert.False(ended.Latched);
        Assert.Equal(AlarmPriority.None, _system.SoundingPriority);
        Assert.Equal(0, _system.ActiveMask);
    }

    [Fact]
    public void A_high_physiological_alarm_latches_until_the_press_a_high_technical_one_would_not()
    {
        Set(10, AlarmCondition.SpO2Low, AlarmPriority.High, 82, 85);
        Set(25, AlarmCondition.SpO2Low, AlarmPriority.None, 95, 90);

        Assert.True(Assert.Single(_sink.Of(AlarmEventKind.Ended)).Latched);
        Assert.Equal(AlarmPriority.High, _system.SoundingPriority);       // still signalling
        Assert.Equal(AlarmConditions.Bit(AlarmCondition.SpO2Low), _system.LatchedMask);
        Assert.Equal(0, _system.ActiveMask);

        Assert.True(_system.OnSilencePress(S(60)));
        Assert.Equal(AlarmPriority.None, _system.HighestPriority);
        Assert.Equal(AlarmConditions.Bit(AlarmCondition.SpO2Low), Assert.Single(_sink.Of(AlarmEventKind.Acknowledged)).Conditions);

        Assert.False(AlarmConditions.Latches(AlarmCondition.SpO2Low, AlarmPriority.Medium));
        Assert.False(AlarmConditions.Latches(AlarmCondition.BatteryCritical, AlarmPriority.High));
    }

    [Fact]
    public void A_latched_alarm_whose_condition_returns_starts_again_at_the_latched_priority()
    {
        Set(10, AlarmCondition.SpO2Low, AlarmPriority.High, 82, 85);
        Set(25, AlarmCondition.SpO2Low, AlarmPriority.None, 95, 90);
        Set(40, AlarmCondition.SpO2Low, AlarmPriority.Medium, 88, 90);
        Assert.Equal(AlarmPriority.High, _system.PriorityOf(AlarmCondition.SpO2Low));
        Assert.True(_system.IsActive(AlarmCondition.SpO2Low));
        Assert.Equal(2, _sink.Of(AlarmEventKind.Started).Count());
    }

    [Fact]
    public void The_pause_silences_the_physiological_alarms_for_exactly_its_length()
    {
        Set(10, AlarmCondition.SpO2Low, AlarmPriority.Medium, 88, 90);
        Assert.True(_system.OnSilencePress(S(15)));
        Assert.Equal(AlarmPriority.None, _system.SoundingPriority);
        Assert.Equal(AlarmPriority.Medium, _system.HighestPriority); // the light and the phone still show it
        var paused = Assert.Single(_sink.Of(AlarmEventKind.Paused));
        Assert.Equal(AlarmSettings.AudioPauseSeconds, paused.DurationSeconds);
        Assert.Equal(S(15 + AlarmSettings.AudioPauseSeconds), _system.PauseEndsAt);

        long end = S(15) + AlarmSettings.AudioPauseSeconds * Second;
        _system.Update(end - 40_000);                                 // one loop tick before the end
        Assert.Equal(AlarmPriority.None, _system.SoundingPriority);
        _system.Update(end);
        Assert.Equal(AlarmPriority.Medium, _system.SoundingPriority);
        Assert.Equal(0, _system.PausedMask);
        Assert.Equal(-1, _system.PauseEndsAt);
    }

    [Fact]
    public void A_second_press_restarts_the_pause_from_that_press_never_longer()
    {
        Set(10, AlarmCondition.PulseRateLow, AlarmPriority.Medium, 45, 50);
        _system.OnSilencePress(S(20));
        _system.OnSilencePress(S(100));
        _system.Update(S(219.96));
        Assert.Equal(AlarmPriority.None, _system.SoundingPriority);
        _system.Update(S(220));
        Assert.Equal(AlarmPriority.Medium, _system.SoundingPriority);
        Assert.Equal(2, _sink.Of(AlarmEventKind.Paused).Count());
    }

    [Fact]
    public void The_pause_never_silences_a_condition_that_starts_or_escalates_after_the_press()
    {
        Set(10, AlarmCondition.SpO2Low, AlarmPriority.Medium, 88, 90);
        _system.OnSilencePress(S(12));
        Assert.Equal(AlarmPriority.None, _system.SoundingPriority);

        Set(20, AlarmCondition.BatteryLow, AlarmPriority.Low, 14);        // new: sounds although a pause runs
        Assert.Equal(AlarmPriority.Low, _system.SoundingPriority);
        Set(30, AlarmCondition.SpO2Low, AlarmPriority.High, 83, 85);       // escalated: its pause is over
        Assert.Equal(AlarmPriority.High, _system.SoundingPriority);
        Assert.Equal(0, _system.PausedMask);
    }

    [Fact]
    public void The_press_acknowledges_technical_alarms_until_their_condition_ends()
    {
        Set(10, AlarmCondition.SensorOff, AlarmPriority.Low);
        Assert.True(_system.OnSilencePress(S(12)));
        _system.Update(S(1000));
        Assert.Equal(AlarmPriority.None, _system.SoundingPriority); // no expiry: silent until the band is back on
        Assert.Equal(AlarmConditions.Bit(AlarmCondition.SensorOff), _system.AcknowledgedMask);

        Set(1001, AlarmCondition.SensorOff, AlarmPriority.None);
        Set(2000, AlarmCondition.SensorOff, AlarmPriority.Low);          // off again: a new alarm that sounds
        Assert.Equal(AlarmPriority.Low, _system.SoundingPriority);
        Assert.True(_system.OnSilencePress(S(2001)));
        Assert.False(_system.OnSilencePress(S(2002))); // nothing left to silence
    }

    [Fact]
    public void A_press_with_nothing_to_silence_is_left_to_others()
    {
        Assert.False(_system.OnSilencePress(S(5)));
        Assert.Empty(_sink.Events);
    }

    [Fact]
    public void The_signal_plays_the_highest_priority_that_is_not_silenced()
    {
        Set(10, AlarmCondition.StoreFull, AlarmPriority.Low);
        Assert.Equal(AlarmPriority.Low, _system.SoundingPriority);
        Set(11, AlarmCondition.SensorFault, AlarmPriority.Medium);
        Assert.Equal(AlarmPriority.Medium, _system.SoundingPriority);
        Set(12, AlarmCondition.PulseRateHigh, AlarmPriority.High, 150, 140);
        Assert.Equal(AlarmPriority.High, _system.SoundingPriority);

        _system.OnSilencePress(S(13)); // pauses the pulse alarm, acknowledges the technical ones
        Assert.Equal(AlarmPriority.None, _system.SoundingPriority);
        Assert.Equal(AlarmPriority.High, _system.HighestPriority);
        Set(14, AlarmCondition.BatteryCritical, AlarmPriority.Medium, 3);
        Assert.Equal(AlarmPriority.Medium, _system.SoundingPriority);

        int mask = AlarmConditions.Bit(AlarmCondition.StoreFull) | AlarmConditions.Bit(AlarmCondition.SensorFault)
            | AlarmConditions.Bit(AlarmCondition.PulseRateHigh) | AlarmConditions.Bit(AlarmCondition.BatteryCritical);
        Assert.Equal(mask, _system.ActiveMask);
        Assert.Equal(AlarmConditions.Bit(AlarmCondition.StoreFull) | AlarmConditions.Bit(AlarmCondition.SensorFault), _system.AcknowledgedMask);
        Assert.Equal(AlarmConditions.Bit(AlarmCondition.PulseRateHigh), _system.PausedMask);
    }

    [Fact]
    public void Every_visible_change_moves_the_change_count()
    {
        int before = _system.ChangeCount;
        Set(1, AlarmCondition.SpO2Low, AlarmPriority.Medium, 88, 90);
        Assert.Equal(before + 1, _system.ChangeCount);
        Set(2, AlarmCondition.SpO2Low, AlarmPriority.Medium, 88, 90);
        Assert.Equal(before + 1, _system.ChangeCount);
        _system.OnSilencePress(S(3));
        Assert.Equal(before + 2, _system.ChangeCount);
        _system.Update(S(3 + AlarmSettings.AudioPauseSeconds));
        Assert.Equal(before + 3, _system.ChangeCount);
    }
}
