using WearableFirmware.Alarms;

namespace WearableFirmware.SimulatedBoard;

/// <summary>
/// The buzzer, vibration motor and status LED: remembers every signal they played (from, to, which) and the alarm
/// light shown, on the virtual clock.
/// </summary>
public sealed class RecordingAlarm(VirtualClock clock) : IAlarmSignalOutput
{
    private double _start;

    /// <summary>True while buzzer and motor play any signal.</summary>
    public bool Sounding => Signal != AlarmSignal.Off;

    /// <summary>What they play now.</summary>
    public AlarmSignal Signal { get; private set; }

    /// <summary>The priority the LED shows now.</summary>
    public AlarmPriority Light { get; private set; }

    /// <summary>Every signal that has stopped (or changed), in order.</summary>
    public List<(double StartSeconds, double StopSeconds, AlarmSignal Signal)> Episodes { get; } = new(256); // no growth inside measured ticks

    public void Show(AlarmSignal sound, AlarmPriority light)
    {
        Light = light;
        if (sound == Signal)
        {
            return;
        }

        double now = clock.NowMicroseconds / 1e6;
        if (Signal != AlarmSignal.Off)
        {
            Episodes.Add((_start, now, Signal));
        }

        Signal = sound;
        _start = now;
    }
}
