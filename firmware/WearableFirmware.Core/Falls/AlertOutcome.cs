namespace WearableFirmware.Falls
{
    /// <summary>Where an alert is in its life; each change is recorded.</summary>
    public enum AlertOutcome
    {
        /// <summary>The wearer cancelled during the cancel window; never sent to the phone.</summary>
        Cancelled = 1,

        /// <summary>The cancel window ran out (or none applied): queued for the phone.</summary>
        Confirmed = 2,

        /// <summary>The phone acknowledged it.</summary>
        Acknowledged = 3,
    }
}
