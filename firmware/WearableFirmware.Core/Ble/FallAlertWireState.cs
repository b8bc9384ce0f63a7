namespace WearableFirmware.Ble
{
    /// <summary>Alert State values (first byte of the Alert State characteristic).</summary>
    public enum FallAlertWireState
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
}
