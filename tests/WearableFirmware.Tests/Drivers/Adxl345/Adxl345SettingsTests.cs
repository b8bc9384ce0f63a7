using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.SimulatedBoard.Signals;
using Xunit;

namespace WearableFirmware.Tests.Drivers.Adxl345;

public class Adxl345SettingsTests
{
    [Fact]
    public void Default_settings_encode_to_hand_computed_register_values()
    {
        var s = new Adxl345Settings();

        Assert.Equal(0x09, s.BwRateValue()); // 50 Hz, Table 7 code 1001
        Assert.Equal(0x0B, s.DataFormatValue()); // FULL_RES | +-16 g: the DATA_FORMAT SisFall recorded with
        Assert.Equal(0x90, s.FifoControlValue()); // stream (10) << 6 | 16 samples
        Assert.Equal(8, s.FreeFallThresholdValue()); // 500 mg / 62.5
        Assert.Equal(6, s.FreeFallTimeValue()); // 30 ms / 5
        Assert.Equal(32, s.ActivityThresholdValue()); // 2000 mg / 62.5
        Assert.Equal(3, s.InactivityThresholdValue()); // 188 mg / 62.5 = 3.008
        Assert.Equal(2, s.InactivityTimeValue());
        Assert.Equal(0x7F, s.ActInactControlValue()); // act dc XYZ (0x70) | inact ac (0x08) XYZ (0x07)
        Assert.Equal(48, s.TapThresholdValue()); // 3000 mg / 62.5
        Assert.Equal(32, s.TapDurationValue()); // 20 ms / 625 us
        Assert.Equal(64, s.TapLatencyValue()); // 80 ms / 1.25 ms
        Assert.Equal(240, s.TapWindowValue()); // 300 ms / 1.25 ms
        Assert.Equal(0x07, s.TapAxesValue());
        Assert.Equal(0x08, s.PowerControlValue()); // measure
        Assert.Equal(0x7F, s.InterruptEnableValue()); // all but DATA_READY
        Assert.Equal(0x3C, s.InterruptMapValue()); // double tap, activity, inactivity, free fall on INT2
    }

    [Fact]
    public void Other_configuration_encodes_per_datasheet_bit_layout()
    {
        var s = new Adxl345Settings
        {
            DataRate = OutputDataRate.Hz200,
            LowPower = true,
            Range = GravityRange.PlusMinus2G,
            FullResolution = false,
            InterruptActiveLow = true,
            FifoMode = FifoMode.Fifo,
            WatermarkSamples = 31,
            ActivityAcCoupled = true,
            ActivityAxes = Axes.X | Axes.Z,
            InactivityAcCoupled = false,
            InactivityAxes = Axes.Y,
            TapAxes = Axes.Z,
            SuppressDoubleTapOnLatencySpike = true,
            OffsetX = -1,
            FreeFallThresholdMg = 437, // 6.99 steps -> 7
            TapDurationMicroseconds = 625 * 255,
        };

        Assert.Equal(0x1B, s.BwRateValue()); // LOW_POWER (0x10) | 200 Hz (1011)
        Assert.Equal(0x20, s.DataFormatValue()); // INT_INVERT, 10-bit, +-2 g
        Assert.Equal(0x5F, s.FifoControlValue()); // FIFO (01) << 6 | 31
        Assert.Equal(0xD2, s.ActInactControlValue()); // ac (0x80) | X,Z (101 << 4) | dc | Y (010)
        Assert.Equal(0x09, s.TapAxesValue()); // suppress | Z
        Assert.Equal(0xFF, s.OffsetValue(s.OffsetX, "OffsetX"));
        Assert.Equal(7, s.FreeFallThresholdValue());
        Assert.Equal(255, s.TapDurationValue());
    }

    [Fact]
    public void Sample_period_is_exact_for_every_rate_code()
    {
        Assert.Equal(10_000_000, Adxl345Settings.RatePeriodNanoseconds(OutputDataRate.Hz100));
        Assert.Equal(5_000_000, Adxl345Settings.RatePeriodNanoseconds(OutputDataRate.Hz200));
        Assert.Equal(80_000_000, Adxl345Settings.RatePeriodNanoseconds(OutputDataRate.Hz12_5));
        Assert.Equal(10_240_000_000, Adxl345Settings.RatePeriodNanoseconds(OutputDataRate.Hz0_10)); // 0.09765625 Hz
    }

