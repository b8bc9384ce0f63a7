using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Motion;
using WearableFirmware.Tests.Drivers.Adxl345;
using Xunit;

namespace WearableFirmware.Tests.Motion;

public class FallSensingTests
{
    [Fact]
    public void Accelerometer_and_detector_run_at_one_rate_of_50_Hz()
    {
        Adxl345Settings chip = FallSensing.AccelerometerSettings();
        FallDetectorSettings detector = FallSensing.DetectorSettings();
        chip.Validate();
        detector.Validate();

        Assert.Equal(0x09, chip.BwRateValue()); // datasheet Table 7: code 1001 = 50 Hz
        Assert.Equal(20_000_000, Adxl345Settings.RatePeriodNanoseconds(chip.DataRate)); // 2^(15-9) / 3200 s = 20 ms
        Assert.Equal(50, detector.SampleRateHz);
        Assert.Equal(1_000_000_000L, Adxl345Settings.RatePeriodNanoseconds(chip.DataRate) * detector.SampleRateHz);

        // The driver's and the detector's defaults are that same configuration.
        Assert.Equal(chip.DataRate, new Adxl345Settings().DataRate);
        Assert.Equal(detector.SampleRateHz, new FallDetectorSettings().SampleRateHz);
    }

    [Fact]
    public void Driver_delivers_50_samples_a_second_from_the_chip_two_per_loop_tick()
    {
        var rig = new Adxl345Rig(FallSensing.AccelerometerSettings());
        Assert.True(rig.Driver.Start(), rig.Driver.LastStartError);

        rig.Run(10, tickUs: 40_000);

        Assert.InRange(rig.Delivered, 499, 501);
        Assert.Equal(0L, rig.Driver.Health.SamplesLost);
    }
}
