using WearableFirmware.Alarms;
using WearableFirmware.SimulatedBoard.Storage;
using WearableFirmware.Storage;
using Xunit;

namespace WearableFirmware.Tests.Alarms;

/// <summary>
/// The alarms' state on the settings flash: what is kept (running and latched physiological alarms), what is not
/// (pauses, technical alarms), when it is written, and a power cut at any byte of a write.
/// </summary>
public class AlarmStateStoreTests
{
    private static readonly byte[] Limits = [90, 85, 10, 120, 140, 50, 40, 10];

    private sealed class Rig
    {
        public Rig(SimulatedFlash flash)
        {
            Sink = new RecordingAlarmSink();
            System = new AlarmSystem(Sink);
            Evaluator = new AlarmEvaluator(System, new AlarmSettings());
            State = new AlarmStateStore(new SettingsStore(flash, AlarmStateStore.FirstSegment, AlarmStateStore.EncodedLength));
        }

        public RecordingAlarmSink Sink { get; }

        public AlarmSystem System { get; }

        public AlarmEvaluator Evaluator { get; }

        public AlarmStateStore State { get; }

        public void Report(long now, AlarmCondition condition, AlarmPriority priority)
        {
            System.Report(now, condition, priority, 80f, 85f, 10);
            State.Keep(System);
        }
    }

    private static SimulatedFlash NewFlash() => new(4, 128);

    [Fact]
    public void Running_and_latched_physiological_alarms_come_back_technical_ones_and_pauses_do_not()
    {
        var flash = NewFlash();
        var before = new Rig(flash);
        before.Report(1 * Us.Second, AlarmCondition.SpO2Low, AlarmPriority.High);
        before.Report(2 * Us.Second, AlarmCondition.SpO2Low, AlarmPriority.None);      // latched
        before.Report(3 * Us.Second, AlarmCondition.PulseRateHigh, AlarmPriority.Medium); // running
        before.Report(4 * Us.Second, AlarmCondition.BatteryLow, AlarmPriority.Low);      // technical
        Assert.Equal(3, before.State.Saves); // SpO2 high, its latch, pulse high: not the technical alarm
        Assert.True(before.System.OnSilencePress(5 * Us.Second));                        // clears SpO2, pauses pulse, acknowledges battery
        before.State.Keep(before.System);
        Assert.Equal(4, before.State.Saves); // the cleared latch; the pause and the acknowledgement add nothing

        var after = new Rig(flash);
        // The press cleared the latched SpO2 alarm: only the running pulse alarm comes back, unpaused.
        Assert.Equal(1, after.State.Restore(7 * Us.Second, after.System, after.Evaluator));
        Assert.Equal(AlarmConditions.Bit(AlarmCondition.PulseRateHigh), after.System.ActiveMask);
        Assert.Equal(0, after.System.LatchedMask);
        Assert.Equal(0, after.System.PausedMask);
        Assert.Equal(AlarmPriority.Medium, after.System.SoundingPriority);
        var restored = Assert.Single(after.Sink.Events);
        Assert.Equal((AlarmEventKind.Restored, AlarmCondition.PulseRateHigh, AlarmPriority.Medium, false, 7 * Us.Second),
            (restored.Kind, restored.Condition, restored.Priority, restored.Latched, restored.AtMicroseconds));
        after.State.Keep(after.System);
        Assert.Equal(0, after.State.Saves); // what came back is what the flash holds
    }

    [Fact]
    public void A_restored_running_alarm_ends_only_on_a_valid_reading_back_inside_its_limit()
    {
        var flash = NewFlash();
        var before = new Rig(flash);
        before.Report(Us.Second, AlarmCondition.SpO2Low, AlarmPriority.High);

        var after = new Rig(flash);
        after.State.Restore(0, after.System, after.Evaluator);
        var inputs = new AlarmInputs();
        for (int s = 1; s <= 60; s++)
        {
            after.Evaluator.Evaluate(s * Us.Second, inputs); // the start-up transient: no valid reading
        }

        Assert.True(after.System.IsActive(AlarmCondition.SpO2Low));
        inputs.SpO2Valid = true;
        inputs.SpO2Percent = 89f; // above the high limit, still below the medium one: the episode goes on at high
        after.Evaluator.Evaluate(61 * Us.Second, inputs);
        Assert.True(after.System.IsActive(AlarmCondition.SpO2Low));
        Assert.Equal(AlarmPriority.High, after.System.PriorityOf(AlarmCondition.SpO2Low));
        inputs.SpO2Percent = 95f;
        after.Evaluator.Evaluate(62 * Us.Second, inputs);
        Assert.Equal(AlarmConditions.Bit(AlarmCondition.SpO2Low), after.System.LatchedMask);
        Assert.Equal(62, after.Sink.Events.Single(e => e.Kind == AlarmEventKind.Ended).DurationSeconds); // counted from the restart
    }

