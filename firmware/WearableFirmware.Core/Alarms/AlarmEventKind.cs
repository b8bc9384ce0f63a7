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

        /// <summary>
        /// At boot: a physiological alarm that was running or latched (<see cref="AlarmEvent.Latched"/>) before a
        /// restart is back at its priority, its signal not paused.
        /// </summary>
        Restored = 7,
    }
}
