using System.Reflection;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.SimulatedBoard.Vitals;
using WearableFirmware.Vitals;
using Xunit;
using Xunit.Abstractions;

namespace WearableFirmware.Tests.Vitals;

/// <summary>
/// The short-record (spot-check) configuration: SpO2 from two agreeing clean beats, every other gate as on the
/// continuous device, on a synthetic finger through the MAX30102 model and driver.
/// </summary>
public class ShortRecordTests(ITestOutputHelper output)
{
    [Fact]
    public void OnlyTheSpO2BeatCountDiffersFromTheContinuousDevice()
    {
        var device = new VitalsConfiguration();
        var shortRecord = VitalsConfiguration.ShortRecord();
        Assert.Equal(4, device.MinimumSpO2Beats);
        Assert.Equal(2, shortRecord.MinimumSpO2Beats);
        foreach (FieldInfo field in typeof(VitalsConfiguration).GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            if (field.Name == nameof(VitalsConfiguration.MinimumSpO2Beats))
            {
                continue;
            }

            object? a = field.GetValue(device);
            object? b = field.GetValue(shortRecord);
            if (a is SpO2Calibration ca && b is SpO2Calibration cb)
            {
                Assert.Equal((ca.Constant, ca.Linear, ca.Quadratic), (cb.Constant, cb.Linear, cb.Quadratic));
            }
            else if (a is MotionHeartRateSettings ma && b is MotionHeartRateSettings mb)
            {
                foreach (FieldInfo setting in typeof(MotionHeartRateSettings).GetFields(BindingFlags.Public | BindingFlags.Instance))
                {
                    Assert.Equal(setting.GetValue(ma), setting.GetValue(mb));
                }
            }
            else
            {
                Assert.Equal(a, b);
            }
        }

        shortRecord.Validate();
    }

    [Fact]
    public void TwoBeatRatiosThatDisagreeGiveNoValue()
    {
        var spo2 = new SpO2Estimator(8, VitalsConfiguration.ShortRecordMinimumSpO2Beats, SpO2Calibration.Max3010xMaxim());
        spo2.AddBeat(0.5f);
        Assert.False(spo2.IsValid); // one beat cannot be checked against anything
        spo2.AddBeat(0.7f);         // 0.5 and 0.7 lie 17 % from their mean: no value
        Assert.Equal(0, spo2.AcceptedCount);
        Assert.False(spo2.IsValid);
        spo2.AddBeat(0.52f);        // median 0.52: 0.5 and 0.52 agree, 0.7 is left out
        Assert.Equal(2, spo2.AcceptedCount);
        Assert.True(spo2.IsValid);
        Assert.Equal(0.51f, spo2.Ratio, 4);
    }

    private static (VitalsProcessor Vitals, SimulatedPpgSensor Sensor) Finger(VitalsConfiguration config, float bpm, float spo2)
    {
        var signal = new SyntheticPpgSignal(7) { HeartRateBpm = bpm, SpO2Percent = spo2, BeatToBeatSdMilliseconds = 10 };
        return (new VitalsProcessor(config), new SimulatedPpgSensor(signal));
    }

    [Theory]
    [InlineData(60, 88)]
    [InlineData(90, 75)]
    public void ASpotCheckReadsFromThreeBeatsTwoPeriodsBeforeTheContinuousDevice(float bpm, float spo2)
    {
        double period = 60 / bpm;
        // Contact 0.25 s + settling 0.5 s, the first beat within a period, two more periods, the third beat's
        // confirmation (at most 0.55 of a period) and one loop tick (the reading is looked at after each drain).
        double bound = 0.75 + 3 * period + 0.55 * period + SimulatedPpgSensor.DefaultDrainIntervalMicroseconds / 1e6;
        double shortFirst = FirstSpO2(VitalsConfiguration.ShortRecord(), bpm, spo2, out VitalsReading reading, out int beats);
        double deviceFirst = FirstSpO2(new VitalsConfiguration(), bpm, spo2, out _, out _);
        output.WriteLine("first SpO2: short record " + shortFirst + " s (" + beats + " beats), continuous " + deviceFirst + " s");
        Assert.InRange(shortFirst, 0.75 + 2 * period, bound);
        Assert.Equal(3, beats);
        Assert.InRange(reading.SpO2Percent, spo2 - 1.5, spo2 + 1.5);
        // The continuous device waits for two more clean beats at least (four agreeing ratios).
        Assert.True(deviceFirst - shortFirst >= 2 * period - 0.1, "continuous device read " + (deviceFirst - shortFirst) + " s later");
    }

    private static double FirstSpO2(VitalsConfiguration config, float bpm, float spo2, out VitalsReading reading, out int beats)
    {
        var (vitals, sensor) = Finger(config, bpm, spo2);
        while (!vitals.Reading.SpO2Valid && sensor.Clock.NowMicroseconds < 20_000_000)
        {
            sensor.Tick(vitals);
        }

        reading = vitals.Reading;
        beats = vitals.BeatCount;
        return sensor.Clock.NowMicroseconds / 1e6;
    }

    [Fact]
    public void TooShortARecordSaysSoInsteadOfGuessing()
    {
        // A record that ends after the second beat holds one ratio: no value, and the processor says how many it has.
        var (vitals, sensor) = Finger(VitalsConfiguration.ShortRecord(), 60, 90);
        while (vitals.BeatCount < 2)
        {
            sensor.Tick(vitals);
        }

        Assert.Equal(1, vitals.SpO2Beats);
        Assert.False(vitals.Reading.SpO2Valid);
        Assert.Equal(0, vitals.Reading.SpO2Percent);
        while (vitals.BeatCount < 3)
        {
            sensor.Tick(vitals);
        }

        Assert.Equal(2, vitals.SpO2AgreeingBeats);
        Assert.True(vitals.Reading.SpO2Valid);
    }
}
