namespace WearableFirmware.Falls
{
    /// <summary>The local alarm: buzzer and/or vibration motor (device: PWM pin; host: a recorder).</summary>
    public interface IAlarmOutput
    {
        /// <summary>Starts the alarm pattern; called once when a cancel window opens.</summary>
        void Start();

        /// <summary>Silences it (cancelled or confirmed).</summary>
        void Stop();
    }
}
