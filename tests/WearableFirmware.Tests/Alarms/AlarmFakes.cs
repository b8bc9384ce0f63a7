using WearableFirmware.Alarms;

namespace WearableFirmware.Tests.Alarms;

/// <summary>Keeps a copy of every alarm event (the system reuses its instance).</summary>
internal sealed class RecordingAlarmSink : IAlarmEventSink
{
    public List<AlarmEvent> Events { get; } = new();

    public void OnAlarmEvent(AlarmEvent e) => Events.Add(new AlarmEvent
    {
        Kind = e.Kind, Condition = e.Condition, Priority = e.Priority, Value = e.Value, Limit = e.Limit,
        DurationSeconds = e.DurationSeconds, Conditions = e.Conditions, Latched = e.Latched, AtMicroseconds = e.AtMicroseconds,
    });

    public IEnumerable<AlarmEvent> Of(AlarmEventKind kind) => Events.Where(e => e.Kind == kind);
}

/// <summary>Remembers what the outputs were told.</summary>
internal sealed class RecordingSignalOutput : IAlarmSignalOutput
{
    public AlarmSignal Sound { get; private set; }

    public AlarmPriority Light { get; private set; }

    public int Calls { get; private set; }

    public void Show(AlarmSignal sound, AlarmPriority light)
    {
        Sound = sound;
        Light = light;
        Calls++;
    }
}

internal static class Us
{
    public const long Second = 1_000_000;

    public static long S(double seconds) => (long)Math.Round(seconds * Second);
}
