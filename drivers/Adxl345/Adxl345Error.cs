namespace WearableFirmware.Drivers.Adxl345
{
    /// <summary>Why the chip is not running: which start-up or configuration-check step failed.</summary>
    public enum Adxl345Error
    {
        None = 0,

        /// <summary>DEVID could not be read: nothing answered at the address (see <see cref="DriverHealth.LastError"/>).</summary>
        NoAnswer,

        /// <summary>DEVID was not 0xE5.</summary>
        WrongDeviceId,

        /// <summary>Writing POWER_CTL/INT_ENABLE to zero (standby, interrupts off) failed.</summary>
        StandbyWriteFailed,

        /// <summary>Writing the THRESH_TAP..TAP_AXES block failed.</summary>
        ThresholdBlockWriteFailed,

        /// <summary>Writing BW_RATE, DATA_FORMAT, INT_MAP or FIFO_CTL failed.</summary>
        FormatWriteFailed,

        /// <summary>Writing POWER_CTL (measure) failed.</summary>
        MeasureWriteFailed,

        /// <summary>Clearing INT_SOURCE or writing INT_ENABLE failed.</summary>
        InterruptEnableFailed,

        /// <summary>Reading back BW_RATE..INT_MAP failed on the bus.</summary>
        RateReadBackFailed,

        /// <summary>BW_RATE..INT_MAP read back differently from what was written.</summary>
        RateReadBackMismatch,

        /// <summary>Reading back THRESH_TAP..TAP_AXES failed on the bus.</summary>
        ThresholdBlockReadBackFailed,

        /// <summary>A register of THRESH_TAP..TAP_AXES read back differently from what was written.</summary>
        RegisterReadBackMismatch,

        /// <summary>DATA_FORMAT failed to read or read back differently.</summary>
        DataFormatReadBackFailed,

        /// <summary>FIFO_CTL failed to read or read back differently.</summary>
        FifoControlReadBackFailed,

        /// <summary>The configuration read-back failed without naming a step.</summary>
        ConfigurationReadBackFailed,
    }
}
