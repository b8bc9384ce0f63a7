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
}
