using WearableFirmware.Alarms;
using Xunit;

namespace WearableFirmware.Tests.Alarms;

public class AlarmSettingsTests
{
    [Fact]
    public void The_defaults_are_the_documented_ones_and_within_bounds()
    {
        var s = new AlarmSettings();
        Assert.Equal((90, 85, 10, 120, 140, 50, 40, 10),
            (s.SpO2MediumPercent, s.SpO2HighPercent, s.SpO2DelaySeconds, s.PulseHighMediumBpm, s.PulseHighHighBpm, s.PulseLowMediumBpm,
                s.PulseLowHighBpm, s.PulseDelaySeconds));
        Assert.True(s.IsWithinBounds());
    }

    [Fact]
    public void The_encoding_is_one_byte_per_field_in_order()
    {
        var s = new AlarmSettings { SpO2MediumPercent = 92, SpO2HighPercent = 86, SpO2DelaySeconds = 15, PulseHighMediumBpm = 130,
            PulseHighHighBpm = 150, PulseLowMediumBpm = 45, PulseLowHighBpm = 35, PulseDelaySeconds = 20 };
        byte[] buffer = new byte[10];
        Assert.Equal(9, s.Write(buffer, 1));
        Assert.Equal(new byte[] { 0, 92, 86, 15, 130, 150, 45, 35, 20, 0 }, buffer);
        var back = new AlarmSettings();
        back.Read(buffer, 1);
        byte[] again = new byte[8];
        back.Write(again, 0);
        Assert.Equal(buffer[1..9], again);
    }

    [Theory]
    [InlineData(0, 84)]   // SpO2 medium below 85
    [InlineData(0, 96)]
    [InlineData(1, 79)]   // SpO2 high below 80
    [InlineData(1, 90)]   // SpO2 high not below the medium limit (90)
    [InlineData(2, 4)]    // delay below 5 s
    [InlineData(2, 31)]   // delay above 30 s: would hide a desaturation
    [InlineData(3, 99)]
    [InlineData(4, 120)]  // pulse high-high not above pulse high-medium (120)
    [InlineData(4, 201)]
    [InlineData(5, 71)]
    [InlineData(6, 50)]   // pulse low-high not below pulse low-medium (50)
    [InlineData(6, 29)]
    [InlineData(7, 0)]
    public void A_field_outside_its_bounds_or_a_high_tier_not_more_severe_is_refused(int field, int value)
    {
        byte[] encoded = new byte[8];
        new AlarmSettings().Write(encoded, 0);
        encoded[field] = (byte)value;
        var s = new AlarmSettings();
        s.Read(encoded, 0);
        Assert.False(s.IsWithinBounds());
    }

    [Theory]
    [InlineData(85, 80, 5, 100, 110, 40, 30, 5)]
    [InlineData(95, 90, 30, 180, 200, 70, 60, 30)]
    public void The_bounds_themselves_are_accepted(int a, int b, int c, int d, int e, int f, int g, int h)
    {
        var s = new AlarmSettings();
        s.Read([(byte)a, (byte)b, (byte)c, (byte)d, (byte)e, (byte)f, (byte)g, (byte)h], 0);
        Assert.True(s.IsWithinBounds());
    }
}
