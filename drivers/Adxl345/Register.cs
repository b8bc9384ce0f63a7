namespace WearableFirmware.Drivers.Adxl345
{
    /// <summary>
    /// ADXL345 register map (datasheet Rev. G, Table 19). 0x01-0x1C are reserved. Members are the datasheet's register
    /// names in PascalCase; each summary opens with the exact name.
    /// </summary>
    public enum Register : byte
    {
        /// <summary>DEVID: fixed device ID, reads 0xE5.</summary>
        DevId = 0x00,

        /// <summary>THRESH_TAP: tap threshold, unsigned, 62.5 mg/LSB.</summary>
        ThreshTap = 0x1D,

        /// <summary>OFSX: X-axis offset, two's complement, 15.6 mg/LSB.</summary>
        Ofsx = 0x1E,

        /// <summary>OFSY: Y-axis offset, two's complement, 15.6 mg/LSB.</summary>
        Ofsy = 0x1F,

        /// <summary>OFSZ: Z-axis offset, two's complement, 15.6 mg/LSB.</summary>
        Ofsz = 0x20,

        /// <summary>DUR: maximum tap duration, 625 us/LSB (0 disables tap detection).</summary>
        Dur = 0x21,

        /// <summary>Tap latency: from a detected tap to the start of the double-tap window, 1.25 ms/LSB.</summary>
        Latent = 0x22,

        /// <summary>Window for the second tap, 1.25 ms/LSB.</summary>
        Window = 0x23,

        /// <summary>THRESH_ACT: activity threshold, unsigned, 62.5 mg/LSB.</summary>
        ThreshAct = 0x24,

        /// <summary>THRESH_INACT: inactivity threshold, unsigned, 62.5 mg/LSB.</summary>
        ThreshInact = 0x25,

        /// <summary>TIME_INACT: inactivity time, 1 s/LSB.</summary>
        TimeInact = 0x26,

        /// <summary>ACT_INACT_CTL: axis enables and ac/dc coupling for activity and inactivity detection.</summary>
        ActInactCtl = 0x27,

        /// <summary>THRESH_FF: free-fall threshold, unsigned, 62.5 mg/LSB.</summary>
        ThreshFf = 0x28,

        /// <summary>TIME_FF: free-fall time, 5 ms/LSB.</summary>
        TimeFf = 0x29,

        /// <summary>TAP_AXES: tap axis enables and the double-tap suppress bit.</summary>
        TapAxes = 0x2A,

        /// <summary>ACT_TAP_STATUS: source axes of the first activity / tap event, and the asleep bit (read only).</summary>
        ActTapStatus = 0x2B,

        /// <summary>BW_RATE: output data rate code and the low-power bit (reset 0x0A = 100 Hz).</summary>
        BwRate = 0x2C,

        /// <summary>POWER_CTL: link, auto-sleep, measure, sleep and wake-up bits (reset 0x00 = standby).</summary>
        PowerCtl = 0x2D,

        /// <summary>INT_ENABLE: interrupt enables.</summary>
        IntEnable = 0x2E,

        /// <summary>INT_MAP: interrupt pin mapping: 0 = INT1, 1 = INT2.</summary>
        IntMap = 0x2F,

        /// <summary>INT_SOURCE: interrupt sources (read only; reading clears the latched events).</summary>
        IntSource = 0x30,

        /// <summary>DATA_FORMAT: self test, SPI mode, interrupt polarity, full resolution, justification, range.</summary>
        DataFormat = 0x31,

        /// <summary>DATAX0: X data, low byte.</summary>
        DataX0 = 0x32,

        /// <summary>DATAX1: X data, high byte.</summary>
        DataX1 = 0x33,

        /// <summary>DATAY0: Y data, low byte.</summary>
        DataY0 = 0x34,

        /// <summary>DATAY1: Y data, high byte.</summary>
        DataY1 = 0x35,

        /// <summary>DATAZ0: Z data, low byte.</summary>
        DataZ0 = 0x36,

        /// <summary>DATAZ1: Z data, high byte.</summary>
        DataZ1 = 0x37,

        /// <summary>FIFO_CTL: FIFO mode, trigger pin and samples (watermark) bits.</summary>
        FifoCtl = 0x38,

        /// <summary>FIFO_STATUS: FIFO trigger flag and number of entries (read only).</summary>
        FifoStatus = 0x39,
    }
}
