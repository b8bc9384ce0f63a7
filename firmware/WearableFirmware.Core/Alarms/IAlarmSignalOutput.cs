namespace WearableFirmware.Alarms
{
    /// <summary>The wearer-facing outputs: buzzer and vibration motor playing a signal, and the status LED's alarm light.</summary>
    public interface IAlarmSignalOutput
    {
        /// <summary>
        /// Plays <paramref name="sound"/> on buzzer and motor (its pattern from the start when it changes) and flashes
        /// the LED at the rate of <paramref name="light"/> (None: the LED shows the device status again).
        /// </summary>
        void Show(AlarmSignal sound, AlarmPriority light);
    }
}
