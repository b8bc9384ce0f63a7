namespace WearableFirmware.Drivers.Adxl345
{
    /// <summary>
    /// BW_RATE rate codes (datasheet Table 7): rate = 3200 Hz / 2^(15 - code); the output bandwidth is half the rate.
    /// Names give the rate in Hz with '_' for the decimal point.
    /// </summary>
    public enum OutputDataRate : byte
    {
        Hz0_10 = 0x0,
        Hz0_20 = 0x1,
        Hz0_39 = 0x2,
        Hz0_78 = 0x3,
        Hz1_56 = 0x4,
        Hz3_13 = 0x5,
        Hz6_25 = 0x6,
        Hz12_5 = 0x7,
        Hz25 = 0x8,
        Hz50 = 0x9,
        Hz100 = 0xA,
        Hz200 = 0xB,
        Hz400 = 0xC,
        Hz800 = 0xD,
        Hz1600 = 0xE,
        Hz3200 = 0xF,
    }
}
