using WearableFirmware.Power;
using Xunit;

namespace WearableFirmware.Tests.Power;

public class ChargeDetectorTests
{
    [Fact]
    public void A_discharging_cell_with_noise_and_radio_sags_is_never_charging()
    {
        var detector = new ChargeDetector();
        int mv = 4100;
        for (int minute = 0; minute < 600; minute++)
        {
            // 1 mV a minute down, ±30 mV of ADC noise, an 80 mV radio sag every 7th reading.
            int reading = mv - minute + (minute * 37 % 61 - 30) - (minute % 7 == 0 ? 80 : 0);
            Assert.False(detector.AddReading(reading), "charging at minute " + minute);
        }
    }

    [Fact]
    public void Plugging_in_is_seen_at_the_150_mV_rise_and_unplugging_at_the_100_mV_drop()
    {
        var detector = new ChargeDetector();
        detector.AddReading(3700);
        detector.AddReading(3690);               // lowest so far
        Assert.False(detector.AddReading(3839)); // 149 mV up: not yet
        Assert.True(detector.AddReading(3840));  // 150 mV above the lowest
        Assert.True(detector.AddReading(4150));  // charging on, peak 4150
        Assert.True(detector.AddReading(4051));  // 99 mV below the peak: still charging
        Assert.False(detector.AddReading(4050)); // 100 mV below: charger gone
        Assert.False(detector.AddReading(4100)); // recovery after unplugging is not a new charge (4050 + 150 needed)
        Assert.True(detector.AddReading(4200));
    }
}
