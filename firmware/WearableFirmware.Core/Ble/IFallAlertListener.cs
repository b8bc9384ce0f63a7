namespace WearableFirmware.Ble
{
    /// <summary>Told about alert-control writes the service accepted (the device silences the buzzer etc.).</summary>
    public interface IFallAlertListener
    {
        void OnAcknowledged(int eventId);

        void OnCancelled(int eventId);

        void OnTestAlarm();

        /// <summary>
        /// True when alert <paramref name="eventId"/> was raised and still awaits the phone's acknowledgement, though
        /// Alert State may show a later fall (whose cancel window is open).
        /// </summary>
        bool IsAwaitingAcknowledge(int eventId);
    }
}
