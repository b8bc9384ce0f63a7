using WearableFirmware.Drivers;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Chips;
using WearableFirmware.SimulatedBoard.Signals;
using Xunit;

namespace WearableFirmware.Tests.Chips;

/// <summary>The MAX30102 model against datasheet behaviour, driven register by register (no driver involved).</summary>
public class Max30102ModelTests
{
    /// <summary>Light that rises by <see cref="Slope"/> nA/mA per 10 ms, so each sample says when it was taken.</summary>
    public sealed class RampSignal : IPpgSignal
    {
        public float Ambient { get; set; }

        public float Slope { get; set; } = 1f;

        public void Sample(long timeMicroseconds, out float red, out float ir, out float ambient)
        {
            red = Slope * timeMicroseconds / 10000f;
            ir = 2 * red;
            ambient = Ambient;
        }
    }

    private readonly VirtualClock _clock = new();
    private readonly Max30102Model _chip;

    public Max30102ModelTests()
    {
        _chip = new Max30102Model(_clock, new RampSignal());
    }

    private void Set(byte register, params byte[] values)
    {
        var data = new byte[values.Length + 1];
        data[0] = register;
        values.CopyTo(data, 1);
        Assert.Equal(BusStatus.Ok, _chip.Write(data, data.Length));
    }

    private byte[] Get(byte register, int count)
    {
        var buffer = new byte[count];
        Assert.Equal(BusStatus.Ok, _chip.WriteRead(new[] { register }, 1, buffer, 0, count));
        return buffer;
    }

    // SpO2, 100 sps, 411 µs, 16384 nA, 7 mA each, A_FULL at 17 unread, rollover as asked.
    private void StartSpO2(bool rollover = true)
    {
        Set(0x02, 0xA0, 0x02);
        Set(0x08, (byte)((rollover ? 0x10 : 0) | 0x0F));
        Set(0x0A, 0x67);
        Set(0x0C, 35, 35);
        Set(0x09, 0x03);
    }

    [Fact]
    public void Power_on_values_are_zero_with_pwr_rdy_and_part_id_0x15_and_status_clears_on_read()
    {
        Assert.Equal(new byte[] { 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 }, Get(0x00, 7));
        Assert.Equal(0x00, Get(0x00, 1)[0]); // PWR_RDY cleared by the first read
        Assert.Equal(new byte[] { 0x00, 0x00, 0x00 }, Get(0x08, 3));
        Assert.Equal(0x15, Get(0xFF, 1)[0]);
    }

