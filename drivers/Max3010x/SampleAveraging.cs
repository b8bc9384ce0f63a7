namespace WearableFirmware.Drivers.Max3010x
{
    /// <summary>SMP_AVE[2:0]: on-chip averaging of adjacent conversions into one FIFO sample.</summary>
    public enum SampleAveraging : byte
    {
        None = 0,
        Average2 = 1,
        Average4 = 2,
        Average8 = 3,
        Average16 = 4,
        Average32 = 5,
    }
}
