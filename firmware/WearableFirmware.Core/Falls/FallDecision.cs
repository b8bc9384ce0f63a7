namespace WearableFirmware.Falls
{
    /// <summary>What one sample concluded.</summary>
    public enum FallDecision
    {
        /// <summary>Nothing concluded on this sample.</summary>
        None = 0,

        /// <summary>An impact was judged and at least one stage said no; see the detector's stage outputs.</summary>
        Rejected,

        /// <summary>All four stages agreed: suspected fall.</summary>
        Fall,
    }
}
