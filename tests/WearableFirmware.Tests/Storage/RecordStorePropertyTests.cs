using WearableFirmware.SimulatedBoard.Storage;
using WearableFirmware.Storage;
using Xunit;
using Xunit.Abstractions;

namespace WearableFirmware.Tests.Storage;

/// <summary>
/// Seeded random runs (the seed is in every failure message, so a failure replays exactly) against a model of what
/// the store acknowledged.
/// </summary>
public class RecordStorePropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void Random_bit_flips_never_let_a_corrupt_record_out()
    {
        int flips = 0, caught = 0;
        for (int seed = 1; seed <= 100; seed++)
        {
            var random = new Random(seed);
            var rig = new StoreRig(3, 8 * RecordLayout.SlotSize, seed);
            var acknowledged = new Dictionary<int, byte[]>();
            for (int op = 0; op < 200; op++)
            {
                int roll = random.Next(100);
                if (roll < 75)
                {
                    byte[] payload = StoreRig.Payload(op + 1000 * seed);
                    int sequence = rig.Store.Append(RecordType.SpotCheck, payload, 0, payload.Length);
                    if (sequence > 0)
                    {
                        acknowledged[sequence] = payload;
                    }
                }
                else if (roll < 90)
                {
                    flips++;
                    rig.Flash.FlipBit(random.Next(3), random.Next(8 * RecordLayout.SlotSize), random.Next(8));
                }
                else
                {
                    rig.Reboot();
                }

                // Everything the store is willing to return must be exactly what it acknowledged.
                for (int sequence = 1; sequence < rig.Store.NextSequence; sequence++)
                {
                    byte[]? got = rig.Read(sequence);
                    if (got != null)
                    {
                        Assert.True(acknowledged.TryGetValue(sequence, out byte[]? expected) && expected.SequenceEqual(got),
                            $"seed {seed} op {op}: record {sequence} returned corrupt");
                    }
                }
            }

            caught += rig.Store.CorruptAtMount + rig.Store.CorruptOnRead;
        }

        output.WriteLine($"{flips} bits flipped, {caught} damaged records caught by the CRC (at mount or on read)");
        Assert.True(caught > 100);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Phone_retrievals_under_power_cuts_link_drops_and_a_small_flash_deliver_each_record_once_in_order(int seed)
    {
        var options = new StoreSoakOptions
        {
            Days = 3,
            Segments = 3 + seed % 3,
            SegmentSize = 32 * (6 + 5 * seed),
            Seed = seed,
            PowerCutsPerDay = 40,
            WriteFailureProbability = 0.01,
            LinkDropPerRecord = 0.05,
            FallsPerDay = 6,
            MeanOfflineHours = 10,
            MaxOfflineHours = 48,
            BitFlipsPerDay = seed % 2 == 0 ? 4 : 0,
        };
        StoreSoakResult result = new StoreSoak(options).Run();
        foreach (string line in result.Lines())
        {
            output.WriteLine(line);
        }

        Assert.Equal(0, result.Duplicates);
        Assert.Equal(0, result.CorruptDelivered);
        Assert.True(result.Missing <= result.DroppedRecords + result.BitFlips, $"seed {seed}: {result.Missing} missing, {result.DroppedRecords} counted");
        Assert.True(result.Reboots > 50 && result.LinkDrops > 0 && result.DroppedRecords > 0, $"seed {seed}: the run must exercise reboots, link drops and drops");
    }
}
