using WearableFirmware.Drivers.Adxl345.Samples;
using WearableFirmware.Drivers.Max3010x.Samples;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Chips;
using WearableFirmware.Tests.Chips;
using Xunit;

namespace WearableFirmware.Tests.Drivers;

/// <summary>The drivers' usage samples (drivers/*/samples) run against the simulated chips, so they cannot rot.</summary>
public class DriverSampleTests
{
    private const int Seconds = 3;

    [Fact]
    public void The_Max30102_sample_reads_100_samples_a_second_and_loses_none()
    {
        var clock = new VirtualClock();
        var lines = new List<string>();

        int total = Max30102Sample.Run(new Max30102Model(clock, new Max30102ModelTests.RampSignal()), clock, Seconds, lines.Add);

        // Default settings: 100 samples/s, no averaging (datasheet table 8). The last drain is one 100 ms tick before the end.
        Assert.InRange(total, 100 * Seconds - 10, 100 * Seconds);
        Assert.Equal(Seconds, lines.Count);
        Assert.All(lines, l => Assert.EndsWith(" counts, 0 lost", l));
    }

    [Fact]
    public void The_Adxl345_sample_reads_50_samples_a_second_and_sees_1_g_on_z_at_rest()
    {
        var clock = new VirtualClock();
        var lines = new List<string>();

        int total = Adxl345Sample.Run(new Adxl345Model(clock), clock, Seconds, lines.Add);

        // Default 50 Hz output data rate; the model at rest reads (0, 0, 1 g), 256 counts of 3.90625 mg. The last drain is
        // one 100 ms tick before the end.
        Assert.InRange(total, 50 * Seconds - 5, 50 * Seconds);
        Assert.Equal(Seconds, lines.Count);
        Assert.All(lines, l => Assert.Contains("mean x 0 y 0 z 1000 mg, 0 lost", l));
    }

    [Fact]
    public void A_sample_says_why_the_chip_did_not_start()
    {
        var clock = new VirtualClock();
        var lines = new List<string>();
        var absent = new Max30102Model(clock, new Max30102ModelTests.RampSignal()) { PartId = 0x11 };

        Assert.Equal(-1, Max30102Sample.Run(absent, clock, Seconds, lines.Add));
        Assert.Equal("MAX30102 did not start: MAX30102 PART_ID (0xFF) read 0x11, expected 0x15 (MAX30101/MAX30102/MAX30105); wrong chip or address", Assert.Single(lines));
    }
}
