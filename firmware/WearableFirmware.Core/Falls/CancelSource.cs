namespace WearableFirmware.Falls
{
    /// <summary>How an alarm was cancelled during its cancel window.</summary>
    public enum CancelSource
    {
        None = 0,
        Button = 1,
        DoubleTap = 2,

        /// <summary>A phone wrote Cancel for the alert while its cancel window was open.</summary>
        Phone = 3,
    }
}
