using System.Numerics;
using WearableFirmware.Drivers;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.SimulatedBoard.Signals;
using Xunit;
using WearableFirmware.Falls;

namespace WearableFirmware.Tests.Drivers.Adxl345;

public class Adxl345DrainTests
{
    [Fact]
    public void Regular_drains_deliver_every_sample_in_order_and_lose_none()
    {
        // A 200 Hz ramp replayed at 100 Hz: every delivered sample must continue the ramp.
        int n = 4000;
        float[] ramp = Enumerable.Range(0, n).Select(i => i / 256f).ToArray();
        float[] zero = new float[n];
        var rig = new Adxl345Rig(source: new RecordedMotion(ramp, zero, zero, 200));
        Assert.True(rig.Driver.Start());

        var xs = new List<int>();
        long end = 10_000_000;
        while (rig.Clock.NowMicroseconds < end)
        {
            rig.Clock.Advance(100_000);
            int count = rig.DrainOnce();
            Assert.InRange(count, 9, 11);
            Assert.Equal(0, rig.Driver.SamplesLostThisDrain);
            xs.AddRange(rig.Driver.X.Take(count));
        }

        Assert.Equal(rig.Chip.SamplesProduced - rig.Chip.FifoEntries, rig.Delivered);
        Assert.Equal(0, rig.Driver.Health.SamplesLost);
        Assert.Equal(0, rig.Chip.SamplesDiscarded);

        // Output sample k (k >= 1) is the mean of the 8 internal values in ((k-1)T, kT]: ramp index 2k - 1.
        for (int k = 1; k < xs.Count; k++)
        {
            Assert.Equal(xs[k - 1] + 2, xs[k]);
        }
    }

    [Fact]
    public void Watermark_raises_int1_and_a_drain_clears_it()
    {
        var rig = new Adxl345Rig();
        Assert.True(rig.Driver.Start());

        rig.Clock.Advance(155_000); // 15 samples: below the 16-sample watermark
        Assert.False(rig.Chip.Int1);
        rig.Clock.Advance(10_000); // 16
        Assert.True(rig.Chip.Int1);
        Assert.False(rig.Chip.Int2);

        Assert.Equal(16, rig.DrainOnce());
        Assert.True((rig.Driver.Events & InterruptSource.Watermark) != 0);
        Assert.False(rig.Chip.Int1);
    }

    [Fact]
    public void Late_reader_losses_are_counted_exactly_and_on_time_readers_lose_nothing()
    {
        // Chip oscillator 1.5 % fast: inside the 5 % the driver accepts, far enough off to break a nominal-period count.
        var rig = new Adxl345Rig(crystalErrorPpm: 15_000);
        Assert.True(rig.Driver.Start());
        rig.Run(20, tickUs: 50_000);
        Assert.Equal(0, rig.Driver.Health.SamplesLost);

        long[] lateUs = { 1_300_000, 450_000, 2_713_000, 500_001, 4_000_000 };
        foreach (long late in lateUs)
        {
            long discardedBefore = rig.Chip.SamplesDiscarded;
            rig.Clock.Advance(late);
            rig.DrainOnce();
            long discarded = rig.Chip.SamplesDiscarded - discardedBefore;
            Assert.True(discarded > 0, "the scenario must overflow");
            Assert.Equal(discarded, rig.Driver.SamplesLostThisDrain);
            Assert.True(rig.Driver.GapBeforeThisDrain);

            // Back on time: no loss reported while the FIFO does not fill.
            for (int i = 0; i < 40; i++)
            {
                rig.Clock.Advance(50_000 + 997 * i % 5000);
                rig.DrainOnce();
                Assert.Equal(0, rig.Driver.SamplesLostThisDrain);
                Assert.False(rig.Driver.GapBeforeThisDrain);
            }
        }

        Assert.Equal(rig.Chip.SamplesDiscarded, rig.Driver.Health.SamplesLost);
        Assert.Equal(rig.Chip.SamplesProduced, rig.Delivered + rig.Driver.Health.SamplesLost + rig.Chip.FifoEntries);
        Assert.True(rig.Driver.OverrunEvents >= lateUs.Length);
    }

    [Fact]
    public void A_late_reader_that_finds_the_fifo_not_full_loses_nothing()
    {
        var rig = new Adxl345Rig();
        Assert.True(rig.Driver.Start());
        rig.Run(2);
        rig.Clock.Advance(300_000); // 30 samples < 33
        Assert.Equal(30, rig.DrainOnce());
        Assert.Equal(0, rig.Driver.SamplesLostThisDrain);
        Assert.Equal(0, rig.Driver.Health.SamplesLost);
        Assert.Equal(HealthState.Ok, rig.Driver.Health.State);
    }

