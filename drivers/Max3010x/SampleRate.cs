namespace WearableFirmware.Drivers.Max3010x
{
    /// <summary>SPO2_SR[2:0]: ADC conversions per second (before on-chip averaging).</summary>
    public enum SampleRate : byte
    {
        Sps50 = 0,
        Sps100 = 1,
        Sps200 = 2,
        Sps400 = 3,
        Sps800 = 4,
        Sps1000 = 5,
        Sps1600 = 6,
        Sps3200 = 7,
    }
}
