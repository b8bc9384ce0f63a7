using WearableFirmware.SimulatedBoard.Storage;
using WearableFirmware.Storage;
using Xunit;

namespace WearableFirmware.Tests.Storage;

/// <summary>Settings kept across reboots: newest intact copy wins, a power cut at any byte keeps the previous one.</summary>
public class SettingsStoreTests
{
    private static readonly byte[] First = [90, 85, 10, 120, 140, 50, 40, 10];
    private static readonly byte[] Second = [92, 86, 15, 130, 150, 45, 35, 20];

    private static byte[]? Load(SimulatedFlash flash)
    {
        var buffer = new byte[8];
        int n = new SettingsStore(flash, 8).Load(buffer, 0);
        return n == 0 ? null : buffer[..n];
    }

    [Fact]
    public void Nothing_saved_loads_nothing_and_the_last_save_wins_across_reboots()
    {
        var flash = new SimulatedFlash(2, 128);
        Assert.Null(Load(flash));
        var store = new SettingsStore(flash, 8);
        Assert.Equal(0, store.Load(new byte[8], 0));
        Assert.True(store.Save(First, 0, 8));
        Assert.Equal(First, Load(flash));
        Assert.True(store.Save(Second, 0, 8));
        Assert.True(store.Save(First, 0, 8));
        Assert.True(store.Save(Second, 0, 8));
        Assert.Equal(Second, Load(flash));
        Assert.Equal(new[] { 2, 2 }, flash.EraseCounts); // the two segments are used in turn
    }

    [Fact]
    public void A_power_cut_at_any_byte_of_a_save_leaves_the_previous_settings_or_the_new_ones()
    {
        // Program the first copy, then cut power after every possible number of bytes of the second save (erase + write).
        for (int budget = 0; budget < 128 + 18 + 1; budget++)
        {
            var flash = new SimulatedFlash(2, 128);
            var store = new SettingsStore(flash, 8);
            Assert.True(store.Save(First, 0, 8));
            flash.CutPowerAfter(budget);
            try
            {
                store.Save(Second, 0, 8);
            }
            catch (SimulatedPowerLossException)
            {
            }

            flash.PowerOn();
            byte[]? loaded = Load(flash);
            Assert.NotNull(loaded);
            Assert.True(loaded!.SequenceEqual(First) || loaded.SequenceEqual(Second), "budget " + budget);
        }
    }

    [Fact]
    public void A_failing_write_is_reported_and_the_previous_copy_stays()
    {
        var flash = new SimulatedFlash(2, 128);
        var store = new SettingsStore(flash, 8);
        Assert.True(store.Save(First, 0, 8));
        flash.WriteFailureProbability = 1;
        Assert.False(store.Save(Second, 0, 8));
        Assert.Equal(1, store.SaveFailures);
        flash.WriteFailureProbability = 0;
        Assert.Equal(First, Load(flash));
    }

    [Fact]
    public void A_flipped_bit_makes_that_copy_unreadable_and_the_other_one_is_used()
    {
        var flash = new SimulatedFlash(2, 128);
        var store = new SettingsStore(flash, 8);
        store.Save(First, 0, 8);   // segment 0
        store.Save(Second, 0, 8);  // segment 1
        flash.FlipBit(1, 8, 3);    // inside the newest copy's payload
        Assert.Equal(First, Load(flash));
        flash.FlipBit(0, 2, 0);    // and the older copy's generation
        Assert.Null(Load(flash));
    }

    [Fact]
    public void Two_stores_on_their_own_pairs_of_one_flash_keep_apart()
    {
        var flash = new SimulatedFlash(4, 128);
        var low = new SettingsStore(flash, 0, 8);
        var high = new SettingsStore(flash, 2, 8);
        Assert.True(low.Save(First, 0, 8));
        Assert.True(high.Save(Second, 0, 8));
        Assert.True(high.Save(First, 0, 8));
        Assert.True(high.Save(Second, 0, 8));
        Assert.Equal(First, Load(flash));
        var buffer = new byte[8];
        Assert.Equal(8, new SettingsStore(flash, 2, 8).Load(buffer, 0));
        Assert.Equal(Second, buffer);
        Assert.Equal(new[] { 1, 0, 2, 1 }, flash.EraseCounts);
    }

    [Fact]
    public void Geometry_that_cannot_hold_the_settings_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SettingsStore(new SimulatedFlash(4, 128), 3, 8));
        Assert.Throws<ArgumentException>(() => new SettingsStore(new SimulatedFlash(4, 128), -1, 8));
        Assert.Throws<ArgumentException>(() => new SettingsStore(new SimulatedFlash(1, 128), 8));
        Assert.Throws<ArgumentException>(() => new SettingsStore(new SimulatedFlash(2, 16), 8));
    }
}
