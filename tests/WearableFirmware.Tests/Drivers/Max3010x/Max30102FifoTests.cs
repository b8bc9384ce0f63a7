using WearableFirmware.Drivers;
using WearableFirmware.Drivers.Max3010x;
using Xunit;

namespace WearableFirmware.Tests.Drivers.Max3010x;

/// <summary>FIFO arithmetic and unpacking with hand-written register contents and FIFO bytes.</summary>
public class Max30102FifoTests
{
    private static (Max30102 Driver, ScriptedMax30102Bus Bus) Started(Max3010xSettings settings)
    {
        var bus = new ScriptedMax30102Bus();
        var driver = new Max30102(bus, new ManualClock(), settings);
        Assert.True(driver.Start(), driver.DescribeLastError());
        bus.Reads.Clear();
        return (driver, bus);
    }

    [Fact]
    public void Start_writes_the_configuration_and_leaves_the_fifo_pointers_cleared()
    {
        var (_, bus) = Started(new Max3010xSettings());

        Assert.Equal(0xA0, bus.Registers[0x02]);
        Assert.Equal(0x02, bus.Registers[0x03]);
        Assert.Equal(0, bus.Registers[0x04]);
        Assert.Equal(0, bus.Registers[0x05]);
        Assert.Equal(0, bus.Registers[0x06]);
        Assert.Equal(0x1F, bus.Registers[0x08]);
        Assert.Equal(0x03, bus.Registers[0x09]);
        Assert.Equal(0x67, bus.Registers[0x0A]);
        Assert.Equal(0x23, bus.Registers[0x0C]);
        Assert.Equal(0x23, bus.Registers[0x0D]);
        Assert.Equal(0x00, bus.Registers[0x0E]); // MAX30105-only registers untouched
        Assert.Equal(0x00, bus.Registers[0x10]);
    }

    [Fact]
    public void Eighteen_bit_samples_unpack_from_left_justified_triplets_red_first()
    {
        var (driver, bus) = Started(new Max3010xSettings());
        bus.Registers[0x04] = 5; // WR_PTR
        bus.Registers[0x06] = 2; // RD_PTR -> 3 pending
        bus.ScriptFifo(
            0x03, 0xFF, 0xFF, /* IR */ 0x01, 0x23, 0x45,   // red 0x3FFFF = 262143, IR 0x12345 = 74565
            0xFC, 0x00, 0x01, /* IR */ 0x02, 0x00, 0x00,   // bits 23:18 ignored -> 1; IR 0x20000 = 131072
            0x00, 0x00, 0x00, /* IR */ 0x00, 0x80, 0x00);  // 0; 0x008000 = 32768

        int n = driver.Drain();

        Assert.Equal(3, n);
        Assert.Equal(new[] { 262143, 1, 0 }, driver.Red[..3]);
        Assert.Equal(new[] { 74565, 131072, 32768 }, driver.Ir[..3]);
        // One 7-byte status/pointer read and ONE burst of 3 samples x 2 LEDs x 3 bytes.
        Assert.Equal(new List<(byte, int)> { (0x00, 7), (0x07, 18) }, bus.Reads);
        Assert.Equal(DrainFlags.None, driver.LastDrainFlags);
        Assert.Equal(HealthState.Ok, driver.Health.State);
    }

    [Theory]
    [InlineData(PulseWidth.Us69Bits15, 32767, 9320)]   // 0x3FFFF >> 3, 0x12345 >> 3
    [InlineData(PulseWidth.Us118Bits16, 65535, 18641)] // >> 2
    [InlineData(PulseWidth.Us215Bits17, 131071, 37282)] // >> 1
    public void Lower_resolutions_are_right_justified(PulseWidth width, int red, int ir)
    {
        var (driver, bus) = Started(new Max3010xSettings { PulseWidth = width });
        bus.Registers[0x04] = 1;
        bus.ScriptFifo(0x03, 0xFF, 0xFF, 0x01, 0x23, 0x45);

        Assert.Equal(1, driver.Drain());
        Assert.Equal(red, driver.Red[0]);
        Assert.Equal(ir, driver.Ir[0]);
    }

    [Fact]
    public void Heart_rate_mode_reads_three_bytes_per_sample()
    {
        var (driver, bus) = Started(new Max3010xSettings { Mode = LedMode.HeartRate });
        bus.Registers[0x04] = 2;
        bus.ScriptFifo(0x00, 0x01, 0x00, 0x00, 0x02, 0x00);

        Assert.Equal(2, driver.Drain());
        Assert.Equal(new[] { 256, 512 }, driver.Red[..2]);
        Assert.Equal((0x07, 6), bus.Reads[^1]);
    }

    [Theory]
    [InlineData(1, 30, 0, 0x00, 3, 0)]     // pointer wrap: 1 - 30 mod 32 = 3
    [InlineData(7, 7, 0, 0x00, 0, 0)]      // equal pointers, no overflow, no A_FULL: empty
    [InlineData(7, 7, 4, 0x00, 32, 4)]     // equal pointers with overflow: full, 4 lost
    [InlineData(7, 7, 0, 0x80, 32, 0)]     // equal pointers with A_FULL since the last drain: full, none lost
    [InlineData(20, 4, 2, 0x00, 16, 2)]
    public void Pending_count_and_loss_come_from_the_pointers_and_overflow_counter(int wr, int rd, int ovf, int status1, int pending, int lost)
    {
        var (driver, bus) = Started(new Max3010xSettings());
        bus.Registers[0x00] = (byte)status1;
        bus.Registers[0x04] = (byte)wr;
        bus.Registers[0x05] = (byte)ovf;
        bus.Registers[0x06] = (byte)rd;
        bus.ScriptFifo(new byte[32 * 6]);

        Assert.Equal(pending, driver.Drain());
        Assert.Equal(lost, driver.SamplesLostThisDrain);
        Assert.Equal(lost, driver.Health.SamplesLost);
        Assert.Equal(pending * 6, bus.FifoBytesConsumed);
        Assert.Equal(lost > 0, (driver.LastDrainFlags & DrainFlags.SamplesLost) != 0);
        Assert.Equal(lost > 0 ? HealthState.Degraded : HealthState.Ok, driver.Health.State);
    }

    [Fact]
    public void Ambient_light_overflow_flags_the_drain()
    {
        var (driver, bus) = Started(new Max3010xSettings());
        bus.Registers[0x00] = 0x20;
        bus.Registers[0x04] = 1;
        bus.ScriptFifo(new byte[6]);

        Assert.Equal(1, driver.Drain());
        Assert.Equal(DrainFlags.AmbientLightOverflow, driver.LastDrainFlags);
        Assert.Equal(1, driver.AmbientLightOverflows);
    }

    [Fact]
    public void Wrong_part_id_fails_start_naming_the_value_read()
    {
        var bus = new ScriptedMax30102Bus();
        bus.Registers[0xFF] = 0x11; // a MAX30100
        var driver = new Max30102(bus, new ManualClock(), new Max3010xSettings());

        Assert.False(driver.Start());
        Assert.Equal(Max3010xError.WrongPartId, driver.LastError);
        Assert.Equal(0x11, driver.PartIdRead);
        Assert.Contains("read 0x11, expected 0x15", driver.DescribeLastError());
        Assert.Equal(HealthState.Failed, driver.Health.State);
    }
}
