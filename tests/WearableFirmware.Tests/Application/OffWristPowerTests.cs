using WearableFirmware.Application;
using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.Vitals;
using Xunit;
using Xunit.Abstractions;

namespace WearableFirmware.Tests.Application;

/// <summary>
/// The off-wrist power policy on the simulated board: band worn 20 s, off 60 s, worn again 40 s. LED currents are
/// read from the MAX30102 model's registers (LED1_PA 0x0C, LED2_PA 0x0D; 0.2 mA per LSB).
/// </summary>
public class OffWristPowerTests(ITestOutputHelper output)
{
    private const double OffAt = 20;
    private const double BackOnAt = 80;
    private const float HeartRate = 64;
    private const byte WornCode = 0x23;  // 7 mA, the shipped drive
    private const byte OffWristIrCode = 0x0E; // 2.8 mA

    private static WearerScenario BandOffForAMinute() =>
        new WearerScenario(seed: 11).Sit(OffAt, HeartRate).OffWrist(BackOnAt - OffAt).Sit(40, HeartRate);

    /// <summary>Everything the test judges, one entry per loop tick.</summary>
    private sealed class Trace
    {
        public double? FirstHeartRateAfterBoot;
        public double? FirstHeartRateAfterReturn;
        public double? LedsDownAt;
        public double? LedsRestoredAt;
        public double? ContactAfterReturn;
        public int FalseContactTicks;
        public int ValidHeartRateWhileOff;
        public double WorstHeartRateError;
        public double WorstSpO2Error;
    }

    private static Trace RunScenario(SimulatedWearable board)
    {
        var trace = new Trace();
        while (board.Clock.NowMicroseconds < 120_000_000)
        {
            board.RunTicks(1);
            double t = board.Clock.NowMicroseconds / 1e6;
            VitalsReading reading = board.App.Vitals.Reading;
            byte led2 = board.PpgChip.Peek(0x0D);
            if (t < OffAt && reading.HeartRateValid)
            {
                trace.FirstHeartRateAfterBoot ??= t;
            }

            if (t > OffAt + 0.2 && t < BackOnAt)
            {
                trace.FalseContactTicks += reading.Contact == SensorContact.Contact ? 1 : 0;
                trace.ValidHeartRateWhileOff += reading.HeartRateValid || reading.SpO2Valid ? 1 : 0;
            }

            if (t > OffAt && led2 == OffWristIrCode)
            {
                trace.LedsDownAt ??= t;
            }

            if (t > BackOnAt)
            {
                // The truth moves too: the scenario's heart rate drifted to 70 bpm while off and relaxes back to 64.
                var truth = WearerScenario.TruthOf(board.PpgSignal)!.Value;
                if (reading.Contact == SensorContact.Contact)
                {
                    trace.ContactAfterReturn ??= t;
                }

                if (led2 == WornCode)
                {
                    trace.LedsRestoredAt ??= t;
                }

                if (reading.HeartRateValid)
                {
                    trace.FirstHeartRateAfterReturn ??= t;
                    trace.WorstHeartRateError = Math.Max(trace.WorstHeartRateError, Math.Abs(reading.HeartRateBpm - truth.HeartRate));
                }

                if (reading.SpO2Valid)
                {
                    trace.WorstSpO2Error = Math.Max(trace.WorstSpO2Error, Math.Abs(reading.SpO2Percent - truth.SpO2));
                }
            }
        }

        return trace;
    }

