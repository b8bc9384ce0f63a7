namespace WearableFirmware.Alarms
{
    /// <summary>What the buzzer and vibration motor play. 1-3 are the alarm priorities; never renumber.</summary>
    public enum AlarmSignal
    {
        Off = 0,
        Low = 1,
        Medium = 2,
        High = 3,

        /// <summary>The fall alarm's cancel-window signal (and the phone's test alarm).</summary>
        Fall = 4,
    }
}
