using WearableFirmware.Alarms;
using WearableFirmware.Application;
using WearableFirmware.SimulatedBoard;
using Xunit;

namespace WearableFirmware.Tests.Alarms;

/// <summary>
/// The alarms across a restart of the simulated board (watchdog, brown-out): a latched alarm comes back latched and
/// signalling, a running one continues at its priority without a new delay, a pause ends with the restart, and the
/// state is written only when it changes.
/// </summary>
public class AlarmRestartTests
{
    private const long Second = 1_000_000;

    /// <summary>The same board booted again over its flash, settings flash and keys, the wearer now doing <paramref name="scenario"/>.</summary>
    private static SimulatedWearable Reboot(SimulatedWearable board, WearerScenario scenario)
    {
        var rebooted = new SimulatedWearable(scenario, flash: board.Flash, keys: board.Keys, settingsFlash: board.SettingsFlash);
        Assert.True(rebooted.Boot());
        return rebooted;
    }

    private static int StateSegmentErases(SimulatedWearable board) =>
        board.SettingsFlash.EraseCounts[AlarmStateStore.FirstSegment] + board.SettingsFlash.EraseCounts[AlarmStateStore.FirstSegment + 1];

    [Fact]
    public void A_latched_high_alarm_comes_back_latched_and_signalling_until_the_press()
    {
        var board = new SimulatedWearable(WearerScenario.Desaturation(seed: 1));
        Assert.True(board.Boot());
        board.RunUntil(150); // SpO2 back at 136 s: latched; the press would come at 165 s
        Assert.Equal(AlarmConditions.Bit(AlarmCondition.SpO2Low), board.App.Alarms.LatchedMask);

        var rebooted = Reboot(board, new WearerScenario(seed: 1).Sit(60));
        rebooted.RunTicks(1);
        Assert.Equal(AlarmSignal.High, rebooted.Alarm.Signal);
        Assert.Equal(AlarmPriority.High, rebooted.App.Alarms.PriorityOf(AlarmCondition.SpO2Low));
        Assert.Equal(AlarmConditions.Bit(AlarmCondition.SpO2Low), rebooted.App.Alarms.LatchedMask);
        var restored = Assert.Single(rebooted.AlarmLog.Events);
        Assert.Equal((AlarmEventKind.Restored, AlarmCondition.SpO2Low, AlarmPriority.High, true),
            (restored.Kind, restored.Condition, restored.Priority, restored.Latched));

        // Normal readings do not clear it: only the wearer does.
        rebooted.RunUntil(40);
        Assert.Equal(AlarmSignal.High, rebooted.Alarm.Signal);
        Assert.Single(rebooted.AlarmLog.Events);
        rebooted.Button.PressAt(40.5, ButtonPress.Short);
        rebooted.RunUntil(41);
        Assert.Equal(AlarmPriority.None, rebooted.App.Alarms.HighestPriority);
        Assert.Equal(AlarmEventKind.Acknowledged, rebooted.AlarmLog.Events[^1].Kind);
        Assert.Equal(2, rebooted.App.AlarmBridge.EventsStored); // restored and acknowledged, in the record store

        // Acknowledged is kept too: the next restart brings nothing back.
        var again = Reboot(rebooted, new WearerScenario(seed: 1).Sit(10));
        again.RunTicks(1);
        Assert.Empty(again.AlarmLog.Events);
        Assert.False(again.Alarm.Sounding);
    }

