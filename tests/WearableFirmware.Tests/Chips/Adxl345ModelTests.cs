using System.Numerics;
using WearableFirmware.Drivers;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Chips;
using WearableFirmware.SimulatedBoard.Signals;
using Xunit;
using WearableFirmware.Falls;

namespace WearableFirmware.Tests.Chips;

/// <summary>The chip model against the datasheet, driven register by register (no driver in between).</summary>
public class Adxl345ModelTests
{
    private readonly VirtualClock _clock = new();
    private readonly byte[] _w = new byte[8];
    private readonly byte[] _r = new byte[8];

    private Adxl345Model NewChip(IMotionSource? source = null, double ppm = 0) => new(_clock, source) { CrystalErrorPpm = ppm };

    private void Set(Adxl345Model chip, byte register, byte value)
    {
        _w[0] = register;
        _w[1] = value;
        Assert.Equal(BusStatus.Ok, chip.Write(_w, 2));
    }

    private byte Get(Adxl345Model chip, byte register)
    {
        _w[0] = register;
        Assert.Equal(BusStatus.Ok, chip.WriteRead(_w, 1, _r, 0, 1));
        return _r[0];
    }

    private (short X, short Y, short Z) ReadEntry(Adxl345Model chip)
    {
        _w[0] = 0x32;
        chip.WriteRead(_w, 1, _r, 0, 6);
        return ((short)(_r[0] | _r[1] << 8), (short)(_r[2] | _r[3] << 8), (short)(_r[4] | _r[5] << 8));
    }

    private static RecordedMotion Ramp(int n, double rateHz)
    {
        float[] x = Enumerable.Range(0, n).Select(i => i / 256f).ToArray();
        return new RecordedMotion(x, new float[n], new float[n], rateHz);
    }

    [Fact]
    public void Reset_values_match_the_register_map()
    {
        var chip = NewChip();
        Assert.Equal(0xE5, Get(chip, 0x00));
        Assert.Equal(0x0A, Get(chip, 0x2C)); // BW_RATE: 100 Hz
        Assert.Equal(0x00, Get(chip, 0x2D)); // standby
        Assert.Equal(0x02, Get(chip, 0x30)); // INT_SOURCE: watermark (0 entries >= 0 samples)
        Assert.Equal(0x00, Get(chip, 0x31));
        Assert.Equal(0x00, Get(chip, 0x38));
        Assert.Equal(0x00, Get(chip, 0x39));

        _clock.Advance(1_000_000);
        Assert.Equal(0, chip.SamplesProduced); // standby: no conversions
    }

    [Fact]
    public void Samples_come_at_the_data_rate_with_the_crystal_error()
    {
        var chip = NewChip(ppm: 1000);
        Set(chip, 0x38, 0x80);
        Set(chip, 0x2D, 0x08);
        _clock.Advance(10_000_000);
        Assert.Equal(1001, chip.SamplesProduced); // 10 s * 100.1 Hz

        Set(chip, 0x2C, 0x08); // 25 Hz from now
        long before = chip.SamplesProduced;
        _clock.Advance(4_000_000);
        Assert.Equal(100, chip.SamplesProduced - before); // 4 s * 25.025 Hz = 100.1
    }

    [Fact]
    public void A_six_byte_read_pops_one_entry_and_a_partial_read_discards_the_rest_of_it()
    {
        var chip = NewChip(Ramp(1000, 100));
        Set(chip, 0x38, 0x80); // stream
        Set(chip, 0x31, 0x0B);
        Set(chip, 0x2D, 0x08);
        _clock.Advance(50_000); // 5 samples: ramp values 1..5 (sample k at k * 10 ms, boxcar of the internal values)

        Assert.Equal(5, Get(chip, 0x39));
        var first = ReadEntry(chip);
        Assert.Equal(4, Get(chip, 0x39));

        _w[0] = 0x32;
        chip.WriteRead(_w, 1, _r, 0, 2); // only X of the second entry
        Assert.Equal(3, Get(chip, 0x39));
        var third = ReadEntry(chip);
        Assert.Equal(first.X + 2, third.X); // the second entry is gone, Y/Z of it never read
    }

    [Fact]
    public void Stream_mode_keeps_the_newest_33_and_fifo_mode_the_oldest()
    {
        var stream = NewChip(Ramp(1000, 100));
        Set(stream, 0x38, 0x80);
        Set(stream, 0x31, 0x0B);
        Set(stream, 0x2D, 0x08);
        _clock.Advance(500_000); // 50 samples
        Assert.Equal(33, Get(stream, 0x39));
        Assert.Equal(17, stream.SamplesDiscarded);
        Assert.Equal(0x01, Get(stream, 0x30) & 0x01); // overrun
        int oldestKept = ReadEntry(stream).X;
        Assert.Equal(0, Get(stream, 0x30) & 0x01); // cleared by reading data

        var clock2 = new VirtualClock();
        var fifo = new Adxl345Model(clock2, Ramp(1000, 100));
        _w[0] = 0x38; _w[1] = 0x40; fifo.Write(_w, 2);
        _w[0] = 0x31; _w[1] = 0x0B; fifo.Write(_w, 2);
        _w[0] = 0x2D; _w[1] = 0x08; fifo.Write(_w, 2);
        clock2.Advance(500_000);
        Assert.Equal(33, fifo.FifoEntries);
        _w[0] = 0x32;
        fifo.WriteRead(_w, 1, _r, 0, 6);
        int oldestStored = (short)(_r[0] | _r[1] << 8);
        // Sample k carries ramp value k: stream kept samples 18..50, FIFO mode 1..33.
        Assert.Equal(18, oldestKept);
        Assert.Equal(1, oldestStored);
    }

