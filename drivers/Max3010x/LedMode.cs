namespace WearableFirmware.Drivers.Max3010x
{
    /// <summary>MODE[2:0] of Mode Configuration (0x09): which LEDs are sampled.</summary>
    public enum LedMode : byte
    {
        /// <summary>Heart-rate mode: red LED only (one 3-byte channel per sample).</summary>
        HeartRate = 0x02,

        /// <summary>SpO2 mode: red then IR (two 3-byte channels per sample).</summary>
        SpO2 = 0x03,
    }
}