    [Fact]
    public void A_running_high_alarm_sounds_from_the_first_tick_and_continues_its_episode()
    {
        var board = new SimulatedWearable(WearerScenario.Desaturation(seed: 1));
        Assert.True(board.Boot());
        board.RunUntil(80); // high since 59 s, SpO2 still near 80 %
        Assert.True(board.App.Alarms.IsActive(AlarmCondition.SpO2Low));
        Assert.Equal(AlarmPriority.High, board.App.Alarms.PriorityOf(AlarmCondition.SpO2Low));

        var rebooted = Reboot(board, new WearerScenario(seed: 1).Desaturate(40, 80).Sit(60, 70, 97.5f));
        rebooted.RunTicks(1);
        Assert.Equal(AlarmSignal.High, rebooted.Alarm.Signal);
        Assert.True(rebooted.App.Alarms.IsActive(AlarmCondition.SpO2Low));
        var restored = Assert.Single(rebooted.AlarmLog.Events);
        Assert.Equal((AlarmEventKind.Restored, AlarmPriority.High, false), (restored.Kind, restored.Priority, restored.Latched));

        // Through the start-up transient and the rest of the desaturation it neither ends nor starts again.
        rebooted.RunUntil(40);
        Assert.Equal(AlarmSignal.High, rebooted.Alarm.Signal);
        Assert.Single(rebooted.AlarmLog.Events);

        // It ends on the first reading back inside, and latches as any high alarm does.
        rebooted.RunUntil(100);
        var ended = Assert.Single(rebooted.AlarmLog.Of(AlarmCondition.SpO2Low, AlarmEventKind.Ended));
        Assert.True(ended.Latched);
        Assert.Empty(rebooted.AlarmLog.Of(AlarmCondition.SpO2Low, AlarmEventKind.Started));
        Assert.Equal(AlarmSignal.High, rebooted.Alarm.Signal);
    }

    [Fact]
    public void A_pause_is_not_extended_by_a_restart_the_alarm_sounds_at_once()
    {
        var board = new SimulatedWearable(new WearerScenario(seed: 5).Sit(20).Desaturate(200, 87));
        Assert.True(board.Boot());
        board.RunUntil(60);
        board.Button.PressAt(60.5, ButtonPress.Short);
        board.RunUntil(90);
        Assert.Equal(AlarmSignal.Off, board.Alarm.Signal); // paused until 180.5 s
        Assert.NotEqual(0, board.App.Alarms.PausedMask);
        int erases = StateSegmentErases(board);

        var rebooted = Reboot(board, new WearerScenario(seed: 5).Desaturate(100, 87));
        rebooted.RunTicks(1);
        Assert.Equal(AlarmSignal.Medium, rebooted.Alarm.Signal);
        Assert.Equal(0, rebooted.App.Alarms.PausedMask);
        Assert.False(rebooted.App.Alarms.AudioPaused);
        Assert.Equal(1, erases); // the start only: the pause wrote nothing
    }

    [Fact]
    public void The_state_is_written_once_per_change_four_times_for_a_whole_desaturation_and_never_in_the_default_run()
    {
        var board = new SimulatedWearable(WearerScenario.Desaturation(seed: 1));
        Assert.True(board.Boot());
        board.RunUntil(180);
        // started (medium), escalated (high), ended (latched), acknowledged
        Assert.Equal(4, board.App.AlarmState.Saves);
        Assert.Equal(4, StateSegmentErases(board));
        Assert.Equal(0, board.SettingsFlash.EraseCounts[0] + board.SettingsFlash.EraseCounts[1]); // the limits are untouched

        var tachycardia = new SimulatedWearable(WearerScenario.TachycardiaAtRest(seed: 1));
        Assert.True(tachycardia.Boot());
        tachycardia.RunUntil(160);
        Assert.Single(tachycardia.AlarmLog.Events, e => e.Kind == AlarmEventKind.Paused);
        Assert.Equal(4, tachycardia.App.AlarmState.Saves); // the pause is not among them

        var rest = new SimulatedWearable(WearerScenario.RestWalkSit(seed: 1));
        Assert.True(rest.Boot());
        rest.RunUntil(120);
        Assert.Equal(0, rest.App.AlarmState.Saves);
        Assert.Equal(new int[SimulatedWearable.SettingsSegments], rest.SettingsFlash.EraseCounts);
    }
}