    [Fact]
    public void Free_fall_interrupt_fires_during_a_fall_and_never_while_walking()
    {
        var scenario = MotionScenario.Create(SensorPlacement.Wrist, seed: 3)
            .Hold(2).Walk(10).Hold(1).Fall(FallDirection.Forward).Hold(3).Build();
        var rig = new Adxl345Rig(source: scenario);
        Assert.True(rig.Driver.Start());
        rig.Run(scenario.DurationMicroseconds / 1e6);

        long fall = scenario.StartOf("fall-forward");
        long firstFreeFall = rig.FirstEventTime(InterruptSource.FreeFall);
        Assert.Equal(1, rig.Driver.FreeFallEvents);
        Assert.InRange(firstFreeFall, fall + 300_000, fall + 1_000_000);
        Assert.True(rig.Driver.ActivityEvents > 0, "the impact exceeds the 2 g activity threshold");
    }

    [Fact]
    public void Double_tap_is_reported_once_and_walking_gives_none()
    {
        var scenario = MotionScenario.Create(SensorPlacement.Wrist, seed: 5, WearerPose.Sitting)
            .Hold(1).DoubleTap().Hold(1).SitDown().Hold(1).Build();
        var rig = new Adxl345Rig(source: scenario);
        Assert.True(rig.Driver.Start());
        rig.Run(scenario.DurationMicroseconds / 1e6);
        Assert.Equal(1, rig.Driver.DoubleTapEvents);
        Assert.Equal(1, rig.Driver.SingleTapEvents);

        var walk = MotionScenario.Create(SensorPlacement.Wrist, seed: 6).Walk(20).Build();
        var walking = new Adxl345Rig(source: walk);
        Assert.True(walking.Driver.Start());
        walking.Run(20);
        Assert.Equal(0, walking.Driver.DoubleTapEvents);
    }

    [Fact]
    public void Two_taps_too_far_apart_are_two_single_taps()
    {
        var scenario = MotionScenario.Create(SensorPlacement.Wrist, seed: 5, WearerPose.Sitting)
            .Hold(1).DoubleTap(gapSeconds: 0.5).Hold(1).Build();
        var rig = new Adxl345Rig(source: scenario);
        Assert.True(rig.Driver.Start());
        rig.Run(scenario.DurationMicroseconds / 1e6);
        Assert.Equal(0, rig.Driver.DoubleTapEvents);
        Assert.Equal(2, rig.Driver.SingleTapEvents);
    }

    [Fact]
    public void Random_nacks_are_retried_counted_and_cost_almost_no_samples()
    {
        var rig = new Adxl345Rig(seed: 11);
        Assert.True(rig.Driver.Start());
        rig.Bus.NackProbability = 0.2;
        rig.Run(30);

        DriverHealth health = rig.Driver.Health;
        Assert.True(health.TransferErrors > 100, "transfer errors " + health.TransferErrors);
        Assert.True(health.Retries > 100, "retries " + health.Retries);
        Assert.Equal(rig.Bus.InjectedFaults, health.TransferErrors);
        Assert.NotEqual(HealthState.Failed, health.State);
        Assert.True(rig.Delivered > 0.97 * rig.Chip.SamplesProduced, rig.Delivered + " of " + rig.Chip.SamplesProduced);

        rig.Bus.NackProbability = 0;
        rig.Run(5);
        Assert.Equal(HealthState.Ok, health.State);
    }

    [Fact]
    public void Stuck_bus_fails_the_driver_which_recovers_when_the_bus_frees()
    {
        var rig = new Adxl345Rig();
        Assert.True(rig.Driver.Start());
        rig.Run(1);

        rig.Bus.StickFor(3_000_000);
        rig.Run(1);
        Assert.Equal(HealthState.Failed, rig.Driver.Health.State);
        Assert.Contains("no answer", rig.Driver.DescribeLastError());
        Assert.Equal(BusStatus.ClockStretchTimeout, rig.Driver.Health.LastError);

        rig.Run(3.5);
        Assert.True(rig.Driver.Health.Recoveries >= 1);
        Assert.Equal(HealthState.Degraded, rig.Driver.Health.State);
        Assert.True(rig.Driver.SampleCount > 0);

        rig.Run(3); // 75 clean drains
        Assert.Equal(HealthState.Ok, rig.Driver.Health.State);
    }

    [Fact]
    public void Brown_out_is_detected_and_the_chip_reconfigured()
    {
        var rig = new Adxl345Rig();
        Assert.True(rig.Driver.Start());
        rig.Run(2);

        rig.Chip.BrownOut();
        Assert.Equal(0x00, rig.Chip.Peek((byte)Register.PowerCtl));
        bool sawGap = false;
        for (int i = 0; i < 5; i++)
        {
            rig.Clock.Advance(40_000);
            rig.DrainOnce();
            sawGap |= rig.Driver.GapBeforeThisDrain;
        }

        Assert.Equal(1, rig.Driver.ConfigurationLosses);
        Assert.Equal(1, rig.Driver.Health.Recoveries);
        Assert.Equal(0x08, rig.Chip.Peek((byte)Register.PowerCtl));
        Assert.Equal(0x90, rig.Chip.Peek((byte)Register.FifoCtl));
        Assert.Equal(0x7F, rig.Chip.Peek((byte)Register.IntEnable));
        Assert.True(sawGap, "the first samples after the re-initialisation are flagged as not continuous");

        long before = rig.Delivered;
        rig.Run(1);
        Assert.InRange(rig.Delivered - before, 98, 102);
        Assert.False(rig.Driver.GapBeforeThisDrain);
    }

