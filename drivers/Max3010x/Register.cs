namespace WearableFirmware.Drivers.Max3010x
{
    /// <summary>
    /// MAX30102 register map (Maxim 19-7740, Table 1). Members are the datasheet's register names in PascalCase; each
    /// summary opens with the exact name. Registers marked MAX30101/MAX30105 exist only on those parts; the driver
    /// never writes them on a MAX30102.
    /// </summary>
    public enum Register : byte
    {
        /// <summary>INT_STATUS_1: A_FULL (7), PPG_RDY (6), ALC_OVF (5), PWR_RDY (0). Clears on read.</summary>
        IntStatus1 = 0x00,

        /// <summary>INT_STATUS_2: DIE_TEMP_RDY (1). Clears on read.</summary>
        IntStatus2 = 0x01,

        /// <summary>INT_ENABLE_1: A_FULL_EN (7), PPG_RDY_EN (6), ALC_OVF_EN (5).</summary>
        IntEnable1 = 0x02,

        /// <summary>INT_ENABLE_2: DIE_TEMP_RDY_EN (1).</summary>
        IntEnable2 = 0x03,

        /// <summary>FIFO_WR_PTR[4:0]: where the chip writes the next sample.</summary>
        FifoWrPtr = 0x04,

        /// <summary>OVF_COUNTER[4:0]: samples lost while the FIFO was full; saturates at 0x1F, clears when a sample is popped.</summary>
        OvfCounter = 0x05,

        /// <summary>FIFO_RD_PTR[4:0]: the next sample the host reads.</summary>
        FifoRdPtr = 0x06,

        /// <summary>FIFO_DATA: 3 bytes per active LED per sample; the register address does not auto-increment here.</summary>
        FifoData = 0x07,

        /// <summary>FIFO Configuration: SMP_AVE[2:0] (7:5), FIFO_ROLLOVER_EN (4), FIFO_A_FULL[3:0] (3:0).</summary>
        FifoConfig = 0x08,

        /// <summary>Mode Configuration: SHDN (7), RESET (6), MODE[2:0] (2:0).</summary>
        ModeConfig = 0x09,

        /// <summary>SpO2 Configuration: SPO2_ADC_RGE[1:0] (6:5), SPO2_SR[2:0] (4:2), LED_PW[1:0] (1:0).</summary>
        SpO2Config = 0x0A,

        /// <summary>LED1_PA: red LED pulse amplitude, 0.2 mA per LSB.</summary>
        Led1Pa = 0x0C,

        /// <summary>LED2_PA: IR LED pulse amplitude, 0.2 mA per LSB.</summary>
        Led2Pa = 0x0D,

        /// <summary>LED3_PA: green LED pulse amplitude (MAX30101/MAX30105 only).</summary>
        Led3Pa = 0x0E,

        /// <summary>PILOT_PA: proximity pilot amplitude (MAX30105 only).</summary>
        PilotPa = 0x10,

        /// <summary>Multi-LED Mode Control: SLOT2[2:0] (6:4), SLOT1[2:0] (2:0).</summary>
        MultiLedModeControl1 = 0x11,

        /// <summary>Multi-LED Mode Control: SLOT4[2:0] (6:4), SLOT3[2:0] (2:0).</summary>
        MultiLedModeControl2 = 0x12,

        /// <summary>Die Temp Integer, TINT: die temperature integer part, two's complement °C.</summary>
        DieTempInteger = 0x1F,

        /// <summary>Die Temp Fraction, TFRAC[3:0]: die temperature fraction, 0.0625 °C per LSB.</summary>
        DieTempFraction = 0x20,

        /// <summary>Die Temperature Config: TEMP_EN (0), self-clearing when the conversion ends.</summary>
        DieTempConfig = 0x21,

        /// <summary>REV_ID: revision ID.</summary>
        RevId = 0xFE,

        /// <summary>PART_ID: 0x15 on the MAX30101, MAX30102 and MAX30105.</summary>
        PartId = 0xFF,
    }
}
