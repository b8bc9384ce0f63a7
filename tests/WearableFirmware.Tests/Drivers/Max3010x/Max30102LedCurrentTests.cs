using WearableFirmware.Drivers;
using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Chips;
using WearableFirmware.SimulatedBoard.Signals;
using Xunit;

namespace WearableFirmware.Tests.Drivers.Max3010x;

/// <summary>Runtime LED current changes (<see cref="Max30102.SetLedCurrents"/>) against the register-level model.</summary>
public class Max30102LedCurrentTests
{
    /// <summary>Skin that returns a fixed 550 nA/mA red and 900 nA/mA IR (the simulated wrist's DC levels).</summary>
    private sealed class SteadySkin : IPpgSignal
    {
        public void Sample(long timeMicroseconds, out float red, out float ir, out float ambient)
        {
            red = 550f;
            ir = 900f;
            ambient = 0f;
        }
    }

    /// <summary>Reads LED2_PA back with one bit flipped, like a chip that did not take the write.</summary>
    private sealed class CorruptsLed2Readback(IRegisterBus chip) : IRegisterBus
    {
        public bool Corrupt { get; set; }

        public BusStatus Write(byte[] data, int count) => chip.Write(data, count);

        public BusStatus WriteRead(byte[] write, int writeCount, byte[] read, int readOffset, int readCount)
        {
            BusStatus status = chip.WriteRead(write, writeCount, read, readOffset, readCount);
            int index = 0x0D - write[0];
            if (Corrupt && index >= 0 && index < readCount)
            {
                read[readOffset + index] ^= 0x01;
            }

            return status;
        }
    }

    private readonly VirtualClock _clock = new();

    private (Max30102 Driver, Max30102Model Chip) Start(IRegisterBus? bus = null, Max30102Model? chip = null, Max3010xSettings? settings = null)
    {
        chip ??= new Max30102Model(_clock, new SteadySkin());
        var driver = new Max30102(bus ?? chip, _clock, settings ?? new Max3010xSettings());
        Assert.True(driver.Start(), driver.DescribeLastError());
        return (driver, chip);
    }

    [Theory]
    [InlineData(0f, 2.8f, 0x00, 0x0E)]    // off-wrist levels: 2.8 mA / 0.2 mA per LSB = 14
    [InlineData(12.4f, 25.0f, 0x3E, 0x7D)] // 62 and 125 steps
    [InlineData(51.0f, 0.2f, 0xFF, 0x01)]  // datasheet maximum and the smallest step
    public void New_currents_reach_the_chip_registers_without_a_reset(float red, float ir, int led1, int led2)
    {
        var (driver, chip) = Start();
        long written = chip.SamplesWritten;
        _clock.Advance(100_000);

        Assert.True(driver.SetLedCurrents(red, ir));

        Assert.Equal(led1, chip.Peek(0x0C));
        Assert.Equal(led2, chip.Peek(0x0D));
        Assert.Equal(led1, driver.RedPulseAmplitude);
        Assert.Equal(led2, driver.IrPulseAmplitude);
        Assert.Equal(0x03, chip.Peek(0x09)); // still SpO2 mode, not reset
        Assert.Equal(10, chip.SamplesWritten - written); // sampling went on: 100 ms at 100 sps
        Assert.Equal(1, driver.LedCurrentChanges);
        Assert.Equal(0, driver.Health.Recoveries);
    }

    [Fact]
    public void Samples_after_the_change_carry_the_new_current_and_the_straddling_drain_is_flagged()
    {
        var (driver, _) = Start();
        _clock.Advance(50_000);
        Assert.Equal(5, driver.Drain());
        // 7 mA: IR 900 nA/mA x 7 = 6300 nA of 16384 nA full scale x 2^18 = 100800; red 550 x 7 = 3850 nA -> 61600.
        Assert.Equal(100800, driver.Ir[4]);
        Assert.Equal(61600, driver.Red[4]);
        Assert.Equal(DrainFlags.None, driver.LastDrainFlags);

        Assert.True(driver.SetLedCurrents(0f, 2.8f));
        _clock.Advance(50_000);
        Assert.Equal(5, driver.Drain());

        Assert.Equal(DrainFlags.LedCurrentsChanged, driver.LastDrainFlags);
        // 2.8 mA: 2520 nA -> 40320 counts; red off -> 0.
        Assert.Equal(40320, driver.Ir[4]);
        Assert.Equal(0, driver.Red[4]);

        _clock.Advance(50_000);
        driver.Drain();
        Assert.Equal(DrainFlags.None, driver.LastDrainFlags); // flagged once only
    }

