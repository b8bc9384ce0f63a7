using WearableFirmware.Drivers;
using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Chips;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Tests.Chips;
using Xunit;

namespace WearableFirmware.Tests.Drivers.Max3010x;

/// <summary>The driver against the register-level model: timing, overflow accounting, interrupts and faults.</summary>
public class Max30102OnModelTests
{
    // With the ramp signal at 7 mA and 16384 nA, light rising 1 nA/mA per 10 ms reads 112 red counts more per sample.
    private const int RampStep = 112;

    private readonly VirtualClock _clock = new();
    private long _samplingStart;
    private double _slope = 1.0;

    // Red counts of the n-th sample (1-based) after sampling started: taken at start + n x 10 ms.
    private double RampRed(int n) => (_samplingStart + n * 10_000L) / 10_000.0 * RampStep * _slope;

    private (Max30102 Driver, Max30102Model Chip) Start(Max3010xSettings? settings = null, IPpgSignal? signal = null)
    {
        var chip = new Max30102Model(_clock, signal ?? new Max30102ModelTests.RampSignal());
        var driver = new Max30102(chip, _clock, settings ?? new Max3010xSettings());
        Assert.True(driver.Start(), driver.DescribeLastError());
        _samplingStart = _clock.NowMicroseconds;
        return (driver, chip);
    }

    [Fact]
    public void Start_configures_the_chip_and_reads_it_back()
    {
        var (driver, chip) = Start();

        Assert.Equal(HealthState.Ok, driver.Health.State);
        Assert.Equal(0x15, driver.PartIdRead);
        Assert.Equal(0x1F, chip.Peek(0x08));
        Assert.Equal(0x03, chip.Peek(0x09));
        Assert.Equal(0x67, chip.Peek(0x0A));
        Assert.Equal(0x23, chip.Peek(0x0C));
        Assert.Equal(0x23, chip.Peek(0x0D));
        Assert.Equal(0xA0, chip.Peek(0x02));
        Assert.Equal(0x00, chip.Peek(0x00)); // power-on PWR_RDY cleared during start-up
        Assert.True(_clock.NowMicroseconds >= 1000, "start-up waited for the reset through the clock");
    }

    [Fact]
    public void Wrong_part_id_is_reported_with_the_value_read()
    {
        var chip = new Max30102Model(_clock, new Max30102ModelTests.RampSignal()) { PartId = 0x11 };
        var driver = new Max30102(chip, _clock, new Max3010xSettings());

        Assert.False(driver.Start());
        Assert.Equal(Max3010xError.WrongPartId, driver.LastError);
        Assert.Contains("0x11", driver.DescribeLastError());
    }

    [Fact]
    public void A_reset_that_never_finishes_fails_start_within_the_timeout()
    {
        var chip = new Max30102Model(_clock, new Max30102ModelTests.RampSignal()) { ResetDurationMicroseconds = 1_000_000 };
        var driver = new Max30102(chip, _clock, new Max3010xSettings());

        Assert.False(driver.Start());
        Assert.Equal(Max3010xError.ResetTimeout, driver.LastError);
        Assert.InRange(_clock.NowMicroseconds, 50_000, 51_000);
        Assert.Contains("did not clear within 50000 us", driver.DescribeLastError());
    }

    /// <summary>Returns SPO2_CONFIG with one bit flipped, like a chip that did not take the write.</summary>
    private sealed class CorruptsSpO2Readback : IRegisterBus
    {
        private readonly IRegisterBus _chip;

        public CorruptsSpO2Readback(IRegisterBus chip) => _chip = chip;

        public BusStatus Write(byte[] data, int count) => _chip.Write(data, count);

        public BusStatus WriteRead(byte[] write, int writeCount, byte[] read, int readOffset, int readCount)
        {
            BusStatus status = _chip.WriteRead(write, writeCount, read, readOffset, readCount);
            int index = 0x0A - write[0];
            if (index >= 0 && index < readCount)
            {
                read[readOffset + index] ^= 0x04;
            }

            return status;
        }
    }

    [Fact]
    public void A_register_that_reads_back_differently_fails_start_naming_register_and_values()
    {
        var chip = new Max30102Model(_clock, new Max30102ModelTests.RampSignal());
        var driver = new Max30102(new CorruptsSpO2Readback(chip), _clock, new Max3010xSettings());

        Assert.False(driver.Start());
        Assert.Equal(Max3010xError.ConfigurationMismatch, driver.LastError);
        Assert.Equal(Register.SpO2Config, driver.MismatchRegister);
        Assert.Equal("MAX30102 register 0x0A read back 0x63 after writing 0x67", driver.DescribeLastError());
        Assert.Equal(HealthState.Failed, driver.Health.State);
    }

