namespace WearableFirmware.Application
{
    /// <summary>What the wearer did with the button since the last tick.</summary>
    public enum ButtonPress
    {
        None = 0,

        /// <summary>Released before the long-press time: cancels a pending alarm.</summary>
        Short = 1,

        /// <summary>Held for the long-press time (3 s): manual emergency.</summary>
        Long = 2,
    }
}
