using WearableFirmware.Alarms;

namespace WearableFirmware.SimulatedBoard;

/// <summary>
/// A copy of every alarm event the firmware raised, in order. The first <see cref="Preallocated"/> copies come from a
/// pool made up front, so logging allocates nothing inside the measured ticks of the allocation tests.
/// </summary>
public sealed class AlarmLog : IAlarmEventSink
{
    public const int Preallocated = 512;

    private readonly AlarmEvent[] _pool = Enumerable.Range(0, Preallocated).Select(_ => new AlarmEvent()).ToArray();

    public List<AlarmEvent> Events { get; } = new(Preallocated);

    public void OnAlarmEvent(AlarmEvent e)
    {
        AlarmEvent copy = Events.Count < Preallocated ? _pool[Events.Count] : new AlarmEvent();
        copy.Kind = e.Kind;
        copy.Condition = e.Condition;
        copy.Priority = e.Priority;
        copy.Value = e.Value;
        copy.Limit = e.Limit;
        copy.DurationSeconds = e.DurationSeconds;
        copy.Conditions = e.Conditions;
        copy.Latched = e.Latched;
        copy.AtMicroseconds = e.AtMicroseconds;
        Events.Add(copy);
    }

    /// <summary>Events of one condition and kind.</summary>
    public IEnumerable<AlarmEvent> Of(AlarmCondition condition, AlarmEventKind kind) => Events.Where(e => e.Condition == condition && e.Kind == kind);

    /// <summary>When the condition's first alarm of at least that priority began (start or escalation), in s; null if never.</summary>
    public double? FirstAt(AlarmCondition condition, AlarmPriority atLeast) =>
        Events.FirstOrDefault(x => x.Condition == condition && x.Priority >= atLeast && x.Kind is AlarmEventKind.Started or AlarmEventKind.Escalated) is { } first
            ? first.AtMicroseconds / 1e6
            : null;
}
