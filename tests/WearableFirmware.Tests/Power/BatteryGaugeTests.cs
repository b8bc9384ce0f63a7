using WearableFirmware.Power;
using Xunit;

namespace WearableFirmware.Tests.Power;

public class BatteryGaugeTests
{
    [Theory]
    [InlineData(4250, 100)]
    [InlineData(4200, 100)]
    [InlineData(3840, 50)]   // a table point
    [InlineData(3845, 53)]   // halfway between 3840 (50 %) and 3850 (55 %): 52.5 rounds up
    [InlineData(3650, 8)]    // between 3690 (10 %) and 3610 (5 %): 5 + 5*40/80 = 7.5 -> 8
    [InlineData(3270, 0)]
    [InlineData(3000, 0)]
    public void Level_follows_the_discharge_table(int millivolts, int percent)
    {
        Assert.Equal(percent, BatteryGauge.PercentFromMillivolts(millivolts));
    }

    [Fact]
    public void Reported_level_averages_and_does_not_rise_while_discharging()
    {
        var gauge = new BatteryGauge();
        gauge.AddReading(3840, charging: false);
        Assert.Equal(50, gauge.LevelPercent);

        // A radio burst sags one reading; the average of (3840, 3740) = 3790 -> 35 %.
        gauge.AddReading(3740, charging: false);
        Assert.Equal(35, gauge.LevelPercent);

        // Recovery without a charger does not push the level back up.
        for (int i = 0; i < 8; i++)
        {
            gauge.AddReading(3840, charging: false);
        }

        Assert.Equal(35, gauge.LevelPercent);

        gauge.AddReading(3840, charging: true);
        Assert.Equal(50, gauge.LevelPercent);
    }

    [Fact]
    public void After_unplugging_the_level_settles_to_the_resting_voltage_within_the_averaging_window()
    {
        // Charging lifts the terminal voltage (4150 mV reads 95 %); the cell rests at 3840 mV (50 %) once unplugged.
        var gauge = new BatteryGauge();
        for (int i = 0; i < 8; i++)
        {
            gauge.AddReading(4150, charging: true);
        }

        Assert.Equal(95, gauge.LevelPercent);
        var levels = new List<int>();
        for (int i = 0; i < 8; i++)
        {
            gauge.AddReading(3840, charging: false);
            levels.Add(gauge.LevelPercent);
        }

        // Falls every reading as the charging voltages leave the 8-reading average, and never rises on the way.
        Assert.Equal(50, levels[^1]);
        Assert.Equal(levels.OrderByDescending(l => l), levels);
        Assert.True(levels[0] < 95);
    }

    [Fact]
    public void Low_and_critical_thresholds()
    {
        var gauge = new BatteryGauge();
        Assert.False(gauge.IsLow);
        gauge.AddReading(3710, charging: false); // 15 %
        Assert.True(gauge.IsLow);
        Assert.False(gauge.IsCritical);
        for (int i = 0; i < 8; i++)
        {
            gauge.AddReading(3300, charging: false);
        }

        Assert.True(gauge.IsCritical);
    }
}