    [Fact]
    public void Soft_reset_holds_the_reset_bit_about_a_millisecond_then_restores_power_on_values_without_pwr_rdy()
    {
        Get(0x00, 1);
        StartSpO2();
        Set(0x09, 0x40);

        Assert.Equal(0x40, Get(0x09, 1)[0] & 0x40);
        _clock.Advance(999);
        Assert.Equal(0x40, Get(0x09, 1)[0] & 0x40);
        _clock.Advance(1);
        Assert.Equal(0x00, Get(0x09, 1)[0]);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x00 }, Get(0x08, 3));
        Assert.Equal(new byte[] { 0x00, 0x00 }, Get(0x0C, 2));
        Assert.Equal(0x00, Get(0x00, 1)[0]);
    }

    [Fact]
    public void Samples_arrive_at_the_configured_rate_with_averaging_and_crystal_error()
    {
        Set(0x08, 0x40 | 0x10 | 0x0F); // average 4
        Set(0x0A, 0x6F); // 16384 nA, 400 sps (SR 011), 411 µs
        Set(0x0C, 35, 35);
        _chip.CrystalErrorPpm = 20000; // 2 % fast
        Set(0x09, 0x03);

        _clock.Advance(10_000_000);

        // 400 sps / 4 = 100 samples per second, 2 % fast: 1020 in 10 s.
        Assert.Equal(1020, _chip.SamplesWritten);
    }

    [Fact]
    public void A_rate_too_fast_for_the_pulse_width_is_silently_clamped_like_the_chip()
    {
        Set(0x08, 0x10);
        Set(0x0A, 0x60 | (5 << 2) | 0x03); // 1000 sps at 411 µs: not allowed in SpO2 mode
        Set(0x09, 0x03);

        _clock.Advance(1_000_000);

        Assert.Equal(400, _chip.SamplesWritten); // the fastest rate allowed at 411 µs
    }

    [Fact]
    public void Fifo_data_does_not_auto_increment_and_each_sample_advances_the_read_pointer()
    {
        StartSpO2();
        _clock.Advance(50_000); // 5 samples

        byte[] two = Get(0x07, 12);

        Assert.Equal(new byte[] { 5, 0, 2 }, Get(0x04, 3)); // WR 5, OVF 0, RD 2
        // Sample 1 at 10 ms: red 1 nA/mA x 7 mA = 7 nA -> 7 / 16384 x 2^18 = 112 counts; IR twice that.
        Assert.Equal(new byte[] { 0, 0, 112, 0, 0, 224 }, two[..6]);
        Assert.Equal(new byte[] { 0, 0, 224, 0, 1, 192 }, two[6..]); // 224 and 448
    }

    [Fact]
    public void A_full_fifo_without_rollover_keeps_the_oldest_and_counts_lost_samples_to_0x1F()
    {
        StartSpO2(rollover: false);
        _clock.Advance(40 * 10_000); // 40 samples into 32 places

        Assert.Equal(new byte[] { 0, 8, 0 }, Get(0x04, 3)); // WR == RD: full; OVF 8
        Assert.Equal(112, Get(0x07, 6)[2]); // the first sample is still there
        Assert.Equal(new byte[] { 0, 0, 1 }, Get(0x04, 3)); // popping cleared OVF_COUNTER

        _clock.Advance(100 * 10_000);
        Assert.Equal(0x1F, Get(0x05, 1)[0]); // saturates
        Assert.Equal(8 + 99, _chip.SamplesOverflowed); // one place freed by the pop
    }

    [Fact]
    public void Rollover_overwrites_the_oldest_and_moves_the_read_pointer_with_the_write_pointer()
    {
        StartSpO2(rollover: true);
        _clock.Advance(40 * 10_000);

        Assert.Equal(new byte[] { 8, 8, 8 }, Get(0x04, 3));
        byte[] oldest = Get(0x07, 6);
        int red = (oldest[0] << 16) | (oldest[1] << 8) | oldest[2];
        Assert.Equal(9 * 112, red); // samples 1..8 were overwritten
    }

    [Fact]
    public void Almost_full_rises_at_32_minus_fifo_a_full_unread_samples_and_ppg_rdy_clears_on_fifo_read()
    {
        StartSpO2();
        Set(0x02, 0xE0, 0x02); // + PPG_RDY
        Get(0x00, 1);
        _clock.Advance(16 * 10_000);
        Assert.Equal(0x40, Get(0x00, 1)[0]); // 16 unread: PPG_RDY only

        _clock.Advance(10_000);
        Get(0x07, 6); // reading FIFO_DATA clears PPG_RDY...
        Assert.Equal(0x80, Get(0x00, 1)[0]); // ...but A_FULL (17 unread reached) stays until status 1 is read
        Assert.Equal(0x00, Get(0x00, 1)[0]);
    }

    [Fact]
    public void Ambient_light_beyond_the_cancellation_limit_sets_alc_ovf()
    {
        var signal = new RampSignal { Ambient = 60000f };
        var chip = new Max30102Model(_clock, signal);
        var data = new byte[] { 0x02, 0x20 };
        chip.Write(data, 2);
        chip.Write(new byte[] { 0x0A, 0x67 }, 2);
        chip.Write(new byte[] { 0x09, 0x03 }, 2);
        _clock.Advance(10_000);
        var status = new byte[1];
        chip.WriteRead(new byte[] { 0x00 }, 1, status, 0, 1);

        Assert.Equal(0x21, status[0]); // ALC_OVF and the power-on PWR_RDY
    }

    [Fact]
    public void Die_temperature_takes_29ms_and_reports_sixteenths_in_twos_complement()
    {
        Set(0x03, 0x02);
        _chip.DieTemperatureCelsius = -5.25f;
        Set(0x21, 0x01);

        _clock.Advance(28_999);
        Assert.Equal(0x01, Get(0x21, 1)[0]);
        Assert.Equal(0x00, Get(0x01, 1)[0]);
        _clock.Advance(1);
        Assert.Equal(0x02, Get(0x01, 1)[0]);
        // -5.25 °C = -84/16: TINT = -6 (0xFA), TFRAC = 12.
        Assert.Equal(new byte[] { 0xFA, 0x0C, 0x00 }, Get(0x1F, 3));
    }

    [Fact]
    public void Brown_out_loses_the_configuration_and_fifo_and_sets_pwr_rdy()
    {
        StartSpO2();
        Get(0x00, 1);
        _clock.Advance(50_000);

        _chip.BrownOut();

        Assert.Equal(5, _chip.SamplesDiscarded);
        Assert.Equal(0x01, Get(0x00, 1)[0]);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x00 }, Get(0x08, 3));
        _clock.Advance(50_000);
        Assert.Equal(5, _chip.SamplesWritten); // no longer sampling
    }

    [Fact]
    public void Led_current_adc_range_resolution_and_18_bit_saturation_scale_the_codes()
    {
        Set(0x08, 0x10);
        Set(0x0A, 0x00 | (1 << 2) | 0x00); // 2048 nA, 100 sps, 69 µs (15-bit)
        Set(0x0C, 5, 255);
        Set(0x09, 0x03);
        _clock.Advance(20_000); // samples at 10 and 20 ms: red 1 and 2 nA/mA

        byte[] bytes = Get(0x07, 12);
        int Code(int offset) => (bytes[offset] << 16) | (bytes[offset + 1] << 8) | bytes[offset + 2];

        // red 1 nA/mA x 1.0 mA = 1 nA -> 1/2048 x 2^18 = 128 counts; 15 bits keep multiples of 8.
        Assert.Equal(128, Code(0));
        // IR 2 nA/mA x 51 mA = 102 nA -> 13056 counts.
        Assert.Equal(13056, Code(3));
        Assert.Equal(256, Code(6));

        _clock.Advance(100 * 10_000); // 102 nA/mA x 51 mA x 2 = 10404 nA >> 2048 nA full scale
        Set(0x06, Get(0x04, 1)[0]);
        _clock.Advance(10_000);
        byte[] last = Get(0x07, 6);
        Assert.Equal((1 << 18) - 8, (last[3] << 16) | (last[4] << 8) | last[5]); // saturated, 15-bit step
    }
}
