using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Chips;
using WearableFirmware.SimulatedBoard.Signals;
using Xunit;

namespace WearableFirmware.Tests.Chips;

/// <summary>The PPG sources: physiology encoded as asked (R via the calibration curve, rate, perfusion), replay.</summary>
public class PpgSignalTests
{
    private static (float[] Red, float[] Ir) Record(IPpgSignal signal, double seconds, int rateHz = 100)
    {
        int n = (int)(seconds * rateHz);
        var red = new float[n];
        var ir = new float[n];
        for (int i = 0; i < n; i++)
        {
            signal.Sample(i * 1_000_000L / rateHz, out red[i], out ir[i], out _);
        }

        return (red, ir);
    }

    // AC over the diastolic (maximum light) level, the DC the signal defines.
    private static double Modulation(float[] values) => (values.Max() - values.Min()) / (double)values.Max();

    [Theory]
    [InlineData(100f)]
    [InlineData(97f)]
    [InlineData(90f)]
    [InlineData(85f)]
    [InlineData(75f)]
    public void Ratio_of_ratios_of_the_synthetic_ppg_gives_the_requested_spo2_through_the_curve(float spo2)
    {
        var signal = new SyntheticPpgSignal(seed: 11)
        {
            // The textbook linear curve, so the expected R can be worked by hand.
            Calibration = new WearableFirmware.Vitals.SpO2Calibration(110f, -25f, 0f, "linear textbook curve"),
            SpO2Percent = spo2,
            NoiseFraction = 0,
            RespiratoryBaselineFraction = 0,
            RespiratoryAmplitudeFraction = 0,
        };

        var (red, ir) = Record(signal, 20);
        double ratio = Modulation(red) / Modulation(ir);

        // Hand value: R = (110 - SpO2) / 25, e.g. 97 % -> 0.52.
        Assert.Equal((110 - spo2) / 25, ratio, 3);
        Assert.Equal(spo2, signal.Calibration.Evaluate((float)ratio), 1);
    }

    [Fact]
    public void Perfusion_index_sets_the_ir_pulse_depth_and_heart_rate_the_beat_count()
    {
        var signal = new SyntheticPpgSignal(seed: 2) { HeartRateBpm = 72, PerfusionIndexPercent = 3f, NoiseFraction = 0, RespiratoryBaselineFraction = 0, RespiratoryAmplitudeFraction = 0 };

        var (_, ir) = Record(signal, 60);

        Assert.Equal(0.03, Modulation(ir), 3);
        float threshold = ir.Max() * (1 - 0.015f);
        int beats = 0;
        for (int i = 1; i < ir.Length; i++)
        {
            if (ir[i - 1] >= threshold && ir[i] < threshold)
            {
                beats++;
            }
        }

        Assert.InRange(beats, 70, 74);
    }

