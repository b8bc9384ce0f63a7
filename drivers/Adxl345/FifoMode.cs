namespace WearableFirmware.Drivers.Adxl345
{
    /// <summary>FIFO_CTL mode bits D7:D6.</summary>
    public enum FifoMode : byte
    {
        /// <summary>FIFO unused: the data registers hold the newest sample.</summary>
        Bypass = 0,

        /// <summary>Collects up to 32 samples, then stops until read.</summary>
        Fifo = 1,

        /// <summary>Holds the newest 32 samples, discarding the oldest when full.</summary>
        Stream = 2,

        /// <summary>Like stream until a trigger interrupt, then keeps the samples before it and fills up.</summary>
        Trigger = 3,
    }
}
