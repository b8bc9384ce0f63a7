namespace WearableFirmware.Drivers.Max3010x
{
    /// <summary>LED_PW[1:0]: LED pulse width, which also sets the ADC resolution.</summary>
    public enum PulseWidth : byte
    {
        /// <summary>69 µs (68.95), 15-bit ADC.</summary>
        Us69Bits15 = 0,

        /// <summary>118 µs (117.78), 16-bit ADC.</summary>
        Us118Bits16 = 1,

        /// <summary>215 µs (215.44), 17-bit ADC.</summary>
        Us215Bits17 = 2,

        /// <summary>411 µs (410.75), 18-bit ADC.</summary>
        Us411Bits18 = 3,
    }
}