    [Fact]
    public void Nothing_saved_restores_nothing()
    {
        var rig = new Rig(NewFlash());
        Assert.Equal(0, rig.State.Restore(0, rig.System, rig.Evaluator));
        Assert.Empty(rig.Sink.Events);
    }

    [Fact]
    public void A_power_cut_at_any_byte_of_a_write_leaves_the_previous_state_or_the_new_one_and_the_limits_intact()
    {
        // One write: the erase of the other segment (128 bytes) and the copy (6-byte header, payload, 4-byte CRC).
        int writeBytes = 128 + 6 + AlarmStateStore.EncodedLength + 4;
        int previousSeen = 0;
        int newSeen = 0;
        for (int budget = 0; budget <= writeBytes; budget++)
        {
            var flash = NewFlash();
            Assert.True(new SettingsStore(flash, Limits.Length).Save(Limits, 0, Limits.Length));
            var before = new Rig(flash);
            before.Report(Us.Second, AlarmCondition.SpO2Low, AlarmPriority.High);
            before.Report(2 * Us.Second, AlarmCondition.PulseRateLow, AlarmPriority.Medium);
            flash.CutPowerAfter(budget);
            try
            {
                before.Report(3 * Us.Second, AlarmCondition.SpO2Low, AlarmPriority.None); // latches
            }
            catch (SimulatedPowerLossException)
            {
            }

            flash.PowerOn();
            var after = new Rig(flash);
            Assert.Equal(2, after.State.Restore(0, after.System, after.Evaluator));
            Assert.Equal(AlarmPriority.High, after.System.PriorityOf(AlarmCondition.SpO2Low));
            Assert.Equal(AlarmPriority.Medium, after.System.PriorityOf(AlarmCondition.PulseRateLow));
            Assert.True(after.System.IsActive(AlarmCondition.PulseRateLow), "budget " + budget);
            if (after.System.LatchedMask == AlarmConditions.Bit(AlarmCondition.SpO2Low))
            {
                newSeen++;
            }
            else
            {
                Assert.Equal(AlarmConditions.Bit(AlarmCondition.SpO2Low) | AlarmConditions.Bit(AlarmCondition.PulseRateLow), after.System.ActiveMask);
                previousSeen++;
            }

            var limits = new byte[Limits.Length];
            Assert.Equal(Limits.Length, new SettingsStore(flash, Limits.Length).Load(limits, 0));
            Assert.Equal(Limits, limits);
        }

        Assert.True(previousSeen > 0 && newSeen > 0);
    }

    [Fact]
    public void A_failed_write_keeps_the_previous_copy_and_the_next_change_writes_again()
    {
        var flash = NewFlash();
        var rig = new Rig(flash);
        rig.Report(Us.Second, AlarmCondition.SpO2Low, AlarmPriority.Medium);
        flash.FailNextWrites(1);
        rig.Report(2 * Us.Second, AlarmCondition.SpO2Low, AlarmPriority.High);
        Assert.Equal(1, rig.State.SaveFailures);
        Assert.Equal(1, rig.State.Saves);
        rig.Report(3 * Us.Second, AlarmCondition.SpO2Low, AlarmPriority.None);
        Assert.Equal(2, rig.State.Saves);

        var after = new Rig(flash);
        after.State.Restore(0, after.System, after.Evaluator);
        Assert.Equal(AlarmConditions.Bit(AlarmCondition.SpO2Low), after.System.LatchedMask);
    }

    [Fact]
    public void Only_a_running_physiological_alarm_or_a_latching_one_can_be_restored()
    {
        var system = new AlarmSystem(new RecordingAlarmSink());
        Assert.Throws<ArgumentException>(() => system.Restore(0, AlarmCondition.BatteryLow, AlarmPriority.Low, false));
        Assert.Throws<ArgumentException>(() => system.Restore(0, AlarmCondition.SpO2Low, AlarmPriority.Medium, true));
        Assert.Throws<ArgumentException>(() => system.Restore(0, AlarmCondition.SpO2Low, AlarmPriority.None, false));
    }
}