    [Fact]
    public void Band_off_for_a_minute_turns_the_leds_down_after_30_s_and_back_up_on_return()
    {
        var board = new SimulatedWearable(BandOffForAMinute());
        Assert.True(board.Boot());
        Assert.Equal(WornCode, board.PpgChip.Peek(0x0C));
        Assert.Equal(WornCode, board.PpgChip.Peek(0x0D));

        Trace trace = RunScenario(board);
        OffWristPowerPolicy policy = board.App.OffWristPower;
        output.WriteLine("HR after boot " + trace.FirstHeartRateAfterBoot + " s; LEDs down " + trace.LedsDownAt + " s; contact back "
            + trace.ContactAfterReturn + " s; LEDs restored " + trace.LedsRestoredAt + " s; HR again " + trace.FirstHeartRateAfterReturn
            + " s; worst HR error " + trace.WorstHeartRateError + " bpm, SpO2 " + trace.WorstSpO2Error + " %; reduced "
            + policy.ReducedMicroseconds / 1e6 + " s");

        // Contact goes within 0.1 s of lifting; the policy, polling once a second, acts 30 s after the last contact it saw.
        Assert.NotNull(trace.LedsDownAt);
        Assert.InRange(trace.LedsDownAt!.Value, OffAt + 30, OffAt + 31.2);
        Assert.Equal(0, trace.FalseContactTicks);
        Assert.Equal(0, trace.ValidHeartRateWhileOff);

        // Back on: the 2.8 mA IR still sees skin (0.25 s debounce), the next 1 s policy run restores 7 mA.
        Assert.NotNull(trace.ContactAfterReturn);
        Assert.InRange(trace.ContactAfterReturn!.Value, BackOnAt, BackOnAt + 0.35);
        Assert.NotNull(trace.LedsRestoredAt);
        Assert.InRange(trace.LedsRestoredAt!.Value, trace.ContactAfterReturn.Value, trace.ContactAfterReturn.Value + 1.05);

        // Heart rate returns no later than at boot plus the restore delay and the new contact debounce.
        Assert.NotNull(trace.FirstHeartRateAfterBoot);
        Assert.NotNull(trace.FirstHeartRateAfterReturn);
        double bootAcquisition = trace.FirstHeartRateAfterBoot!.Value;
        double returnAcquisition = trace.FirstHeartRateAfterReturn!.Value - BackOnAt;
        Assert.True(returnAcquisition <= bootAcquisition + 1.35, "HR " + returnAcquisition + " s after return, " + bootAcquisition + " s after boot");
        // No reading mixed the two drive levels: after the return the readings are as close to the truth as those of
        // the same wearer with the policy off (the LEDs never changed; only contact restarted the pipeline). A
        // reading spanning the current step would show as a false beat, tens of bpm off.
        var control = new ApplicationSettings();
        control.OffWrist.Enabled = false;
        var controlBoard = new SimulatedWearable(BandOffForAMinute(), control);
        Assert.True(controlBoard.Boot());
        Trace unswitched = RunScenario(controlBoard);
        output.WriteLine("policy off: HR again " + unswitched.FirstHeartRateAfterReturn + " s; worst HR error "
            + unswitched.WorstHeartRateError + " bpm, SpO2 " + unswitched.WorstSpO2Error + " %");
        Assert.InRange(trace.WorstHeartRateError, 0, Math.Max(unswitched.WorstHeartRateError, 3) + 1.5);
        Assert.InRange(trace.WorstSpO2Error, 0, Math.Max(unswitched.WorstSpO2Error, 1) + 1);

        Assert.Equal(1, policy.Reductions);
        Assert.Equal(1, policy.Restorations);
        Assert.Equal(0, policy.FailedChanges);
        Assert.False(policy.Reduced);
        // From 30 s after the last contact (~50 s) to the first policy run after contact returns (80.25 s + up to 1 s).
        Assert.InRange(policy.ReducedMicroseconds / 1e6, 30, 31.4);
        Assert.Equal(WornCode, board.PpgChip.Peek(0x0C));
        Assert.Equal(2, board.App.PpgProcessingStage.Restarts); // one restart per LED change
        Assert.Equal(0, board.App.Loop.Statistics.TaskFaults);
    }

    [Fact]
    public void The_off_wrist_leds_allocate_nothing_per_tick_across_both_switches()
    {
        static SimulatedWearable Build()
        {
            var board = new SimulatedWearable(BandOffForAMinute());
            Assert.True(board.Boot());
            board.RunUntil(10);
            return board;
        }

        // through the reduction (~50 s) and the restoration (~80 s)
        long allocated = Allocation.Of(Build, b => b.RunUntil(100), out SimulatedWearable board);

        Assert.Equal(0, allocated);
        Assert.Equal(1, board.App.OffWristPower.Reductions);
        Assert.Equal(1, board.App.OffWristPower.Restorations);
    }