    [Fact]
    public void Heart_rate_mode_delivers_red_only()
    {
        var (driver, chip) = Start(new Max3010xSettings { Mode = LedMode.HeartRate });
        _clock.Advance(50_000);

        Assert.Equal(5, driver.Drain());
        Assert.Equal(0x02, chip.Peek(0x09));
        Assert.Equal(0x00, chip.Peek(0x0D));
        Assert.Equal(RampRed(1), driver.Red[0], 1.0);
        Assert.Equal(RampRed(5), driver.Red[4], 1.0);
    }

    [Fact]
    public void Regular_drains_deliver_every_sample_in_order_across_many_pointer_wraps()
    {
        _slope = 0.2; // stays below 18-bit saturation for the whole run
        var (driver, chip) = Start(signal: new Max30102ModelTests.RampSignal { Slope = 0.2f });
        int previous = (int)RampRed(0);
        long delivered = 0;

        for (int tick = 0; tick < 500; tick++) // 35 s: the 5-bit pointers wrap about 109 times
        {
            _clock.Advance(70_000);
            int n = driver.Drain();
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(previous + RampStep * _slope, driver.Red[i], 1.0);
                Assert.Equal(2.0 * driver.Red[i], driver.Ir[i], 2.0);
                previous = driver.Red[i];
            }

            delivered += n;
        }

