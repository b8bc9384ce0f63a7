using WearableFirmware.Alarms;
using WearableFirmware.Application;
using WearableFirmware.Falls;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Storage;
using WearableFirmware.Storage;
using WearableFirmware.Time;
using WearableFirmware.Vitals;
using Xunit;
using Xunit.Abstractions;

namespace WearableFirmware.Tests.Alarms;

/// <summary>
/// The alarm system in the assembled firmware on the simulated board: each condition's onset and end judged to the
/// loop tick against the published readings and the configured delay, the stated total delay against the simulated
/// truth, the pause and the fall alarm's precedence through the real button path, and no alarm where none belongs.
/// </summary>
public class AlarmPathTests(ITestOutputHelper output)
{
    private const long Second = 1_000_000;

    /// <summary>Runs tick by tick to <paramref name="seconds"/>, keeping every once-a-second evaluation's time and reading.</summary>
    private static List<(long T, VitalsReading Reading)> RunRecording(SimulatedWearable board, double seconds)
    {
        var evaluations = new List<(long, VitalsReading)>();
        int seen = board.App.AlarmMonitor.Evaluations;
        while (board.Clock.NowMicroseconds < (long)(seconds * Second))
        {
            board.RunTicks(1);
            if (board.App.AlarmMonitor.Evaluations != seen)
            {
                seen = board.App.AlarmMonitor.Evaluations;
                // The evaluation ran in this tick, on the reading the vitals publisher sent in the same tick.
                evaluations.Add((board.Clock.NowMicroseconds, board.App.VitalsPublisher.LastReading));
            }
        }

        return evaluations;
    }

    /// <summary>Time of the evaluation that completes <paramref name="delaySeconds"/> of consecutive readings meeting the predicate.</summary>
    private static long ExpectedOnset(List<(long T, VitalsReading Reading)> evaluations, Func<VitalsReading, bool> beyond, int delaySeconds, long after = 0)
    {
        for (int k = 0; k < evaluations.Count; k++)
        {
            if (evaluations[k].T < after || !beyond(evaluations[k].Reading))
            {
                continue;
            }

            int j = k;
            while (j + 1 < evaluations.Count && beyond(evaluations[j + 1].Reading) && evaluations[j + 1].T - evaluations[k].T <= delaySeconds * Second)
            {
                j++;
            }

            if (evaluations[j].T - evaluations[k].T == delaySeconds * Second)
            {
                return evaluations[j].T;
            }
        }

        return -1;
    }

    private static AlarmEvent Single(SimulatedWearable board, AlarmCondition condition, AlarmEventKind kind) =>
        Assert.Single(board.AlarmLog.Of(condition, kind));

    [Fact]
    public void Desaturation_raises_medium_then_high_exactly_one_delay_after_the_readings_cross_and_ends_on_the_first_reading_back()
    {
        var board = new SimulatedWearable(WearerScenario.Desaturation(seed: 1));
        Assert.True(board.Boot());
        var evaluations = RunRecording(board, 170);

        long medium = ExpectedOnset(evaluations, r => r.SpO2Valid && r.SpO2Percent < 90, 10);
        long high = ExpectedOnset(evaluations, r => r.SpO2Valid && r.SpO2Percent < 85, 10);
        Assert.True(medium > 0 && high > medium);
        Assert.Equal(medium, Single(board, AlarmCondition.SpO2Low, AlarmEventKind.Started).AtMicroseconds);
        Assert.Equal(AlarmPriority.Medium, Single(board, AlarmCondition.SpO2Low, AlarmEventKind.Started).Priority);
        Assert.Equal(high, Single(board, AlarmCondition.SpO2Low, AlarmEventKind.Escalated).AtMicroseconds);

        long end = evaluations.First(e => e.T > high && e.Reading.SpO2Valid && e.Reading.SpO2Percent >= 91).T;
        var ended = Single(board, AlarmCondition.SpO2Low, AlarmEventKind.Ended);
        Assert.Equal(end, ended.AtMicroseconds);
        Assert.True(ended.Latched);
        // Latched: still signalling until the wearer's press at 165 s acknowledges it.
        Assert.InRange(board.AlarmLog.Events.Single(e => e.Kind == AlarmEventKind.Acknowledged).AtMicroseconds, 165 * Second, 165 * Second + 40_000);
        Assert.Equal(AlarmPriority.None, board.App.Alarms.HighestPriority);
        Assert.Equal(4, board.App.AlarmBridge.EventsStored);
        output.WriteLine($"medium {medium / 1e6:F2} s, high {high / 1e6:F2} s, ended {end / 1e6:F2} s");
    }

