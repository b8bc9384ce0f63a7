using WearableFirmware.Drivers.Max3010x;
using Xunit;

namespace WearableFirmware.Tests.Drivers.Max3010x;

/// <summary>Register values and validation, against values worked out by hand from the MAX30102 datasheet tables.</summary>
public class Max3010xSettingsTests
{
    [Fact]
    public void Default_settings_write_the_datasheet_codes_for_spo2_100sps_411us_16384nA_7mA()
    {
        var s = new Max3010xSettings();

        Assert.Null(s.Validate());
        // SMP_AVE 000 | ROLLOVER 1 (0x10) | FIFO_A_FULL 32-17 = 15 (0xF)
        Assert.Equal(0x1F, s.FifoConfigurationValue);
        // MODE 011 = SpO2
        Assert.Equal(0x03, s.ModeConfigurationValue);
        // ADC_RGE 11 (0x60) | SR 001 (0x04) | LED_PW 11 (0x03)
        Assert.Equal(0x67, s.SpO2ConfigurationValue);
        // 7.0 mA / 0.2 mA = 35
        Assert.Equal(0x23, s.RedPulseAmplitudeValue);
        Assert.Equal(0x23, s.IrPulseAmplitudeValue);
        // A_FULL_EN 0x80 | ALC_OVF_EN 0x20; DIE_TEMP_RDY_EN 0x02
        Assert.Equal(0xA0, s.InterruptEnable1Value);
        Assert.Equal(0x02, s.InterruptEnable2Value);
        Assert.Equal(18, s.ResolutionBits);
        Assert.Equal(10000, s.OutputPeriodMicroseconds);
    }

    [Fact]
    public void Heart_rate_mode_1000sps_215us_4096nA_average4_no_rollover_threshold32()
    {
        var s = new Max3010xSettings
        {
            Mode = LedMode.HeartRate,
            SampleRate = SampleRate.Sps1000,
            PulseWidth = PulseWidth.Us215Bits17,
            AdcRange = AdcRange.Nanoamps4096,
            Averaging = SampleAveraging.Average4,
            FifoRollover = false,
            AlmostFullUnreadSamples = 32,
            RedLedCurrentMilliamps = 51.0f,
            PpgReadyInterrupt = true,
        };

        Assert.Null(s.Validate());
        Assert.Equal(0x40, s.FifoConfigurationValue);      // SMP_AVE 010 << 5, rollover 0, A_FULL 0
        Assert.Equal(0x02, s.ModeConfigurationValue);      // MODE 010 = heart rate
        Assert.Equal(0x36, s.SpO2ConfigurationValue);      // 01 << 5 | 101 << 2 | 10
        Assert.Equal(0xFF, s.RedPulseAmplitudeValue);      // 51.0 mA
        Assert.Equal(0x00, s.IrPulseAmplitudeValue);       // IR unused in heart-rate mode
        Assert.Equal(0xE0, s.InterruptEnable1Value);       // + PPG_RDY_EN 0x40
        Assert.Equal(1, s.Channels);
        Assert.Equal(4000, s.OutputPeriodMicroseconds);    // 1000 sps / 4
    }

    [Theory]
    [InlineData(0.0f, 0x00)]
    [InlineData(0.2f, 0x01)]
    [InlineData(0.4f, 0x02)]
    [InlineData(3.0f, 0x0F)]
    [InlineData(6.2f, 0x1F)]
    [InlineData(12.6f, 0x3F)]
    [InlineData(25.4f, 0x7F)]
    [InlineData(51.0f, 0xFF)]
    [InlineData(7.09f, 0x23)] // nearest 0.2 mA step
    public void Led_current_codes_match_the_datasheet_table(float milliamps, int code)
    {
        Assert.Equal(code, Max3010xSettings.LedCurrentCode(milliamps));
    }

    // Datasheet Table 11 (SpO2) and Table 12 (heart rate): rows 50..3200 sps, columns 69/118/215/411 µs.
    [Theory]
    [InlineData(LedMode.SpO2, "1111,1111,1111,1111,1110,1100,1000,0000")]
    [InlineData(LedMode.HeartRate, "1111,1111,1111,1111,1111,1111,1110,1000")]
    public void Allowed_rate_and_width_combinations_follow_the_datasheet_tables(LedMode mode, string table)
    {
        string[] rows = table.Split(',');
        for (int rate = 0; rate < 8; rate++)
        {
            for (int width = 0; width < 4; width++)
            {
                bool expected = rows[rate][width] == '1';
                Assert.True(expected == Max3010xSettings.IsAllowed(mode, (SampleRate)rate, (PulseWidth)width), $"{mode} rate code {rate} width code {width}");
            }
        }
    }

    [Fact]
    public void A_rate_too_fast_for_the_pulse_width_is_rejected_naming_the_fastest_allowed_rate()
    {
        var s = new Max3010xSettings { SampleRate = SampleRate.Sps1000, PulseWidth = PulseWidth.Us411Bits18 };

        string error = s.Validate();

        Assert.NotNull(error);
        Assert.Contains("1000 sps with 411 us", error);
        Assert.Contains("SpO2 mode", error);
        Assert.Contains("fastest allowed rate is 400 sps", error);
        var thrown = Assert.Throws<ArgumentException>(() => new Max30102(new ScriptedMax30102Bus(), new ManualClock(), s));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void Spo2_at_3200sps_is_never_allowed_and_the_message_says_so()
    {
        var s = new Max3010xSettings { SampleRate = SampleRate.Sps3200, PulseWidth = PulseWidth.Us69Bits15 };

        Assert.Contains("fastest allowed rate is 1600 sps", s.Validate());
    }

    [Theory]
    [InlineData(51.2f)]
    [InlineData(-0.2f)]
    [InlineData(float.NaN)]
    public void Led_currents_outside_0_to_51mA_are_rejected(float milliamps)
    {
        var s = new Max3010xSettings { IrLedCurrentMilliamps = milliamps };

        Assert.StartsWith("IR LED current", s.Validate());
        Assert.Throws<ArgumentException>(() => Max3010xSettings.LedCurrentCode(milliamps));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(33)]
    public void Almost_full_threshold_outside_17_to_32_is_rejected(int unread)
    {
        var s = new Max3010xSettings { AlmostFullUnreadSamples = unread };

        Assert.Contains("almost-full threshold " + unread, s.Validate());
    }
}
