using WearableFirmware.SimulatedBoard.Storage;
using Xunit;
using Xunit.Abstractions;

namespace WearableFirmware.Tests.Storage;

public class StoreSoakTests(ITestOutputHelper output)
{
    [Fact]
    public void Seven_days_of_wear_with_phone_absences_and_power_cuts_deliver_every_record()
    {
        // The same run as `soak-store` with its defaults: 16 x 8 KiB flash, 5-minute spot-checks.
        StoreSoakResult result = new StoreSoak(new StoreSoakOptions()).Run(output.WriteLine);
        foreach (string line in result.Lines())
        {
            output.WriteLine(line);
        }

        Assert.True(result.SimulatedDays >= 7);
        Assert.True(result.SpotChecksAcknowledged > 7 * 23 * 12 * 0.95, "about one spot-check per 5 worn minutes");
        Assert.True(result.Reboots >= 5 && result.Retrievals >= 20);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(0, result.CorruptDelivered);
        Assert.Equal(0, result.Missing); // default capacity outlasts the longest absence: nothing may be lost
        Assert.Equal(0, result.DroppedRecords);
        Assert.Equal(result.SpotChecksAcknowledged, result.SpotChecksReceived);
        Assert.Equal(1, result.MaxErasesPerAppend <= 1 ? 1 : 0);
    }

    [Fact]
    public void A_phone_away_longer_than_the_capacity_loses_only_the_oldest_and_the_loss_is_counted()
    {
        StoreSoakResult result = new StoreSoak(new StoreSoakOptions
        {
            Segments = 4,
            SegmentSize = 2048,
            MeanOfflineHours = 40,
            MaxOfflineHours = 120,
            Seed = 3,
        }).Run();
        foreach (string line in result.Lines())
        {
            output.WriteLine(line);
        }

        Assert.True(result.DroppedRecords > 0);
        Assert.True(result.Passed);
        Assert.InRange(result.DroppedRecords - result.Missing, 0, 5); // the count is exact up to records the phone got but never confirmed
    }
}
