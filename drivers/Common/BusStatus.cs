namespace WearableFirmware.Drivers
{
    /// <summary>Outcome of one bus transfer, as fine-grained as the I2C controllers report it.</summary>
    public enum BusStatus
    {
        /// <summary>Every byte was transferred.</summary>
        Ok = 0,

        /// <summary>The chip did not acknowledge its address (absent, powered down or busy).</summary>
        AddressNotAcknowledged,

        /// <summary>The transfer stopped part-way (data NACK or arbitration loss).</summary>
        PartialTransfer,

        /// <summary>The chip held the clock low for too long.</summary>
        ClockStretchTimeout,

        /// <summary>Any other controller error.</summary>
        UnknownError,
    }
}