        Assert.Equal(chip.SamplesWritten, delivered + chip.UnreadSamples);
        Assert.Equal(0, driver.Health.SamplesLost);
        Assert.Equal(HealthState.Ok, driver.Health.State);
    }

    [Theory]
    [InlineData(true, 18)]
    [InlineData(false, 18)]
    [InlineData(true, 5)]
    public void A_late_reader_gets_32_samples_and_the_exact_loss_from_the_overflow_counter(bool rollover, int late)
    {
        var (driver, chip) = Start(new Max3010xSettings { FifoRollover = rollover });
        _clock.Advance((32 + late) * 10_000L);

        int n = driver.Drain();

        Assert.Equal(32, n);
        Assert.Equal(late, driver.SamplesLostThisDrain);
        Assert.Equal(chip.SamplesOverflowed, driver.Health.SamplesLost);
        Assert.Equal(DrainFlags.SamplesLost, driver.LastDrainFlags);
        Assert.Equal(HealthState.Degraded, driver.Health.State);
        // Rollover keeps the newest samples (the gap precedes them); without it the oldest stay.
        int firstSample = rollover ? late + 1 : 1;
        Assert.Equal(RampRed(firstSample), driver.Red[0], 1.0);
        Assert.Equal(RampRed(firstSample + 31), driver.Red[31], 1.0);

        _clock.Advance(10_000);
        Assert.Equal(1, driver.Drain());
        Assert.Equal(HealthState.Ok, driver.Health.State);
    }

    [Fact]
    public void A_saturated_overflow_counter_is_replaced_by_the_clock_estimate()
    {
        var (driver, chip) = Start();
        _clock.Advance(100 * 10_000L); // 100 samples, 68 lost, OVF saturated at 31

        Assert.Equal(32, driver.Drain());
        Assert.Equal(68, driver.SamplesLostThisDrain);
        Assert.Equal(chip.SamplesOverflowed, driver.Health.SamplesLost);
        Assert.Equal(DrainFlags.SamplesLost | DrainFlags.LossEstimated, driver.LastDrainFlags);
    }

    [Fact]
    public void A_completely_full_fifo_without_overflow_is_told_from_empty_by_a_full()
    {
        var (driver, _) = Start();
        _clock.Advance(32 * 10_000L); // exactly full: WR == RD, OVF 0

        Assert.Equal(32, driver.Drain());
        Assert.Equal(0, driver.SamplesLostThisDrain);
        Assert.Equal(0, driver.Drain());
    }

    [Fact]
    public void Brown_out_is_detected_by_pwr_rdy_then_the_chip_is_reinitialised_and_the_gap_reported()
    {
        var (driver, chip) = Start();
        _clock.Advance(100_000);
        Assert.Equal(10, driver.Drain());

        _clock.Advance(30_000);
        chip.BrownOut();
        _clock.Advance(20_000);
        Assert.Equal(0, driver.Drain());
        Assert.Equal(DrainFlags.PowerOnReset, driver.LastDrainFlags & DrainFlags.PowerOnReset);
        Assert.Equal(1, driver.PowerOnResets);
        Assert.Equal(HealthState.Failed, driver.Health.State);

        int drains = 0;
        while (!driver.IsRunning && drains++ < 10)
        {
            _clock.Advance(1_000);
            driver.Drain();
        }

        Assert.True(driver.IsRunning);
        Assert.Equal(DrainFlags.NotRunning | DrainFlags.Reinitialised | DrainFlags.SamplesLost | DrainFlags.LossEstimated, driver.LastDrainFlags);
        Assert.Equal(1, driver.Health.Recoveries);
        Assert.Equal(0x67, chip.Peek(0x0A));
        // From the last good drain (100 ms) to the reconfiguration (about 152 ms): five sample periods.
        Assert.Equal(5, driver.Health.SamplesLost);

        _clock.Advance(50_000);
        Assert.Equal(5, driver.Drain());
        Assert.Equal(HealthState.Ok, driver.Health.State);
    }

    [Fact]
    public void Die_temperature_is_started_without_waiting_and_read_by_a_later_drain()
    {
        var (driver, chip) = Start();
        chip.DieTemperatureCelsius = 25.5625f;

        long before = _clock.NowMicroseconds;
        Assert.True(driver.StartDieTemperature());
        Assert.Equal(before, _clock.NowMicroseconds);

        _clock.Advance(20_000);
        driver.Drain();
        Assert.False(driver.HasDieTemperature);

        _clock.Advance(10_000);
        driver.Drain();
        Assert.Equal(DrainFlags.DieTemperatureReady, driver.LastDrainFlags);
        Assert.Equal(409, driver.DieTemperatureSixteenths); // 25 x 16 + 9
        Assert.Equal(25.5625f, driver.DieTemperatureCelsius);
    }

    [Fact]
    public void Random_nacks_are_retried_counted_exactly_and_lose_no_samples()
    {
        _slope = 0.2;
        var chip = new Max30102Model(_clock, new Max30102ModelTests.RampSignal { Slope = 0.2f });
        var bus = new FaultInjectingBus(chip, _clock, seed: 7);
        var driver = new Max30102(bus, _clock, new Max3010xSettings { FailuresBeforeReinit = 12 });
        Assert.True(driver.Start());
        _samplingStart = _clock.NowMicroseconds;
        bus.NackProbability = 0.2;

        long delivered = 0;
        int previous = (int)RampRed(0);
        for (int tick = 0; tick < 2000; tick++)
        {
            _clock.Advance(50_000);
            int n = driver.Drain();
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(previous + RampStep * _slope, driver.Red[i], 1.0);
                previous = driver.Red[i];
            }

            delivered += n;
        }

        Assert.Equal(bus.InjectedFaults, driver.Health.TransferErrors);
        Assert.True(driver.Health.Retries > 100, $"retries {driver.Health.Retries}");
        Assert.Equal(0, driver.Health.SamplesLost);
        Assert.Equal(chip.SamplesWritten, delivered + chip.UnreadSamples);
    }

    [Fact]
    public void A_stuck_bus_fails_the_driver_then_it_reinitialises_and_reports_the_gap()
    {
        var chip = new Max30102Model(_clock, new Max30102ModelTests.RampSignal());
        var bus = new FaultInjectingBus(chip, _clock, seed: 1);
        var driver = new Max30102(bus, _clock, new Max3010xSettings());
        Assert.True(driver.Start());
        _clock.Advance(100_000);
        Assert.Equal(10, driver.Drain());

        bus.StickFor(500_000);
        for (int tick = 0; tick < 10; tick++)
        {
            _clock.Advance(50_000);
            Assert.Equal(0, driver.Drain());
            Assert.NotEqual(DrainFlags.None, driver.LastDrainFlags & (DrainFlags.BusError | DrainFlags.NotRunning));
        }

        Assert.Equal(HealthState.Failed, driver.Health.State);
        Assert.Equal(BusStatus.ClockStretchTimeout, driver.Health.LastError);

        for (int tick = 0; tick < 10 && !driver.IsRunning; tick++)
        {
            _clock.Advance(2_000);
            driver.Drain();
        }

        Assert.True(driver.IsRunning);
        Assert.Equal(1, driver.Health.Recoveries);
        Assert.Equal(bus.InjectedFaults, driver.Health.TransferErrors);
        // Last good drain at 100 ms; reconfigured about 2 ms after the bus freed at 600 ms.
        Assert.InRange(driver.Health.SamplesLost, 50, 51);
        _clock.Advance(100_000);
        Assert.Equal(10, driver.Drain());
        Assert.Equal(HealthState.Ok, driver.Health.State);
    }

    /// <summary>Lets the chip answer half of the next FIFO burst, then reports a partial transfer (data NACK).</summary>
    private sealed class BreaksNextFifoBurst : IRegisterBus
    {
        private readonly IRegisterBus _chip;

        public BreaksNextFifoBurst(IRegisterBus chip) => _chip = chip;

        public bool Armed { get; set; }

        public BusStatus Write(byte[] data, int count) => _chip.Write(data, count);

        public BusStatus WriteRead(byte[] write, int writeCount, byte[] read, int readOffset, int readCount)
        {
            if (Armed && write[0] == 0x07)
            {
                Armed = false;
                _chip.WriteRead(write, writeCount, read, readOffset, readCount / 2);
                return BusStatus.PartialTransfer;
            }

            return _chip.WriteRead(write, writeCount, read, readOffset, readCount);
        }
    }

    [Fact]
    public void Samples_popped_by_a_burst_that_broke_part_way_are_counted_as_lost_on_the_next_drain()
    {
        var chip = new Max30102Model(_clock, new Max30102ModelTests.RampSignal());
        var bus = new BreaksNextFifoBurst(chip);
        var driver = new Max30102(bus, _clock, new Max3010xSettings());
        Assert.True(driver.Start());
        _samplingStart = _clock.NowMicroseconds;

        _clock.Advance(100_000);
        bus.Armed = true;
        Assert.Equal(0, driver.Drain()); // 10 pending, the burst broke after 5 samples
        Assert.Equal(DrainFlags.BusError, driver.LastDrainFlags);

        _clock.Advance(20_000);
        Assert.Equal(7, driver.Drain()); // 5 left + 2 new
        Assert.Equal(5, driver.SamplesLostThisDrain);
        Assert.Equal(RampRed(6), driver.Red[0], 1.0);
        Assert.Equal(chip.SamplesRead - 7, driver.Health.SamplesLost);
    }

    [Fact]
    public void Enable_registers_that_no_longer_match_trigger_reinitialisation()
    {
        var (driver, chip) = Start();
        chip.Write(new byte[] { 0x02, 0x00 }, 2); // something cleared INT_ENABLE_1 without a PWR_RDY

        driver.Drain();

        Assert.Equal(DrainFlags.ConfigurationLost, driver.LastDrainFlags & DrainFlags.ConfigurationLost);
        Assert.Equal(1, driver.ConfigurationLosses);
        Assert.False(driver.IsRunning);
    }

    [Fact]
    public void Clone_modules_delivering_ir_first_are_detected_and_corrected()
    {
        var signal = new SyntheticPpgSignal(seed: 3);
        var chip = new Max30102Model(_clock, signal) { SwapRedIrOrder = true };
        var driver = new Max30102(chip, _clock, new Max3010xSettings());
        Assert.True(driver.Start());
        bool corrected = false;

        for (int tick = 0; tick < 20; tick++)
        {
            _clock.Advance(100_000);
            driver.Drain();
            corrected |= (driver.LastDrainFlags & DrainFlags.ChannelOrderCorrected) != 0;
        }

        Assert.Equal(ChannelOrder.Swapped, driver.ChannelOrder);
        Assert.True(corrected);
        Assert.True(driver.Ir[0] > driver.Red[0], "after correction IR (900 nA/mA) reads above red (550 nA/mA)");
    }

    [Fact]
    public void Datasheet_order_is_confirmed_on_a_genuine_module()
    {
        var (driver, _) = Start(signal: new SyntheticPpgSignal(seed: 3));
        for (int tick = 0; tick < 20; tick++)
        {
            _clock.Advance(100_000);
            driver.Drain();
        }

        Assert.Equal(ChannelOrder.Datasheet, driver.ChannelOrder);
        Assert.True(driver.Ir[0] > driver.Red[0]);
    }

    [Fact]
    public void Draining_allocates_nothing()
    {
        static (Max30102 Driver, Max30102Model Chip, Max30102 Faulty, VirtualClock Clock) Build()
        {
            var fixture = new Max30102OnModelTests(); // each copy on its own clock
            var clock = fixture._clock;
            var (driver, chip) = fixture.Start(signal: new SyntheticPpgSignal(seed: 5));
            var bus = new FaultInjectingBus(chip, clock, seed: 9) { NackProbability = 0.05 };
            var faulty = new Max30102(bus, clock, new Max3010xSettings());
            Assert.True(faulty.Start());
            for (int i = 0; i < 100; i++)
            {
                clock.Advance(40_000);
                faulty.Drain();
            }

            return (driver, chip, faulty, clock);
        }

        long samples = 0;
        long allocated = Allocation.Of(Build, s =>
        {
            samples = 0;
            for (int i = 0; i < 5000; i++)
            {
                s.Clock.Advance(40_000);
                samples += s.Faulty.Drain();
                if (i % 500 == 0)
                {
                    s.Faulty.StartDieTemperature();
                }

                if (i == 2500)
                {
                    s.Chip.BrownOut(); // recovery path too
                }
            }
        }, out var measured);

        var (driver, _, faulty, _) = measured;
        Assert.Equal(0, allocated);
        Assert.True(samples > 15000, $"{samples} samples drained");
        Assert.Equal(1, faulty.Health.Recoveries);
        Assert.True(driver.Settings.Validate() == null);
    }
}