    [Fact]
    public void The_stated_delay_holds_against_the_truth_desaturation_and_tachycardia()
    {
        // Truth crossings of the scenarios' first-order physiology (time constants 12 s for SpO2, 8 s for the rate).
        double spo2Below90 = 30 + 12 * Math.Log(17.5 / 10);
        double spo2Below85 = 30 + 12 * Math.Log(17.5 / 5);
        double rateAbove120 = 30 + 8 * Math.Log(65.0 / 15);
        double rateAbove140 = 85 + 8 * Math.Log(20.0 / 15);
        int spo2Stated = AlarmSettings.DefaultSpO2DelaySeconds + AlarmSettings.SpO2AveragingSeconds + AlarmSettings.PublicationSeconds;
        int rateStated = AlarmSettings.DefaultPulseDelaySeconds + AlarmSettings.PulseAveragingSeconds + AlarmSettings.PublicationSeconds;

        var desaturation = new SimulatedWearable(WearerScenario.Desaturation(seed: 2));
        desaturation.Boot();
        desaturation.RunUntil(120);
        var tachycardia = new SimulatedWearable(WearerScenario.TachycardiaAtRest(seed: 2));
        tachycardia.Boot();
        tachycardia.RunUntil(120);

        var checks = new (double? Alarm, double Truth, int Stated, string Name)[]
        {
            (desaturation.AlarmLog.FirstAt(AlarmCondition.SpO2Low, AlarmPriority.Medium), spo2Below90, spo2Stated, "SpO2 < 90"),
            (desaturation.AlarmLog.FirstAt(AlarmCondition.SpO2Low, AlarmPriority.High), spo2Below85, spo2Stated, "SpO2 < 85"),
            (tachycardia.AlarmLog.FirstAt(AlarmCondition.PulseRateHigh, AlarmPriority.Medium), rateAbove120, rateStated, "PR > 120"),
            (tachycardia.AlarmLog.FirstAt(AlarmCondition.PulseRateHigh, AlarmPriority.High), rateAbove140, rateStated, "PR > 140"),
        };
        foreach (var (alarm, truth, stated, name) in checks)
        {
            Assert.NotNull(alarm);
            output.WriteLine($"{name}: truth crossed at {truth:F1} s, alarm at {alarm:F2} s ({alarm - truth:F1} s, stated {stated} s)");
            // Never before the condition delay has passed on the truth, never after the stated total.
            Assert.InRange(alarm!.Value - truth, 10, stated);
        }
    }

    [Fact]
    public void Tachycardia_pause_silences_the_medium_alarm_but_not_its_escalation_and_the_latched_alarm_waits_for_the_press()
    {
        var board = new SimulatedWearable(WearerScenario.TachycardiaAtRest(seed: 1));
        Assert.True(board.Boot());
        var evaluations = RunRecording(board, 69.9);
        long medium = ExpectedOnset(evaluations, r => r.HeartRateValid && r.HeartRateBpm > 120, 10);
        Assert.Equal(medium, Single(board, AlarmCondition.PulseRateHigh, AlarmEventKind.Started).AtMicroseconds);
        Assert.Equal(AlarmSignal.Medium, board.Alarm.Signal);

        evaluations.AddRange(RunRecording(board, 70.05)); // the press at 70 s
        Assert.Equal(AlarmSignal.Off, board.Alarm.Signal);
        Assert.Equal(AlarmPriority.Medium, board.Alarm.Light); // the light keeps showing it
        var paused = board.AlarmLog.Events.Single(e => e.Kind == AlarmEventKind.Paused);
        Assert.Equal(AlarmSettings.AudioPauseSeconds, paused.DurationSeconds);

        evaluations.AddRange(RunRecording(board, 125));
        long high = ExpectedOnset(evaluations, r => r.HeartRateValid && r.HeartRateBpm > 140, 10);
        var escalated = Single(board, AlarmCondition.PulseRateHigh, AlarmEventKind.Escalated);
        Assert.Equal(high, escalated.AtMicroseconds);
        Assert.True(high - paused.AtMicroseconds < AlarmSettings.AudioPauseSeconds * Second, "escalated inside the pause");
        Assert.Equal(AlarmSignal.High, board.Alarm.Signal); // sounding through the pause
        Assert.Equal(0, board.App.Alarms.PausedMask);

        board.RunUntil(149.9);
        Assert.True(Single(board, AlarmCondition.PulseRateHigh, AlarmEventKind.Ended).Latched);
        Assert.Equal(AlarmSignal.High, board.Alarm.Signal);
        board.RunUntil(150.1);
        Assert.Equal(AlarmSignal.Off, board.Alarm.Signal);
        Assert.Equal(AlarmPriority.None, board.Alarm.Light);
    }

