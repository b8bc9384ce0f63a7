namespace WearableFirmware.Ble
{
    /// <summary>Fall event kinds as the Fall Event characteristic carries them (one byte).</summary>
    public enum FallEventKind
    {
        /// <summary>A fall was detected; the wearer may still cancel it.</summary>
        Detected = 1,

        /// <summary>The wearer did not cancel in time (or stayed down): the alarm is raised.</summary>
        Confirmed = 2,

        /// <summary>The alert was withdrawn (by the wearer on the device or by the phone).</summary>
        Cancelled = 3,

        /// <summary>The wearer asked for help with the button.</summary>
        Manual = 4,
    }

    /// <summary>Posture after the event (one byte).</summary>
    public enum FallPosture
    {
        Unknown = 0,
        Upright = 1,
        Sitting = 2,
        Lying = 3,
    }

    /// <summary>Alert State values (first byte of the Alert State characteristic).</summary>
    public enum FallAlertState
    {
        /// <summary>No alert.</summary>
        Idle = 0,

        /// <summary>A fall was detected and the wearer can still cancel it.</summary>
        Pending = 1,

        /// <summary>Alarm raised (confirmed or manual) and not yet acknowledged by a caregiver.</summary>
        Alarm = 2,

        /// <summary>A phone acknowledged the alarm; help is on the way.</summary>
        Acknowledged = 3,

        /// <summary>A test alarm runs; it ends with Cancel (id 0) or when the device stops it after a few seconds.</summary>
        Test = 4,
    }

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