    [Theory]
    [InlineData(51.2f, 7f, "red LED current 51.2 mA is outside 0..51 mA")]
    [InlineData(7f, -0.2f, "IR LED current -0.2 mA is outside 0..51 mA")]
    [InlineData(float.NaN, 7f, "red LED current NaN mA is outside 0..51 mA")]
    public void Currents_outside_the_datasheet_range_are_refused_and_change_nothing(float red, float ir, string message)
    {
        var (driver, chip) = Start();

        var error = Assert.Throws<ArgumentException>(() => driver.SetLedCurrents(red, ir));

        Assert.StartsWith(message, error.Message);
        Assert.Equal(0x23, chip.Peek(0x0C)); // 7 mA from start-up
        Assert.Equal(0x23, chip.Peek(0x0D));
        Assert.Equal(0x23, driver.IrPulseAmplitude);
    }

    [Fact]
    public void Heart_rate_mode_refuses_an_ir_current()
    {
        var (driver, chip) = Start(settings: new Max3010xSettings { Mode = LedMode.HeartRate });

        var error = Assert.Throws<ArgumentException>(() => driver.SetLedCurrents(5f, 3f));
        Assert.Contains("heart-rate mode", error.Message);

        Assert.True(driver.SetLedCurrents(5f, 0f));
        Assert.Equal(0x19, chip.Peek(0x0C));
        Assert.Equal(0x00, chip.Peek(0x0D));
    }

    [Fact]
    public void Before_start_the_currents_are_kept_and_start_up_programs_them()
    {
        var chip = new Max30102Model(_clock, new SteadySkin());
        var driver = new Max30102(chip, _clock, new Max3010xSettings());

        Assert.False(driver.SetLedCurrents(0f, 2.8f));
        Assert.True(driver.Start());

        Assert.Equal(0x00, chip.Peek(0x0C));
        Assert.Equal(0x0E, chip.Peek(0x0D));
    }

    [Fact]
    public void A_stuck_bus_fails_the_change_counts_every_attempt_and_the_recovery_programs_the_new_currents()
    {
        var chip = new Max30102Model(_clock, new SteadySkin());
        var bus = new FaultInjectingBus(chip, _clock, seed: 1);
        var (driver, _) = Start(bus, chip);
        int errorsBefore = driver.Health.TransferErrors;

        bus.StickFor(10_000);
        Assert.False(driver.SetLedCurrents(0f, 2.8f));
        Assert.Equal(errorsBefore + 3, driver.Health.TransferErrors); // MaxTransferAttempts = 3
        Assert.True(driver.IsRunning); // 3 failures in a row: below FailuresBeforeReinit (6)
        Assert.Equal(HealthState.Degraded, driver.Health.State);
        Assert.Equal(0x23, chip.Peek(0x0D));

        Assert.False(driver.SetLedCurrents(0f, 2.8f));
        Assert.False(driver.IsRunning); // 6 in a row: the driver re-initialises the chip
        Assert.Equal(Max3010xError.BusFailure, driver.LastError);

        _clock.Advance(20_000); // the bus is free again
        for (int i = 0; i < 5 && !driver.IsRunning; i++)
        {
            driver.Drain();
            _clock.Advance(2_000);
        }

        Assert.True(driver.IsRunning);
        Assert.Equal(1, driver.Health.Recoveries);
        Assert.Equal(0x00, chip.Peek(0x0C));
        Assert.Equal(0x0E, chip.Peek(0x0D));
    }

    [Fact]
    public void A_current_that_reads_back_differently_names_the_register_and_re_initialises()
    {
        var chip = new Max30102Model(_clock, new SteadySkin());
        var bus = new CorruptsLed2Readback(chip);
        var (driver, _) = Start(bus, chip);
        bus.Corrupt = true;

        Assert.False(driver.SetLedCurrents(0f, 2.8f));

        Assert.Equal(Max3010xError.ConfigurationMismatch, driver.LastError);
        Assert.Equal(Register.Led2Pa, driver.MismatchRegister);
        Assert.Equal("MAX30102 register 0x0D read back 0x0F after writing 0x0E", driver.DescribeLastError());
        Assert.False(driver.IsRunning);
        Assert.Equal(1, driver.ConfigurationLosses);
    }

    [Fact]
    public void Changing_the_currents_allocates_nothing()
    {
        static (Max30102 Driver, VirtualClock Clock) Build()
        {
            var fixture = new Max30102LedCurrentTests(); // each copy on its own clock
            var (driver, _) = fixture.Start();
            driver.SetLedCurrents(0f, 2.8f);
            return (driver, fixture._clock);
        }

        long allocated = Allocation.Of(Build, s =>
        {
            for (int i = 0; i < 2000; i++)
            {
                s.Driver.SetLedCurrents((i & 1) == 0 ? 7f : 0f, (i & 1) == 0 ? 7f : 2.8f);
                s.Clock.Advance(40_000);
                s.Driver.Drain();
            }
        }, out var measured);

        Assert.Equal(0, allocated);
        Assert.Equal(2001, measured.Driver.LedCurrentChanges);
    }
}