    [Fact]
    public void A_pause_lasts_its_length_to_the_tick_then_the_alarm_sounds_again()
    {
        var scenario = new WearerScenario(seed: 5).Sit(20).Desaturate(200, 87);
        var board = new SimulatedWearable(scenario);
        Assert.True(board.Boot());
        board.RunUntil(60);
        Assert.Equal(AlarmSignal.Medium, board.Alarm.Signal);
        board.Button.PressAt(60.5, ButtonPress.Short);
        board.RunUntil(60.6);
        Assert.Equal(AlarmSignal.Off, board.Alarm.Signal);
        long pressedAt = board.AlarmLog.Events.Single(e => e.Kind == AlarmEventKind.Paused).AtMicroseconds;

        long end = pressedAt + AlarmSettings.AudioPauseSeconds * Second;
        board.App.Run(end - 1);
        Assert.Equal(AlarmSignal.Off, board.Alarm.Signal);
        board.RunTicks(1); // the tick at the end of the pause
        Assert.Equal(AlarmSignal.Medium, board.Alarm.Signal);
        Assert.Equal(end, board.Clock.NowMicroseconds);
    }

    [Fact]
    public void The_sensor_falling_off_raises_sensor_off_exactly_10_s_after_contact_is_judged_lost()
    {
        var board = new SimulatedWearable(WearerScenario.SensorOff(seed: 1));
        Assert.True(board.Boot());
        var evaluations = RunRecording(board, 100);
        long onset = ExpectedOnset(evaluations, r => r.Contact == SensorContact.NoContact, AlarmSettings.SensorOffDelaySeconds);
        Assert.Equal(onset, Single(board, AlarmCondition.SensorOff, AlarmEventKind.Started).AtMicroseconds);
        Assert.InRange(onset / 1e6, 40 + 10, 40 + 10 + 1.2); // off at 40 s: contact judged lost within 0.1 s, judged once a second
        long back = evaluations.First(e => e.T > onset && e.Reading.Contact == SensorContact.Contact).T;
        Assert.Equal(back, Single(board, AlarmCondition.SensorOff, AlarmEventKind.Ended).AtMicroseconds);
        Assert.DoesNotContain(board.AlarmLog.Events, e => AlarmConditions.IsPhysiological(e.Condition));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_default_run_raises_no_alarm_at_all(int seed)
    {
        var board = new SimulatedWearable(WearerScenario.RestWalkSit(seed));
        Assert.True(board.Boot());
        board.RunUntil(board.Scenario.DurationSeconds);
        Assert.Empty(board.AlarmLog.Events);
        Assert.Empty(board.Alarm.Episodes);
        Assert.Equal(AlarmSignal.Off, board.Alarm.Signal);
    }

    [Fact]
    public void Off_the_wrist_from_power_on_then_worn_raises_nothing()
    {
        // On the table for two minutes (ambient light, the start-up transient of every stage), then put on.
        var board = new SimulatedWearable(new WearerScenario(seed: 7).OffWrist(120).Sit(60));
        Assert.True(board.Boot());
        board.RunUntil(180);
        Assert.Empty(board.AlarmLog.Events);
    }

    [Fact]
    public void A_short_press_during_the_fall_window_cancels_the_fall_not_the_alarm_and_the_alarm_sounds_again()
    {
        var board = new SimulatedWearable(new WearerScenario(seed: 5).Sit(20).Desaturate(100, 87));
        Assert.True(board.Boot());
        board.RunUntil(60);
        Assert.Equal(AlarmSignal.Medium, board.Alarm.Signal);

        board.App.Alerts.OnSuspectedFall(board.Clock.NowMicroseconds, 3.1f, BodyPosture.Lying); // as the detector would
        board.RunTicks(1);
        Assert.Equal(AlarmSignal.Fall, board.Alarm.Signal);
        Assert.Equal(AlarmPriority.High, board.Alarm.Light);

        board.Button.PressAt(62, ButtonPress.Short);
        board.RunUntil(62.1);
        Assert.Equal(LocalAlarmState.Idle, board.App.Alerts.State);
        Assert.Equal(0, board.App.Alarms.PausedMask);                      // the press was the fall's
        Assert.Equal(AlarmSignal.Medium, board.Alarm.Signal);             // the outputs are given back
        Assert.Equal(1, board.Alarm.Episodes.Count(e => e.Signal == AlarmSignal.Fall));

        board.Button.PressAt(63, ButtonPress.Short);                      // the next press is the alarm system's
        board.RunUntil(63.1);
        Assert.Equal(AlarmSignal.Off, board.Alarm.Signal);
        Assert.Equal(1, board.App.Buttons.PressesToAlarms);
    }

    [Fact]
    public void A_ppg_sensor_that_fails_raises_a_medium_sensor_fault_and_no_signal_alarm()
    {
        var board = new SimulatedWearable(new WearerScenario(seed: 3).Sit(120));
        Assert.True(board.Boot());
        board.RunUntil(20);
        board.PpgBus.NackProbability = 1.0;
        board.RunUntil(120);
        Assert.Equal(WearableFirmware.Drivers.HealthState.Failed, board.App.Ppg.Health.State);
        Assert.Equal(AlarmPriority.Medium, Single(board, AlarmCondition.SensorFault, AlarmEventKind.Started).Priority);
        Assert.Empty(board.AlarmLog.Of(AlarmCondition.NoSignal, AlarmEventKind.Started));
        Assert.DoesNotContain(board.AlarmLog.Events, e => AlarmConditions.IsPhysiological(e.Condition));
    }

    [Fact]
    public void An_accelerometer_gone_from_the_bus_raises_a_low_sensor_fault_once_fall_detection_has_been_unavailable_10_s()
    {
        var board = new SimulatedWearable(new WearerScenario(seed: 3).Sit(120));
        Assert.True(board.Boot());
        board.RunUntil(20);
        board.MotionBus.NackProbability = 1.0;
        double unavailableFrom = -1;
        for (int tick = 0; tick < 2000 && board.AlarmLog.FirstAt(AlarmCondition.SensorFault, AlarmPriority.Low) == null; tick++)
        {
            board.RunTicks(1);
            if (unavailableFrom < 0 && DeviceStatus.FallDetectionUnavailable(board.App.Accelerometer.Health.State))
            {
                unavailableFrom = board.Clock.NowMicroseconds / 1e6;
            }
        }

        double? raised = board.AlarmLog.FirstAt(AlarmCondition.SensorFault, AlarmPriority.Low);
        Assert.NotNull(raised);
        Assert.InRange(raised!.Value - unavailableFrom, AlarmSettings.FallDetectionUnavailableDelaySeconds, AlarmSettings.FallDetectionUnavailableDelaySeconds + 1.04);
        Assert.Equal(AlarmPriority.Low, board.App.Alarms.PriorityOf(AlarmCondition.SensorFault)); // the oximeter still works
    }

    [Fact]
    public void Battery_low_then_critical_and_the_device_sleeps_only_once_the_critical_alarm_is_out()
    {
        // 14 % of 500 mAh drawn at 300 mA: the gauge reads low at once, critical after some ten minutes.
        var cell = new SimulatedBattery(new VirtualClock(), 500, 14) { ActiveMilliamps = 300 };
        var board = new SimulatedWearable(new WearerScenario(seed: 3).Sit(3600), battery: cell);
        Assert.True(board.Boot());
        board.RunUntil(5);
        Assert.Equal(AlarmPriority.Low, board.App.Alarms.PriorityOf(AlarmCondition.BatteryLow));

        int asleepAt = 6;
        for (; !board.Asleep && asleepAt < 3600; asleepAt++)
        {
            board.RunUntil(asleepAt);
        }

        Assert.True(board.Asleep);
        var critical = Single(board, AlarmCondition.BatteryCritical, AlarmEventKind.Started);
        Assert.Equal(AlarmPriority.Medium, critical.Priority);
        Assert.Single(board.AlarmLog.Of(AlarmCondition.BatteryLow, AlarmEventKind.Ended)); // critical replaces low
        // Stored and sounding before the board went dark, within the main thread's one-second check.
        Assert.InRange(asleepAt * Second - critical.AtMicroseconds, 0, 2 * Second);
        Assert.Equal(AlarmSignal.Medium, board.Alarm.Signal);
        var record = new StoredRecord();
        bool stored = false;
        for (int seq = board.App.Store.FindFirst(1, int.MaxValue, RecordType.Alarm, false); seq > 0 && !stored;
            seq = board.App.Store.FindFirst(seq + 1, int.MaxValue, RecordType.Alarm, false))
        {
            stored = board.App.Store.TryRead(seq, record) && AlarmRecord.Condition(record) == AlarmCondition.BatteryCritical
                && AlarmRecord.Kind(record) == AlarmEventKind.Started;
        }

        Assert.True(stored, "the critical-battery alarm's start is on flash");
    }

    [Fact]
    public void A_store_about_to_drop_undelivered_records_raises_store_full()
    {
        var flash = new SimulatedFlash(16, 8192);
        var store = new RecordStore(flash, new WallClock(new VirtualClock()));
        byte[] payload = new byte[11];
        for (int i = 0; i < 3600; i++)
        {
            Assert.True(store.Append(RecordType.SpotCheck, payload, 0, payload.Length) > 0); // no phone ever fetched them
        }

        var board = new SimulatedWearable(new WearerScenario(seed: 3).Sit(10), flash: flash);
        Assert.True(board.Boot());
        board.RunUntil(2);
        Assert.Equal(AlarmPriority.Low, board.App.Alarms.PriorityOf(AlarmCondition.StoreFull));

        var roomy = new SimulatedWearable(new WearerScenario(seed: 3).Sit(10));
        roomy.Boot();
        roomy.RunUntil(2);
        Assert.Equal(AlarmPriority.None, roomy.App.Alarms.PriorityOf(AlarmCondition.StoreFull));
    }

    // Fresh store, default geometry: the oldest record no phone received is record 1 (first slot of its segment), or
    // record 254 (the phone had the first 253: last slot of the same segment, which goes at the same rotation).
    // Measured 535 and 284 records with the store as it is; the bounds say what the alarm promises.
    [Theory]
    [InlineData(0)]
    [InlineData(253)]
    public void Store_full_warns_about_a_day_or_more_of_spot_checks_before_the_first_undelivered_record_is_dropped(int delivered)
    {
        var store = new RecordStore(new SimulatedFlash(16, 8192), new WallClock(new VirtualClock()));
        byte[] payload = new byte[11];
        int warnedAt = -1;
        int appended = 0;
        while (store.DroppedRecords == 0)
        {
            int seq = store.Append(RecordType.SpotCheck, payload, 0, payload.Length);
            Assert.True(seq > 0);
            appended++;
            if (appended <= delivered)
            {
                Assert.True(store.MarkDelivered(seq));
            }

            if (warnedAt < 0 && AlarmMonitor.StoreNearlyFull(store))
            {
                warnedAt = appended;
            }
        }

        output.WriteLine($"warned after {warnedAt} records, first drop at record {appended}");
        // At least 280 five-minute spot-checks (23 h) of warning, at most about two segments' worth.
        Assert.InRange(appended - warnedAt, 280, 2 * store.RecordsPerSegment + 40);
    }

    [Fact]
    public void Ticks_with_alarms_starting_escalating_pausing_ending_allocate_nothing()
    {
        static SimulatedWearable Build()
        {
            var board = new SimulatedWearable(WearerScenario.Desaturation(seed: 4));
            Assert.True(board.Boot());
            board.RunUntil(10);
            return board;
        }

        long allocated = Allocation.Of(Build, b => b.RunUntil(170), out SimulatedWearable board);

        Assert.Equal(0, allocated);
        Assert.Equal(4, board.App.AlarmBridge.EventsStored);
    }
}