    [Fact]
    public void Wrong_device_id_fails_start_naming_the_value_read()
    {
        var rig = new Adxl345Rig();
        rig.Chip.DeviceIdOverride = 0x1A;
        Assert.False(rig.Driver.Start());
        Assert.Contains("0x1A", rig.Driver.DescribeLastError());
        Assert.Contains("0xE5", rig.Driver.DescribeLastError());
        Assert.Equal(HealthState.Failed, rig.Driver.Health.State);
        Assert.Equal(0, rig.Driver.Drain());
    }

    [Fact]
    public void Absent_chip_fails_start_with_the_bus_error()
    {
        var rig = new Adxl345Rig();
        rig.Bus.NackProbability = 1;
        Assert.False(rig.Driver.Start());
        Assert.Contains("address not acknowledged", rig.Driver.DescribeLastError());
        Assert.Equal(3, rig.Driver.Health.TransferErrors);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Fewer_than_one_transfer_attempt_is_refused(int attempts)
    {
        // With no attempt at all the driver could never reach the chip; the setting is rejected, not obeyed.
        var rig = new Adxl345Rig();
        Assert.Throws<ArgumentOutOfRangeException>(() => rig.Driver.MaxTransferAttempts = attempts);
        Assert.Equal(3, rig.Driver.MaxTransferAttempts);
    }

    [Fact]
    public void Sample_times_follow_the_chip_grid()
    {
        // At +2000 ppm, sample k comes at k * 10 ms / 1.002 after measurement starts.
        var rig = new Adxl345Rig(crystalErrorPpm: 2000);
        Assert.True(rig.Driver.Start());
        long start = rig.Clock.NowMicroseconds;
        rig.Run(30, tickUs: 37_000);
        long produced = rig.Chip.SamplesProduced;
        double newestTrueUs = start + produced * 10_000 / 1.002;
        Assert.InRange(rig.Driver.NewestSampleMicroseconds, newestTrueUs - 1000, newestTrueUs + 1000);
        Assert.InRange(rig.Driver.SamplePeriodNanoseconds, 9_980_040 - 2000, 9_980_040 + 2000);
    }

    [Theory]
    [InlineData(500, 0)] // below 1/sqrt(3) g: never at rest
    [InlineData(625, 1)] // above it: gravity split evenly over the axes reads as free fall
    public void Free_fall_threshold_must_stay_below_one_over_root_three_g_at_rest(int thresholdMg, int expectedEvents)
    {
        float c = 1 / MathF.Sqrt(3);
        var settings = new Adxl345Settings { FreeFallThresholdMg = thresholdMg };
        var rig = new Adxl345Rig(settings, new ConstantMotion(new Vector3(c, c, -c)));
        Assert.True(rig.Driver.Start());
        rig.Run(2);
        Assert.Equal(expectedEvents, rig.Driver.FreeFallEvents);
    }

    [Fact]
    public void Draining_allocates_nothing_including_overflow_and_events()
    {
        static Adxl345Rig Build()
        {
            var scenario = MotionScenario.Create(SensorPlacement.Wrist, seed: 2).Hold(1).DoubleTap().Fall(FallDirection.Backward).Hold(1).Build();
            var rig = new Adxl345Rig(source: new RecordedMotion(new float[] { 0, 0 }, new float[] { 0, 0 }, new float[] { 1, 1 }, 100));
            Assert.True(rig.Driver.Start());
            rig.Chip.Source = scenario;
            for (int i = 0; i < 200; i++)
            {
                rig.Clock.Advance(40_000);
                rig.Driver.Drain();
            }

            return rig;
        }

        long allocated = Allocation.Of(Build, rig =>
        {
            for (int i = 0; i < 5000; i++)
            {
                rig.Clock.Advance(i % 500 == 0 ? 1_000_000 : 40_000);
                rig.Driver.Drain();
            }
        }, out Adxl345Rig measured);

        var driver = measured.Driver;
        Assert.True(driver.Health.SamplesLost > 0, "the loop must exercise the overflow path");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Retrying_a_chip_gone_from_the_bus_allocates_nothing_and_still_reports_why()
    {
        static Adxl345Rig Build()
        {
            var rig = new Adxl345Rig();
            Assert.True(rig.Driver.Start());
            rig.Bus.NackProbability = 1; // the chip is gone: Drain retries Start once a second, for as long as it takes
            rig.Run(5);
            Assert.Equal(HealthState.Failed, rig.Driver.Health.State);
            return rig;
        }

        long allocated = Allocation.Of(Build, r =>
        {
            for (int i = 0; i < 5000; i++) // 200 s of 40 ms ticks: 200 failed restarts
            {
                r.Clock.Advance(40_000);
                r.Driver.Drain();
            }
        }, out Adxl345Rig rig);

        Assert.Equal(0, allocated);
        Assert.Contains("no answer", rig.Driver.DescribeLastError());
        Assert.Contains("address not acknowledged", rig.Driver.DescribeLastError());
    }
}
