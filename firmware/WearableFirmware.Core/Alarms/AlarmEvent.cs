namespace WearableFirmware.Alarms
{
    /// <summary>What happened to an alarm. Stored on flash and sent over BLE as one byte: never renumber.</summary>
    public enum AlarmEventKind
    {
        /// <summary>A condition met its delay: the alarm starts.</summary>
        Started = 1,

        /// <summary>A running alarm reached a higher priority (its signal sounds even if paused).</summary>
        Escalated = 2,

        /// <summary>The wearer paused the audible signal of the physiological alarms in <see cref="AlarmEvent.Conditions"/>.</summary>
        Paused = 3,

        /// <summary>The condition ended (a latching alarm keeps its signal until acknowledged).</summary>
        Ended = 4,

        /// <summary>
        /// The wearer acknowledged: technical alarms in <see cref="AlarmEvent.Conditions"/> stay silent until they end,
        /// latched alarms that had ended are cleared.
        /// </summary>
        Acknowledged = 5,

        /// <summary>A bonded phone changed the alarm limits or delays (the new settings are in the record).</summary>
        SettingsChanged = 6,
    }

    /// <summary>
    /// One alarm event, handed to the <see cref="IAlarmEventSink"/> and then reused: copy what you keep. Numbers that
    /// do not apply are NaN (value, limit) or 0.
    /// </summary>
    public sealed class AlarmEvent
    {
        public AlarmEventKind Kind;

        /// <summary>The condition (0 for events that cover several: pause, acknowledgement, settings).</summary>
        public AlarmCondition Condition;

        /// <summary>Priority after the event (started, escalated, ended: the episode's; paused: the highest paused).</summary>
        public AlarmPriority Priority;

        /// <summary>The reading behind it (SpO2 %, pulse bpm, battery %), NaN when none.</summary>
        public float Value;

        /// <summary>The limit crossed, NaN when none.</summary>
        public float Limit;

        /// <summary>Started: the alarm-condition delay; ended: how long the alarm lasted; paused: the pause; else 0.</summary>
        public int DurationSeconds;

        /// <summary>Bits (<see cref="AlarmConditions.Bit"/>) of every condition the event concerns.</summary>
        public int Conditions;

        /// <summary>Ended: the alarm latched and keeps signalling until acknowledged.</summary>
        public bool Latched;

        /// <summary>When it happened (monotonic microseconds).</summary>
        public long AtMicroseconds;
    }

    /// <summary>Where alarm events go (the record store and the phone).</summary>
    public interface IAlarmEventSink
    {
        /// <summary>Called on the loop thread as the event happens; <paramref name="alarmEvent"/> is reused afterwards.</summary>
        void OnAlarmEvent(AlarmEvent alarmEvent);
    }
}