    [Fact]
    public void Data_format_justify_range_and_saturation()
    {
        var chip = NewChip(new ConstantMotion(new Vector3(1, 3, -1)));
        Set(chip, 0x38, 0x80);
        Set(chip, 0x31, 0x0F); // full res, left-justified, +-16 g
        Set(chip, 0x2D, 0x08);
        _clock.Advance(10_000);
        var e = ReadEntry(chip);
        Assert.Equal(256 << 3, e.X); // 13-bit value, MSB at bit 15: LSB at D3
        Assert.Equal(-256 << 3, e.Z);

        Set(chip, 0x31, 0x00); // 10 bit, +-2 g, right-justified
        _clock.Advance(10_000);
        e = ReadEntry(chip);
        Assert.Equal(256, e.X);
        Assert.Equal(511, e.Y); // 3 g saturates at +-2 g
        Assert.Equal(-256, e.Z);
    }

    [Fact]
    public void At_3200_hz_the_full_resolution_lsb_is_always_zero()
    {
        var chip = NewChip(new ConstantMotion(new Vector3(257 / 256f, 0, 0)));
        Set(chip, 0x2C, 0x0F);
        Set(chip, 0x38, 0x80);
        Set(chip, 0x31, 0x0B);
        Set(chip, 0x2D, 0x08);
        _clock.Advance(1_000);
        Assert.Equal(256, ReadEntry(chip).X);

        Set(chip, 0x2C, 0x0D); // 800 Hz: valid LSB
        Set(chip, 0x38, 0x00);
        Set(chip, 0x38, 0x80);
        _clock.Advance(2_000);
        Assert.Equal(257, ReadEntry(chip).X);
    }

    [Fact]
    public void Int_invert_makes_the_pins_active_low()
    {
        var chip = NewChip();
        Set(chip, 0x38, 0x80 | 1);
        Set(chip, 0x2E, 0x02); // watermark on INT1
        Set(chip, 0x31, 0x20);
        Set(chip, 0x2D, 0x08);
        Assert.True(chip.Int1); // idle high
        _clock.Advance(10_000);
        Assert.False(chip.Int1); // asserted low
        Assert.True(chip.Int2);
    }

    [Fact]
    public void Offsets_add_15_6_mg_per_step()
    {
        var chip = NewChip(new ConstantMotion(new Vector3(0, 0, 1)));
        Set(chip, 0x38, 0x80);
        Set(chip, 0x31, 0x0B);
        Set(chip, 0x20, unchecked((byte)-16)); // -16 * 15.625 mg = -0.25 g
        Set(chip, 0x2D, 0x08);
        _clock.Advance(10_000);
        Assert.Equal(192, ReadEntry(chip).Z);
    }

    [Fact]
    public void Latched_events_clear_on_reading_int_source_and_data_ready_follows_the_fifo()
    {
        var chip = NewChip(new ConstantMotion(new Vector3(0, 0, 0))); // free fall
        Set(chip, 0x28, 8); // 500 mg
        Set(chip, 0x29, 6); // 30 ms
        Set(chip, 0x38, 0x80 | 20);
        Set(chip, 0x2E, 0x04 | 0x80);
        Set(chip, 0x2D, 0x08);
        _clock.Advance(25_000);
        Assert.Equal(0, chip.Peek(0x30) & 0x04); // 25 ms < 30 ms
        _clock.Advance(10_000);
        Assert.Equal(0x84, Get(chip, 0x30) & 0x84); // free fall + data ready
        Assert.Equal(0x80, Get(chip, 0x30) & 0x84); // free fall cleared by the read, data still there
        Assert.False(chip.Int2);
        Assert.True(chip.Int1); // DATA_READY mapped to INT1
    }

