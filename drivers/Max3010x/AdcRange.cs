namespace WearableFirmware.Drivers.Max3010x
{
    /// <summary>SPO2_ADC_RGE[1:0]: ADC full scale in nA (LSB 7.81, 15.63, 31.25, 62.5 pA at 18 bits).</summary>
    public enum AdcRange : byte
    {
        Nanoamps2048 = 0,
        Nanoamps4096 = 1,
        Nanoamps8192 = 2,
        Nanoamps16384 = 3,
    }
}
