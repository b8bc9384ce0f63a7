namespace WearableFirmware.Falls
{
    /// <summary>What raised an alert.</summary>
    public enum AlertKind
    {
        /// <summary>The fall detector's suspected fall.</summary>
        Fall = 1,

        /// <summary>The wearer's long button press.</summary>
        ManualEmergency = 2,
    }
}