    [Fact]
    public void Activity_dc_and_inactivity_ac_fire_on_motion_and_stillness()
    {
        // Still, then a 3 g bump at 1 s, then still again.
        var source = MotionScenario.Create(SensorPlacement.Waist, 1).Hold(1).Jump().Hold(4).Build();
        var chip = NewChip(source);
        Set(chip, 0x24, 32); // 2 g
        Set(chip, 0x25, 3); // 187.5 mg
        Set(chip, 0x26, 2); // 2 s
        Set(chip, 0x27, 0x7F); // act dc xyz, inact ac xyz
        Set(chip, 0x38, 0x80 | 16);
        Set(chip, 0x2E, 0x18);
        Set(chip, 0x2D, 0x08);

        _clock.Advance(900_000);
        Assert.Equal(0, Get(chip, 0x30) & 0x18); // not yet 2 s still, no activity
        _clock.Advance(1_200_000); // through the jump landing (~3 g)
        Assert.Equal(0x10, Get(chip, 0x30) & 0x18);
        Assert.NotEqual(0, chip.Peek(0x2B) & 0x70); // ACT_TAP_STATUS names the axis
        _clock.Advance(2_400_000);
        Assert.Equal(0x08, Get(chip, 0x30) & 0x18); // still for 2 s after the landing
    }

    [Fact]
    public void Tap_longer_than_dur_is_no_tap_and_suppress_voids_a_double_tap_with_a_latency_spike()
    {
        var chip = NewChip(new TapSource(new[] { (100_000L, 50_000L) })); // 50 ms above threshold
        ConfigureTaps(chip, suppress: false);
        _clock.Advance(500_000);
        Assert.Equal(0, Get(chip, 0x30) & 0x60);

        // Taps at 100 ms, a spike 40 ms later (inside the 80 ms latency), the second tap at 300 ms.
        var clock2 = new VirtualClock();
        var taps = new[] { (100_000L, 5_000L), (140_000L, 3_000L), (300_000L, 5_000L) };
        foreach (bool suppress in new[] { false, true })
        {
            var c = new Adxl345Model(clock2, new TapSource(taps, clock2.NowMicroseconds));
            ConfigureTaps(c, suppress);
            clock2.Advance(600_000);
            _w[0] = 0x30;
            c.WriteRead(_w, 1, _r, 0, 1);
            Assert.Equal(suppress ? 0x40 : 0x60, _r[0] & 0x60);
        }
    }

    private void ConfigureTaps(Adxl345Model chip, bool suppress)
    {
        _w[0] = 0x1D; _w[1] = 48; chip.Write(_w, 2); // 3 g
        _w[0] = 0x21; _w[1] = 32; _w[2] = 64; _w[3] = 240; chip.Write(_w, 4); // DUR 20 ms, latent 80 ms, window 300 ms
        _w[0] = 0x2A; _w[1] = (byte)(suppress ? 0x0F : 0x07); chip.Write(_w, 2);
        _w[0] = 0x38; _w[1] = 0x90; chip.Write(_w, 2);
        _w[0] = 0x2E; _w[1] = 0x60; chip.Write(_w, 2);
        _w[0] = 0x2D; _w[1] = 0x08; chip.Write(_w, 2);
    }

    [Fact]
    public void Trigger_mode_keeps_the_samples_before_the_event_then_fills_up()
    {
        var source = new TapSource(new[] { (500_000L, 5_000L) });
        var chip = NewChip(source);
        ConfigureTaps(chip, false);
        Set(chip, 0x38, 0xC0 | 10); // trigger on INT1, keep 10
        _clock.Advance(506_000);
        Assert.Equal(0x80, Get(chip, 0x39) & 0x80); // FIFO_TRIG
        int afterTrigger = Get(chip, 0x39) & 0x3F;
        Assert.InRange(afterTrigger, 10, 11);
        _clock.Advance(1_000_000);
        Assert.Equal(33, Get(chip, 0x39) & 0x3F); // then FIFO mode: stops when full
    }

    [Fact]
    public void Brown_out_restores_reset_values_and_stops_sampling()
    {
        var chip = NewChip();
        Set(chip, 0x38, 0x80);
        Set(chip, 0x2D, 0x08);
        Set(chip, 0x31, 0x0B);
        _clock.Advance(100_000);
        chip.BrownOut();
        Assert.Equal(0x00, Get(chip, 0x2D));
        Assert.Equal(0x0A, Get(chip, 0x2C));
        Assert.Equal(0x00, Get(chip, 0x31));
        Assert.Equal(0x00, Get(chip, 0x39));
        long produced = chip.SamplesProduced;
        _clock.Advance(100_000);
        Assert.Equal(produced, chip.SamplesProduced);
    }

    [Fact]
    public void Wrong_device_id_is_injected()
    {
        var chip = NewChip();
        chip.DeviceIdOverride = 0x00;
        Assert.Equal(0x00, Get(chip, 0x00));
    }

    /// <summary>Rest at 1 g on z with 4 g pulses along z at the given (start, length) times.</summary>
    private sealed class TapSource((long Start, long Length)[] taps, long origin = 0) : IMotionSource
    {
        public Vector3 AccelerationAt(long t)
        {
            foreach (var (start, length) in taps)
            {
                if (t - origin >= start && t - origin < start + length)
                {
                    return new Vector3(0, 0, 4);
                }
            }

            return new Vector3(0, 0, 1);
        }
    }
}