    [Fact]
    public void Same_seed_same_signal_and_another_seed_another_signal()
    {
        var (a, _) = Record(new SyntheticPpgSignal(seed: 4), 5);
        var (b, _) = Record(new SyntheticPpgSignal(seed: 4), 5);
        var (c, _) = Record(new SyntheticPpgSignal(seed: 5), 5);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Motion_adds_a_common_mode_artefact_that_pulls_the_ratio_towards_one()
    {
        var textbook = new WearableFirmware.Vitals.SpO2Calibration(110f, -25f, 0f, "linear textbook curve");
        var still = new SyntheticPpgSignal(seed: 6) { Calibration = textbook, NoiseFraction = 0, RespiratoryBaselineFraction = 0, RespiratoryAmplitudeFraction = 0 };
        var moving = new SyntheticPpgSignal(seed: 6) { Calibration = textbook, NoiseFraction = 0, RespiratoryBaselineFraction = 0, RespiratoryAmplitudeFraction = 0, MotionFraction = 0.05f };

        var (stillRed, stillIr) = Record(still, 10);
        var (movingRed, movingIr) = Record(moving, 10);

        Assert.Equal(0.52, Modulation(stillRed) / Modulation(stillIr), 3); // SpO2 97 % on 110 - 25 R
        double corrupted = Modulation(movingRed) / Modulation(movingIr);
        Assert.InRange(corrupted, 0.8, 1.0); // motion of the same relative size in both channels dominates both
    }

    [Fact]
    public void Off_skin_leaves_only_leakage_and_lets_ambient_light_in()
    {
        var signal = new SyntheticPpgSignal(seed: 1) { OnSkin = false, NoiseFraction = 0 };

        signal.Sample(1_000_000, out float red, out float ir, out float ambient);

        Assert.Equal(550f * 0.02f, red, 3);
        Assert.Equal(900f * 0.02f, ir, 3);
        Assert.Equal(2000f, ambient);
    }

    [Fact]
    public void Out_of_range_physiology_is_rejected_with_the_limit()
    {
        var signal = new SyntheticPpgSignal(seed: 1) { SpO2Percent = 60 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => signal.Sample(0, out _, out _, out _));
        Assert.Contains("70..100", error.Message);
    }

    [Fact]
    public void Replay_interpolates_linearly_to_the_models_times_and_holds_the_ends()
    {
        var replay = RecordedPpgSignal.AtFixedRate(new[] { 100f, 200f, 400f }, new[] { 10f, 20f, 40f }, 50); // 20 ms apart

        replay.Sample(0, out float r0, out _, out _);
        replay.Sample(10_000, out float r1, out float i1, out _);
        replay.Sample(35_000, out float r2, out _, out _);
        replay.Sample(1_000_000, out float r3, out _, out _);

        Assert.Equal(100f, r0);
        Assert.Equal(150f, r1);
        Assert.Equal(15f, i1);
        Assert.Equal(350f, r2);
        Assert.Equal(400f, r3);
        Assert.Equal(40_000, replay.DurationMicroseconds);
    }

    [Fact]
    public void A_recorded_max30102_stream_replayed_at_the_same_settings_reads_back_the_same_counts()
    {
        int[] red = new int[300];
        int[] ir = new int[300];
        for (int i = 0; i < red.Length; i++)
        {
            red[i] = 60000 + 37 * i;
            ir[i] = 100000 - 29 * i;
        }

        var clock = new VirtualClock();
        var replay = RecordedPpgSignal.FromAdcCounts(red, ir, 100, 18, 16384, 7.0f, 7.0f);
        var chip = new Max30102Model(clock, replay);
        var driver = new Max30102(chip, clock, new Max3010xSettings());
        Assert.True(driver.Start());
        replay.StartMicroseconds = clock.NowMicroseconds + 10_000; // the first conversion plays the first sample

        clock.Advance(200_000);
        int n = driver.Drain();

        Assert.Equal(20, n);
        for (int i = 0; i < n; i++)
        {
            Assert.InRange(driver.Red[i], red[i] - 1, red[i]);
            Assert.InRange(driver.Ir[i], ir[i] - 1, ir[i]);
        }
    }

    [Fact]
    public void Replay_rejects_recordings_it_cannot_interpolate()
    {
        var unequal = Assert.Throws<ArgumentException>(() => new RecordedPpgSignal(new[] { 1f, 2f }, new[] { 1f }, new long[] { 0, 1 }));
        Assert.Contains("same length", unequal.Message);
        var backwards = Assert.Throws<ArgumentException>(() => new RecordedPpgSignal(new[] { 1f, 2f }, new[] { 1f, 2f }, new long[] { 5, 5 }));
        Assert.Contains("increase strictly", backwards.Message);
        var nan = Assert.Throws<ArgumentException>(() => RecordedPpgSignal.AtFixedRate(new[] { 1f, float.NaN }, new[] { 1f, 2f }, 30));
        Assert.Contains("sample 1", nan.Message);
    }

    [Fact]
    public void The_model_scales_the_synthetic_dc_by_led_current_and_adc_range()
    {
        var clock = new VirtualClock();
        var signal = new SyntheticPpgSignal(seed: 8) { NoiseFraction = 0, PerfusionIndexPercent = 0.05f, RespiratoryBaselineFraction = 0 };
        var chip = new Max30102Model(clock, signal);
        var driver = new Max30102(chip, clock, new Max3010xSettings());
        Assert.True(driver.Start());

        clock.Advance(300_000);
        int n = driver.Drain();

        // IR: 900 nA/mA x 7 mA = 6300 nA of 16384 nA -> 100800 counts at the diastolic level (pulse depth 0.05 %).
        Assert.InRange(driver.Ir[..n].Max(), 100700, 100800);
        // Red: 550 x 7 = 3850 nA -> 61600 counts.
        Assert.InRange(driver.Red[..n].Max(), 61550, 61600);
    }
}
