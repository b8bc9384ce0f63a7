namespace WearableFirmware.Falls
{
    /// <summary>The wearer-facing half of the alert path.</summary>
    public enum LocalAlarmState
    {
        /// <summary>No alarm sounding.</summary>
        Idle = 0,

        /// <summary>Alarm sounding; the wearer can still cancel until the window ends.</summary>
        CancelWindow,
    }
}
