namespace WearableFirmware.Drivers.Max3010x
{
    /// <summary>Why the chip is not running.</summary>
    public enum Max3010xError
    {
        None = 0,

        /// <summary>A transfer failed after every retry (see <see cref="DriverHealth.LastError"/>).</summary>
        BusFailure,

        /// <summary>The RESET bit did not clear within the timeout.</summary>
        ResetTimeout,

        /// <summary>PART_ID was not 0x15 (see <see cref="Max30102.PartIdRead"/>).</summary>
        WrongPartId,

        /// <summary>A configuration register read back differently from what was written.</summary>
        ConfigurationMismatch,
    }
}
