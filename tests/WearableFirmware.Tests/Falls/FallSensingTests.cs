using WearableFirmware.Application;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Falls;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Tests.Drivers.Adxl345;
using Xunit;

namespace WearableFirmware.Tests.Falls;

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
        Assert.True(rig.Driver.Start(), rig.Driver.DescribeLastError());

        rig.Run(10, tickUs: 40_000);

        Assert.InRange(rig.Delivered, 499, 501);
        Assert.Equal(0L, rig.Driver.Health.SamplesLost);
    }

    [Fact]
    public void The_wrist_is_the_default_placement_and_each_placement_gets_its_own_detector()
    {
        Assert.Equal(SensorPlacement.Wrist, new ApplicationSettings().Placement);
        Assert.Equal(50, FallSensing.WristDetectorSettings().SampleRateHz);
        Assert.IsType<WristFallDetector>(FallSensing.CreateDetector(SensorPlacement.Wrist, FallSensing.WristDetectorSettings(), FallSensing.DetectorSettings()));
        Assert.IsType<FallDetector>(FallSensing.CreateDetector(SensorPlacement.Waist, FallSensing.WristDetectorSettings(), FallSensing.DetectorSettings()));
    }

    [Theory]
    [InlineData(SensorPlacement.Wrist, SensorPlacement.Wrist, typeof(WristFallDetector))]
    [InlineData(SensorPlacement.Waist, SensorPlacement.Waist, typeof(FallDetector))]
    public void The_assembled_firmware_detects_a_fall_with_the_placement_it_is_built_for(SensorPlacement placement, SensorPlacement worn, Type detector)
    {
        var settings = new ApplicationSettings { Placement = placement };
        var board = new SimulatedWearable(new WearerScenario(seed: 6, worn).Stand(5).Walk(10).Fall(FallDirection.Forward, 20), settings);
        Assert.True(board.Boot());

        board.RunUntil(35);

        Assert.IsType(detector, board.App.AccelerometerProcessingStage.Detector);
        Assert.Equal(1, board.App.AccelerometerProcessingStage.FallsDetected);
    }

    [Fact]
    public void A_detector_rate_that_differs_from_the_accelerometer_is_refused()
    {
        var settings = new ApplicationSettings();
        settings.WristFallDetector.SampleRateHz = 100;
        var e = Assert.Throws<ArgumentException>(() => new SimulatedWearable(new WearerScenario(seed: 1).Sit(5), settings));
        Assert.Contains("does not match", e.Message);
    }
}
