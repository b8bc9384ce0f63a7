namespace WearableFirmware.Motion
{
    /// <summary>The local alarm: buzzer and/or vibration motor (device: PWM pin; host: a recorder).</summary>
    public interface IAlarmOutput
    {
        /// <summary>Starts the alarm pattern; called once when a cancel window opens.</summary>
        void Start();

        /// <summary>Silences it (cancelled or confirmed).</summary>
        void Stop();
    }

    /// <summary>The way to the phone (the BLE fall-alert service on the device).</summary>
    public interface IFallAlertLink
    {
        /// <summary>True while a phone is connected and subscribed to alerts.</summary>
        bool IsConnected { get; }

        /// <summary>
        /// Hands one confirmed alert to the phone; false if it could not be queued for transmission (it is then
        /// retried). The phone answers later through <see cref="FallAlertStateMachine.OnAcknowledged"/>.
        /// </summary>
        bool Send(FallAlertEvent alert);
    }

    /// <summary>Where every alert outcome is recorded (cancelled, confirmed, acknowledged), e.g. the record store.</summary>
    public interface IFallEventSink
    {
        /// <summary>Records the outcome; the instance is reused afterwards, so copy what you keep.</summary>
        void Record(FallAlertEvent alert);
    }
}
