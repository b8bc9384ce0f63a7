namespace WearableFirmware.Alarms
{
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
}
