namespace WearableFirmware.Application
{
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
