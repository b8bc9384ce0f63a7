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

    /// <summary>
    /// Debounced, classified button presses, queued by the platform (GPIO interrupt on the device, a script on the
    /// host) and taken by the sampling loop once per tick, so alert logic runs on one thread only.
    /// </summary>
    public interface IButtonInput
    {
        /// <summary>The oldest press not yet taken, or <see cref="ButtonPress.None"/>.</summary>
        ButtonPress TakePress();
    }
}