    public static TheoryData<Action<Adxl345Settings>, string> InvalidSettings() => new()
    {
        { s => { s.LowPower = true; s.DataRate = OutputDataRate.Hz800; }, "12.5 Hz to 400 Hz" },
        { s => { s.LowPower = true; s.DataRate = OutputDataRate.Hz6_25; }, "12.5 Hz to 400 Hz" },
        { s => s.WatermarkSamples = 0, "WatermarkSamples = 0 is outside 1..31" },
        { s => s.WatermarkSamples = 32, "WatermarkSamples = 32 is outside 1..31" },
        { s => s.FreeFallThresholdMg = 31, "FreeFallThresholdMg = 31" }, // rounds to 0 steps
        { s => s.FreeFallThresholdMg = 16000, "FreeFallThresholdMg = 16000" }, // 256 steps
        { s => s.FreeFallTimeMs = 2, "FreeFallTimeMs = 2" },
        { s => s.FreeFallTimeMs = 1280, "FreeFallTimeMs = 1280" },
        { s => s.TapLatencyMicroseconds = 0, "TapLatencyMicroseconds = 0" },
        { s => s.TapWindowMicroseconds = 320_000, "TapWindowMicroseconds = 320000" },
        { s => s.TapDurationMicroseconds = -1, "TapDurationMicroseconds = -1" },
        { s => s.TapAxes = Axes.None, "TapAxes is None" },
        { s => s.ActivityAxes = (Axes)0x08, "ActivityAxes may only combine" },
        { s => s.InactivityTimeSeconds = 256, "InactivityTimeSeconds = 256" },
        { s => s.OffsetZ = 128, "OffsetZ = 128 is outside -128..127" },
        { s => s.Range = (GravityRange)4, "Range must be" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Invalid_settings_are_rejected_naming_the_field(Action<Adxl345Settings> breakIt, string expectedMessage)
    {
        var s = new Adxl345Settings();
        breakIt(s);

        var error = Assert.Throws<ArgumentOutOfRangeException>(s.Validate);
        Assert.Contains(expectedMessage, error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adxl345Rig(s));
    }

    [Fact]
    public void Disabled_functions_do_not_need_their_settings()
    {
        var s = new Adxl345Settings
        {
            EnabledInterrupts = InterruptSource.Watermark,
            TapLatencyMicroseconds = 0,
            FreeFallThresholdMg = 0,
            TapAxes = Axes.None,
        };

        s.Validate();
    }

    [Fact]
    public void Driver_rejects_rates_it_cannot_drain_and_modes_it_cannot_account()
    {
        var fast = new Adxl345Settings { DataRate = OutputDataRate.Hz1600 };
        Assert.Contains("800 Hz", Assert.Throws<ArgumentOutOfRangeException>(() => new Adxl345Rig(fast)).Message);

        var bypass = new Adxl345Settings { FifoMode = FifoMode.Bypass, WatermarkSamples = 0 };
        Assert.Contains("Stream or Fifo", Assert.Throws<ArgumentOutOfRangeException>(() => new Adxl345Rig(bypass)).Message);
    }

    [Fact]
    public void Start_writes_the_configuration_into_the_chip()
    {
        var rig = new Adxl345Rig(new Adxl345Settings());
        Assert.True(rig.Driver.Start(), rig.Driver.DescribeLastError());

        byte Reg(Register r) => rig.Chip.Peek((byte)r);
        Assert.Equal(0x09, Reg(Register.BwRate)); // 50 Hz
        Assert.Equal(0x08, Reg(Register.PowerCtl));
        Assert.Equal(0x7F, Reg(Register.IntEnable));
        Assert.Equal(0x3C, Reg(Register.IntMap));
        Assert.Equal(0x0B, Reg(Register.DataFormat));
        Assert.Equal(0x90, Reg(Register.FifoCtl));
        Assert.Equal(48, Reg(Register.ThreshTap));
        Assert.Equal(32, Reg(Register.Dur));
        Assert.Equal(64, Reg(Register.Latent));
        Assert.Equal(240, Reg(Register.Window));
        Assert.Equal(32, Reg(Register.ThreshAct));
        Assert.Equal(3, Reg(Register.ThreshInact));
        Assert.Equal(2, Reg(Register.TimeInact));
        Assert.Equal(0x7F, Reg(Register.ActInactCtl));
        Assert.Equal(8, Reg(Register.ThreshFf));
        Assert.Equal(6, Reg(Register.TimeFf));
        Assert.Equal(0x07, Reg(Register.TapAxes));
        Assert.Equal(HealthState_Ok, rig.Driver.Health.State);
    }

    private const WearableFirmware.Drivers.HealthState HealthState_Ok = WearableFirmware.Drivers.HealthState.Ok;

    [Theory]
    [InlineData(1f, 256)]
    [InlineData(-1f, -256)]
    [InlineData(-16f, -4096)]
    [InlineData(15.99f, 4093)]
    [InlineData(20f, 4095)] // saturates at the 13-bit limit
    [InlineData(-20f, -4096)]
    public void Full_resolution_counts_are_exactly_one_256th_of_a_g(float g, int expectedCounts)
    {
        var rig = new Adxl345Rig(source: new ConstantMotion(new System.Numerics.Vector3(0, 0, g)));
        Assert.True(rig.Driver.Start());
        rig.Clock.Advance(100_000);
        Assert.True(rig.Driver.Drain() >= 9);

        Assert.Equal(expectedCounts, rig.Driver.Z[0]);
        Assert.Equal(0, rig.Driver.X[0]);
        Assert.Equal(1f / 256, rig.Driver.GPerCount);
        Assert.Equal(expectedCounts / 256f, rig.Driver.Z[0] * rig.Driver.GPerCount);
    }

    [Fact]
    public void Scale_constants_give_exact_g_at_the_limits()
    {
        var rig = new Adxl345Rig();
        Assert.Equal(1.0f, 256 * rig.Driver.GPerCount);
        Assert.Equal(-16.0f, -4096 * rig.Driver.GPerCount);
        Assert.Equal(0.00390625f, rig.Driver.GPerCount);
    }

    [Fact]
    public void Ten_bit_mode_scales_with_the_range()
    {
        var s = new Adxl345Settings { FullResolution = false, Range = GravityRange.PlusMinus16G };
        var rig = new Adxl345Rig(s, new ConstantMotion(new System.Numerics.Vector3(0, 2, 0)));
        Assert.True(rig.Driver.Start());
        rig.Clock.Advance(50_000);
        rig.Driver.Drain();

        Assert.Equal(1f / 32, rig.Driver.GPerCount); // 32 g over 1024 counts
        Assert.Equal(64, rig.Driver.Y[0]);
    }
}