    [Fact]
    public void A_restore_that_fails_on_a_stuck_bus_is_retried_and_no_reading_uses_the_off_wrist_drive()
    {
        var board = new SimulatedWearable(BandOffForAMinute());
        Assert.True(board.Boot());
        board.RunUntil(80.9);
        Assert.True(board.App.OffWristPower.Reduced);

        board.PpgBus.StickFor(150_000); // the bus hangs over the policy run at 81.0 s that would restore 7 mA
        Trace trace = RunScenario(board);

        OffWristPowerPolicy policy = board.App.OffWristPower;
        Assert.True(policy.FailedChanges >= 1);
        Assert.Equal(1, policy.Restorations);
        Assert.False(policy.Reduced);
        Assert.Equal(WornCode, board.PpgChip.Peek(0x0C));
        Assert.Equal(WornCode, board.PpgChip.Peek(0x0D));
        Assert.NotNull(trace.LedsRestoredAt);
        Assert.InRange(trace.LedsRestoredAt!.Value, 81, 82.1);
        Assert.NotNull(trace.FirstHeartRateAfterReturn);
        Assert.InRange(trace.WorstHeartRateError, 0, 5);
        Assert.InRange(trace.WorstSpO2Error, 0, 2);
    }

    [Fact]
    public void Disabled_policy_keeps_the_worn_currents_while_off()
    {
        var settings = new ApplicationSettings();
        settings.OffWrist.Enabled = false;
        var board = new SimulatedWearable(BandOffForAMinute(), settings);
        Assert.True(board.Boot());

        board.RunUntil(75);

        Assert.Equal(WornCode, board.PpgChip.Peek(0x0C));
        Assert.Equal(WornCode, board.PpgChip.Peek(0x0D));
        Assert.Equal(0, board.App.OffWristPower.Reductions);
    }

    [Theory]
    [InlineData(2.6f, 0f, 30, "gives skin returning 225 nA/mA only 9360 counts, below the contact threshold of 10000")]
    [InlineData(8f, 0f, 30, "must be above 0 and at most the worn current 7.0 mA")]
    [InlineData(2.8f, 7.2f, 30, "red LED current 7.2 mA must be between 0 and the worn current 7.0 mA")]
    [InlineData(2.8f, 0f, 0, "delay 0 s must be at least 1 s")]
    public void Off_wrist_settings_that_would_miss_re_contact_are_refused(float ir, float red, int delay, string message)
    {
        var settings = new ApplicationSettings();
        settings.OffWrist.IrCurrentMilliamps = ir;
        settings.OffWrist.RedCurrentMilliamps = red;
        settings.OffWrist.NoContactSeconds = delay;

        var error = Assert.Throws<ArgumentException>(() => new SimulatedWearable(BandOffForAMinute(), settings));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_shipped_off_wrist_current_separates_skin_from_air_on_the_chip_model()
    {
        // Hand computation at 16384 nA full scale, 18 bits (16 counts per nA), IR at 2.8 mA:
        // skin 900 nA/mA -> 2520 nA -> 40320 counts; air leaks 2 % -> 50.4 nA -> 806 counts; threshold 10000.
        var settings = new ApplicationSettings();
        Assert.Equal(10000, settings.Vitals.ContactThresholdCounts);
        Assert.Equal(OffWristIrCode, Max3010xSettings.LedCurrentCode(settings.OffWrist.IrCurrentMilliamps));

        var board = new SimulatedWearable(BandOffForAMinute());
        Assert.True(board.Boot());
        Assert.True(board.App.Ppg.SetLedCurrents(0f, 2.8f));
        board.RunUntil(10);
        int skin = board.App.Ppg.Ir[0];
        board.RunUntil(60);
        int air = board.App.Ppg.Ir[0];

        Assert.InRange(skin, 40320 * 0.95, 40320 * 1.05); // pulse and breathing move it a few per cent
        Assert.InRange(air, 806 * 0.9, 806 * 1.1);
    }
}
