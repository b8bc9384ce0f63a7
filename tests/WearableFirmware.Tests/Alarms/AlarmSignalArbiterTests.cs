using WearableFirmware.Alarms;
using Xunit;

namespace WearableFirmware.Tests.Alarms;

/// <summary>The fall alarm's precedence over the alarm system on the shared buzzer, motor and LED.</summary>
public class AlarmSignalArbiterTests
{
    private readonly RecordingSignalOutput _out = new();
    private readonly AlarmSignalArbiter _arbiter;

    public AlarmSignalArbiterTests()
    {
        _arbiter = new AlarmSignalArbiter(_out);
    }

    [Fact]
    public void The_alarm_systems_priority_plays_and_the_light_shows_the_highest_even_when_silenced()
    {
        _arbiter.ShowAlarms(AlarmPriority.Medium, AlarmPriority.Medium);
        Assert.Equal((AlarmSignal.Medium, AlarmPriority.Medium), (_out.Sound, _out.Light));
        _arbiter.ShowAlarms(AlarmPriority.None, AlarmPriority.High); // paused high
        Assert.Equal((AlarmSignal.Off, AlarmPriority.High), (_out.Sound, _out.Light));
    }

    [Fact]
    public void The_fall_signal_takes_the_outputs_while_it_sounds_and_gives_them_back()
    {
        _arbiter.ShowAlarms(AlarmPriority.High, AlarmPriority.High);
        _arbiter.Start(); // cancel window opens
        Assert.Equal(AlarmSignal.Fall, _out.Sound);
        Assert.True(_arbiter.FallSignalTakesPrecedence);
        _arbiter.ShowAlarms(AlarmPriority.High, AlarmPriority.High);
        Assert.Equal(AlarmSignal.Fall, _out.Sound);
        _arbiter.Stop();  // cancelled or confirmed
        Assert.Equal(AlarmSignal.High, _out.Sound);
        Assert.False(_arbiter.FallSignalTakesPrecedence);
    }

    [Fact]
    public void Unchanged_wishes_do_not_restart_the_pattern()
    {
        _arbiter.ShowAlarms(AlarmPriority.Low, AlarmPriority.Low);
        int calls = _out.Calls;
        for (int i = 0; i < 100; i++)
        {
            _arbiter.ShowAlarms(AlarmPriority.Low, AlarmPriority.Low);
        }

        Assert.Equal(calls, _out.Calls);
    }
}
