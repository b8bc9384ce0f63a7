using WearableFirmware.Drivers;
using WearableFirmware.Drivers.Adxl345;
using Xunit;
using Xunit.Abstractions;

namespace WearableFirmware.Tests.Drivers.Adxl345;

/// <summary>
/// Issue 18 item 7: samples lost while the driver re-initialises the chip (its FIFO emptied, the chip in standby)
/// are counted, from the elapsed time on the 50 Hz sample grid.
/// </summary>
public class Adxl345RecoveryLossTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.3, 3)]
    [InlineData(0.3, 4)]
    [InlineData(0.5, 7)]
    public void Every_sample_of_the_grid_is_delivered_or_counted_lost_under_heavy_nacks(double nack, int seed)
    {
        var rig = new Adxl345Rig(new Adxl345Settings { DataRate = Adxl345Settings.WearableDataRate }, seed: seed);
        Assert.True(rig.Driver.Start());
        long startUs = rig.Clock.NowMicroseconds;
        rig.Bus.NackProbability = nack;
        rig.Run(95);
        rig.Bus.NackProbability = 0;
        rig.Run(2);

        DriverHealth health = rig.Driver.Health;
        long produced = rig.Chip.SamplesProduced - rig.Chip.FifoEntries;
        long accounted = rig.Delivered + health.SamplesLost;
        long grid = (rig.Clock.NowMicroseconds - startUs) / 20_000; // 50 Hz since the start
        output.WriteLine($"NACK {nack:P0}: grid {grid}, produced {produced}, delivered {rig.Delivered}, counted lost {health.SamplesLost}, re-initialisations {health.Recoveries}, overflow losses {rig.Chip.SamplesDiscarded}");
        Assert.True(health.Recoveries > 0, "the run must make the driver re-initialise the chip");
        Assert.True(grid - rig.Delivered > 50, "the run must lose samples");
        // Counted against the 50 Hz grid the detector needs (the chip itself stands still while re-initialised):
        // each gap's ends are known to a sample period, so a restart may misplace one.
        Assert.InRange(accounted, grid - health.Recoveries - 3, grid + 2);
    }

    [Fact]
    public void A_restart_after_the_chip_was_gone_a_while_counts_the_whole_gap()
    {
        var rig = new Adxl345Rig(new Adxl345Settings { DataRate = Adxl345Settings.WearableDataRate });
        Assert.True(rig.Driver.Start());
        rig.Run(2);
        rig.Bus.NackProbability = 1;      // gone for 3 s: the driver fails, then retries Start once a second
        rig.Run(3);
        rig.Bus.NackProbability = 0;
        rig.Run(3);
        // Gone 3 s, back at the next once-a-second Start: 3 to 4 s at 50 Hz missing from the grid, all counted.
        Assert.InRange(rig.Driver.Health.SamplesLost, 150, 203);
        Assert.InRange(rig.Delivered + rig.Driver.Health.SamplesLost, 8 * 50 - 4, 8 * 50 + 2);
    }
}
