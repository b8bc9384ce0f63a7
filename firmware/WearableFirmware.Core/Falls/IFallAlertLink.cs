namespace WearableFirmware.Falls
{
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
}
