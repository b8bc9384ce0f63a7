namespace WearableFirmware.Drivers.Adxl345
{
    /// <summary>ADXL345 register map (datasheet Rev. G, Table 19). 0x01-0x1C are reserved.</summary>
    public enum Register : byte
    {
        /// <summary>Fixed device ID, reads 0xE5.</summary>
        DEVID = 0x00,

        /// <summary>Tap threshold, unsigned, 62.5 mg/LSB.</summary>
        THRESH_TAP = 0x1D,

        /// <summary>X-axis offset, two's complement, 15.6 mg/LSB.</summary>
        OFSX = 0x1E,

        /// <summary>Y-axis offset, two's complement, 15.6 mg/LSB.</summary>
        OFSY = 0x1F,

        /// <summary>Z-axis offset, two's complement, 15.6 mg/LSB.</summary>
        OFSZ = 0x20,

        /// <summary>Maximum tap duration, 625 us/LSB (0 disables tap detection).</summary>
        DUR = 0x21,

        /// <summary>Tap latency: from a detected tap to the start of the double-tap window, 1.25 ms/LSB.</summary>
        Latent = 0x22,

        /// <summary>Window for the second tap, 1.25 ms/LSB.</summary>
        Window = 0x23,

        /// <summary>Activity threshold, unsigned, 62.5 mg/LSB.</summary>
        THRESH_ACT = 0x24,

        /// <summary>Inactivity threshold, unsigned, 62.5 mg/LSB.</summary>
        THRESH_INACT = 0x25,

        /// <summary>Inactivity time, 1 s/LSB.</summary>
        TIME_INACT = 0x26,

        /// <summary>Axis enables and ac/dc coupling for activity and inactivity detection.</summary>
        ACT_INACT_CTL = 0x27,

        /// <summary>Free-fall threshold, unsigned, 62.5 mg/LSB.</summary>
        THRESH_FF = 0x28,

        /// <summary>Free-fall time, 5 ms/LSB.</summary>
        TIME_FF = 0x29,

        /// <summary>Tap axis enables and the double-tap suppress bit.</summary>
        TAP_AXES = 0x2A,

        /// <summary>Source axes of the first activity / tap event, and the asleep bit (read only).</summary>
        ACT_TAP_STATUS = 0x2B,

        /// <summary>Output data rate code and the low-power bit (reset 0x0A = 100 Hz).</summary>
        BW_RATE = 0x2C,

        /// <summary>Link, auto-sleep, measure, sleep and wake-up bits (reset 0x00 = standby).</summary>
        POWER_CTL = 0x2D,

        /// <summary>Interrupt enables.</summary>
        INT_ENABLE = 0x2E,

        /// <summary>Interrupt pin mapping: 0 = INT1, 1 = INT2.</summary>
        INT_MAP = 0x2F,

        /// <summary>Interrupt sources (read only; reading clears the latched events).</summary>
        INT_SOURCE = 0x30,

        /// <summary>Self test, SPI mode, interrupt polarity, full resolution, justification, range.</summary>
        DATA_FORMAT = 0x31,

        /// <summary>X data, low byte.</summary>
        DATAX0 = 0x32,

        /// <summary>X data, high byte.</summary>
        DATAX1 = 0x33,

        /// <summary>Y data, low byte.</summary>
        DATAY0 = 0x34,

        /// <summary>Y data, high byte.</summary>
        DATAY1 = 0x35,

        /// <summary>Z data, low byte.</summary>
        DATAZ0 = 0x36,

        /// <summary>Z data, high byte.</summary>
        DATAZ1 = 0x37,

        /// <summary>FIFO mode, trigger pin and samples (watermark) bits.</summary>
        FIFO_CTL = 0x38,

        /// <summary>FIFO trigger flag and number of entries (read only).</summary>
        FIFO_STATUS = 0x39,
    }
}
