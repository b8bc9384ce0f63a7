using WearableFirmware.Application;
using WearableFirmware.Ble;
using WearableFirmware.Drivers;
using WearableFirmware.Falls;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Ble;
using WearableFirmware.Storage;
using WearableFirmware.Vitals;
using Xunit;

namespace WearableFirmware.Tests.Application;

/// <summary>
/// The assembled firmware on the simulated board: chip models, drivers, loop, vitals, fall detection, store and
/// BLE profile together, judged against the scenario's known truth.
/// </summary>
public class WearableApplicationTests
{
    private const string FallEventUuid = "584b0002-5c8b-44d3-94b7-4836cbf4bcd4";
    private const string AlertControlUuid = "584b0004-5c8b-44d3-94b7-4836cbf4bcd4";

    private static (SimulatedWearable Board, SimulatedPhone Phone) BootWithPhone(WearerScenario scenario, ApplicationSettings? settings = null)
    {
        var board = new SimulatedWearable(scenario, settings);
        Assert.True(board.Boot());
        var phone = board.NewPhone("phone", [0x5A, 0x3E, 0x10, 0x22, 0x07, 0x91]);
        phone.StartHealthSession(new BleLink(board.Server, board.Clock, null));
        return (board, phone);
    }

    [Fact]
    public void Resting_wearer_heart_rate_reaches_the_phone_close_to_the_truth()
    {
        var (board, phone) = BootWithPhone(new WearerScenario(seed: 3).Sit(60, heartRate: 64));

        board.RunUntil(60);

        VitalsReading reading = board.App.VitalsPublisher.LastReading;
        Assert.True(reading.HeartRateValid);
        Assert.InRange(reading.HeartRateBpm, 61, 67);
        Assert.Equal(SensorContact.Contact, reading.Contact);
        var hrm = phone.Find("2a37");
        int notifications = phone.Received.Count(r => r.Handle == hrm.ValueHandle);
        Assert.InRange(notifications, 45, 60); // once a second after the first valid reading (about 5 s)
        Assert.Equal(0, board.App.Loop.Statistics.TaskFaults);
        Assert.Equal(HealthState.Ok, board.App.Ppg.Health.State);
        Assert.Equal(HealthState.Ok, board.App.Accelerometer.Health.State);
    }

    [Fact]
    public void When_the_ppg_sensor_stops_delivering_samples_the_phone_gets_no_more_stale_readings()
    {
        var (board, phone) = BootWithPhone(new WearerScenario(seed: 3).Sit(60, heartRate: 64));
        board.RunUntil(25);
        Assert.True(board.App.VitalsPublisher.LastReading.HeartRateValid);

        board.PpgBus.NackProbability = 1.0; // the MAX30102 is gone from the bus: not one sample more
        board.RunUntil(30);
        int sent = phone.Received.Count;
        board.RunUntil(40);

        // Ten seconds without a sample: no heart rate or SpO2 is a measurement any more.
        Assert.False(board.App.VitalsPublisher.LastReading.HeartRateValid);
        Assert.False(board.App.VitalsPublisher.LastReading.SpO2Valid);
        var later = phone.Received.Skip(sent).ToList();
        Assert.DoesNotContain(later, r => r.Handle == phone.Find("2a37").ValueHandle);
        var plx = later.Where(r => r.Handle == phone.Find("2a5f").ValueHandle).Select(r => PhoneDecoders.DecodePlxContinuous(r.Value)).ToList();
        Assert.NotEmpty(plx);
        Assert.All(plx, p => Assert.True(double.IsNaN(p.Spo2) && double.IsNaN(p.PulseRate)));
    }

    [Fact]
    public void A_tick_of_the_whole_firmware_allocates_nothing()
    {
        static SimulatedWearable Build()
        {
            var board = new SimulatedWearable(new WearerScenario(seed: 4).Sit(30).StandUp().Walk(60));
            Assert.True(board.Boot());
            board.RunUntil(10); // past start-up: every buffer exists, the pipeline is producing readings
            return board;
        }

        // 800 ticks, walking and standing up included
        long allocated = Allocation.Of(Build, b => b.RunUntil(90), out SimulatedWearable board);

        // The chip models run on the host inside these ticks; they are allocation-free too, so any byte is a leak.
        Assert.Equal(0, allocated);
        Assert.Equal(900, board.App.Loop.Statistics.Ticks); // 90 s of 100 ms ticks
    }

    // The loop's ticks fall at 1 ms + n × 100 ms (it starts 1 ms after power-on): RunUntil(5) runs the tick at 4.901 s,
    // the stall starts at 5.0 s, the tick due at 5.001 s runs at 5.0 s + stall, and the slots a whole period or more
    // behind are skipped (200 ms: runs at 5.2, none skipped; 900 ms: runs at 5.9, 5.101-5.701 skipped).
    [Theory]
    [InlineData(200_000, false, 0)] // 300 ms since the last drain: both FIFOs (32 entries: 320 ms of PPG at 100 sps) absorb it
    [InlineData(900_000, true, 7)] // 1 s since the last drain: both overflow
    public void Lost_samples_are_counted_when_a_late_loop_overflows_the_fifos(long stallMicroseconds, bool overflows, int missedTicks)
    {
        var board = new SimulatedWearable(new WearerScenario(seed: 5).Sit(20));
        Assert.True(board.Boot());
        board.RunUntil(5);

        board.Clock.Advance(stallMicroseconds); // the loop thread was blocked (e.g. a flash erase) for this long
        board.RunUntil(10);

        long ppgLost = board.App.Ppg.Health.SamplesLost;
        long motionLost = board.App.Accelerometer.Health.SamplesLost;
        // The MAX30102 counts its overflows (OVF_COUNTER): exact. The ADXL345 has none: the driver reckons them from its
        // sample grid, whose newest sample it knows only within one period when every read falls at the same phase of
        // the chip's grid (the simulated chip's oscillator matches the host's exactly; with it 1.5 % off the reads sweep
        // the grid and the count is exact: Adxl345DrainTests.Late_reader_losses_are_counted_exactly...).
        Assert.Equal(board.PpgChip.SamplesOverflowed, ppgLost);
        Assert.InRange(motionLost - board.MotionChip.SamplesDiscarded, 0, 1);
        Assert.Equal(overflows, ppgLost > 0);
        Assert.Equal(overflows, motionLost > 0);
        Assert.Equal(missedTicks, board.App.Loop.Statistics.MissedTicks);
        Assert.Equal(overflows ? 1 : 0, board.App.PpgProcessingStage.Restarts);
        Assert.Equal(overflows ? 1 : 0, board.App.AccelerometerProcessingStage.Restarts);
    }

    [Fact]
    public void An_accelerometer_rate_the_detector_was_not_tuned_for_is_refused()
    {
        var settings = new ApplicationSettings();
        settings.Accelerometer.DataRate = WearableFirmware.Drivers.Adxl345.OutputDataRate.Hz100;

        var error = Assert.Throws<ArgumentException>(() => new SimulatedWearable(new WearerScenario(seed: 1).Sit(5), settings));
        Assert.Contains("does not match the fall detector", error.Message);
    }

    [Fact]
    public void A_fall_sounds_the_alarm_then_reaches_the_phone_and_is_acknowledged()
    {
        WearerScenario scenario = WearerScenario.FallNotCancelled(seed: 1);
        var (board, phone) = BootWithPhone(scenario);
        double fallAt = scenario.Timeline.Single(t => t.Name == "fall").Seconds;

        board.RunUntil(fallAt + 35); // past the 30 s cancel window

        Assert.Equal(1, board.App.AccelerometerProcessingStage.FallsDetected);
        var episode = Assert.Single(board.Alarm.Episodes);
        Assert.InRange(episode.StopSeconds - episode.StartSeconds, 29.9, 30.1); // the 30 s cancel window
        var fallEvent = phone.Find(FallEventUuid);
        List<byte[]> Events() => phone.Received.Where(r => r.Handle == fallEvent.ValueHandle).Select(r => r.Value).ToList();
        Assert.Equal([1, 2], Events().Select(e => (int)e[2])); // detected, then confirmed
        Assert.True(Events().All(e => e[0] == 1 && e[1] == 0)); // event id 1

        // Unacknowledged, the alert is indicated again (every 10 s) until someone answers.
        board.RunUntil(fallAt + 47);
        Assert.Equal([1, 2, 2], Events().Select(e => (int)e[2]));

        Assert.Equal(0, phone.Write(AlertControlUuid, [0x01, 0x01, 0x00])); // the caregiver acknowledges
        board.RunUntil(fallAt + 80);
        Assert.Equal(3, Events().Count);
        Assert.Equal(0, board.App.Alerts.PendingCount);
        Assert.False(board.App.Alerts.AwaitingAcknowledge);
        // Confirmed and acknowledged outcomes are both in the store.
        Assert.Equal(2, board.App.Store.Count(1, int.MaxValue, RecordType.Fall));
    }

    [Fact]
    public void A_double_tap_cancels_the_alarm_and_nothing_is_confirmed()
    {
        WearerScenario scenario = WearerScenario.FallCancelled(seed: 1);
        var (board, phone) = BootWithPhone(scenario);

        board.RunUntil(scenario.DurationSeconds);

        Assert.Equal(1, board.App.AccelerometerProcessingStage.FallsDetected);
        var episode = Assert.Single(board.Alarm.Episodes);
        Assert.True(episode.StopSeconds - episode.StartSeconds < 15, "the tap came inside the window");
        var fallEvent = phone.Find(FallEventUuid);
        var kinds = phone.Received.Where(r => r.Handle == fallEvent.ValueHandle).Select(r => (int)r.Value[2]).ToList();
        Assert.Equal([1, 3], kinds); // detected, cancelled: never confirmed
        Assert.Equal(1, board.App.Store.Count(1, int.MaxValue, RecordType.Fall)); // the cancelled alarm is recorded
    }

    [Fact]
    public void An_alert_raised_with_no_phone_is_delivered_when_one_connects()
    {
        WearerScenario scenario = WearerScenario.FallNotCancelled(seed: 1);
        var board = new SimulatedWearable(scenario);
        Assert.True(board.Boot());
        board.RunUntil(scenario.DurationSeconds);
        Assert.Equal(1, board.App.Alerts.PendingCount);

        var phone = board.NewPhone("phone", [0x5A, 0x3E, 0x10, 0x22, 0x07, 0x91]);
        phone.StartHealthSession(new BleLink(board.Server, board.Clock, null));
        board.RunUntil(scenario.DurationSeconds + 1);

        var fallEvent = phone.Find(FallEventUuid);
        Assert.Contains(phone.Received, r => r.Handle == fallEvent.ValueHandle && r.Value[2] == 2);
    }

    [Fact]
    public void An_unacknowledged_alert_survives_a_reboot_and_reaches_the_next_phone_with_its_own_id()
    {
        WearerScenario scenario = WearerScenario.FallNotCancelled(seed: 1);
        var before = new SimulatedWearable(scenario);
        Assert.True(before.Boot());
        before.RunUntil(scenario.DurationSeconds);   // fall confirmed, no phone around
        Assert.Equal(1, before.App.Alerts.PendingCount);

        // Power cycle: a new board and firmware over the same flash.
        WearerScenario later = WearerScenario.FallNotCancelled(seed: 2);
        var after = new SimulatedWearable(later, flash: before.Flash);
        Assert.True(after.Boot());
        Assert.Equal(1, after.App.Alerts.PendingCount);

        var phone = after.NewPhone("phone", [0x5A, 0x3E, 0x10, 0x22, 0x07, 0x91]);
        phone.StartHealthSession(new BleLink(after.Server, after.Clock, null));
        after.RunUntil(1);
        var fallEvent = phone.Find(FallEventUuid);
        byte[] delivered = phone.Received.Last(r => r.Handle == fallEvent.ValueHandle).Value;
        Assert.Equal(new byte[] { 1, 0, 2 }, delivered.Take(3)); // id 1, confirmed
        Assert.Equal(0, delivered[3] & 0x01);                    // the clock was not set before the reboot: uptime, not a date

        Assert.Equal(0, phone.Write(AlertControlUuid, [0x01, 0x01, 0x00]));
        after.RunUntil(2);
        Assert.Equal(0, after.App.Alerts.PendingCount);
        Assert.Equal(0, after.App.Store.CountUndelivered(RecordType.Fall)); // acknowledged on flash too

        after.RunUntil(later.DurationSeconds);         // this run's own fall
        byte[] next = phone.Received.Where(r => r.Handle == fallEvent.ValueHandle).Last().Value;
        Assert.Equal(2, next[0] | (next[1] << 8));     // numbered after the restored one
    }

    [Fact]
    public void While_walking_the_vitals_know_the_step_rate_and_never_report_it_as_the_pulse()
    {
        // Walking puts an artefact at the step rate into the PPG (coupled in the simulated wearer); the accelerometer
        // path must hand the vitals the gait's step rate, and no pulse rate near it (or half or twice it) goes out.
        var scenario = new WearerScenario(seed: 4).Sit(20).StandUp().Walk(60).SitDown().Sit(20);
        var (board, _) = BootWithPhone(scenario);
        int walkingSeconds = 0, withCadence = 0;
        for (int second = 1; second <= (int)scenario.DurationSeconds; second++)
        {
            board.RunUntil(second);
            double truth = scenario.StepsPerMinuteAt(second);
            float cadence = board.App.Vitals.MotionCadenceBpm;
            VitalsReading r = board.App.VitalsPublisher.LastReading;
            if (truth > 0 && second > 30)
            {
                walkingSeconds++;
                if (cadence > 0)
                {
                    withCadence++;
                    Assert.InRange(cadence, truth * 0.97, truth * 1.03);
                }
            }

            if (r.HeartRateValid && cadence > 0)
            {
                foreach (float rhythm in new[] { cadence, cadence / 2, cadence * 2 })
                {
                    Assert.False(Math.Abs(r.HeartRateBpm - rhythm) <= 0.06 * rhythm,
                        $"{r.HeartRateBpm} bpm reported at {second} s with {cadence} steps/min");
                }
            }
        }

        Assert.True(withCadence >= walkingSeconds * 0.9, $"a cadence in {withCadence} of {walkingSeconds} walking seconds");
    }

    [Fact]
    public void While_walking_each_spectral_update_is_published_in_its_own_tick()
    {
        // The loop runs the motion heart rate's update in the tick that publishes a whole update period's reading,
        // before the publish phase: the phone gets a window that ends at that tick, not one that ended 1.25 s earlier.
        var board = new SimulatedWearable(new WearerScenario(seed: 4).Sit(10).StandUp().Walk(40));
        Assert.True(board.Boot());
        MotionHeartRateEstimator motion = board.App.Vitals.MotionHeartRate;
        double tick = new ApplicationSettings().Loop.PeriodMicroseconds / 1e6;
        int updates = 0, published = 0;
        long lastStamp = board.App.VitalsPublisher.LastReading.TimestampMs;
        for (double t = tick / 2; t < 50; t += tick)
        {
            board.RunUntil(t); // one tick per step
            long stamp = board.App.VitalsPublisher.LastReading.TimestampMs;
            bool publishedNow = stamp != lastStamp;
            lastStamp = stamp;
            if (motion.Tracker.Updates == updates)
            {
                continue;
            }

            updates = motion.Tracker.Updates;
            Assert.True(publishedNow, $"the update at {t:F2} s came in a tick without a reading");
            VitalsReading r = board.App.VitalsPublisher.LastReading;
            if (r.HeartRateFromSpectrum)
            {
                Assert.Equal(motion.HeartRateBpm, r.HeartRateBpm);
                published++;
            }
        }

        Assert.True(published >= 10, $"{published} updates published");
    }

    [Fact]
    public void An_accelerometer_that_dies_while_walking_does_not_hold_the_vitals_questionable()
    {
        var board = new SimulatedWearable(new WearerScenario(seed: 9).Sit(10).StandUp().Walk(50));
        Assert.True(board.Boot());
        board.RunUntil(30);
        Assert.True(board.App.AccelerometerProcessingStage.Moving);

        board.MotionBus.StickFor(60_000_000); // the ADXL345 stops answering mid-walk
        board.RunUntil(30 + AccelerometerProcessingStage.MotionHangoverMicroseconds / 1e6 + 1);

        Assert.False(board.App.AccelerometerProcessingStage.Moving);
        Assert.Equal(HealthState.Failed, board.App.Accelerometer.Health.State);
    }

    [Fact]
    public void With_two_phones_one_leaving_does_not_stop_alerts_to_the_other()
    {
        WearerScenario scenario = WearerScenario.FallNotCancelled(seed: 1);
        var (board, first) = BootWithPhone(scenario);
        var second = board.NewPhone("second", [0x5A, 0x3E, 0x10, 0x22, 0x07, 0x92]);
        second.StartHealthSession(new BleLink(board.Server, board.Clock, null));
        first.Disconnect();

        board.RunUntil(scenario.DurationSeconds);

        var fallEvent = second.Find(FallEventUuid);
        Assert.Contains(second.Received, r => r.Handle == fallEvent.ValueHandle && r.Value[2] == 2); // confirmed
    }

    [Fact]
    public void Every_clock_set_from_the_phone_is_stored_as_a_device_event()
    {
        var (board, phone) = BootWithPhone(new WearerScenario(seed: 8).Sit(30));
        phone.Write("2a2b", PhoneDecoders.EncodeCurrentTime(new DateTime(2026, 11, 24, 9, 30, 0)));
        board.RunUntil(10);
        phone.Write("2a2b", PhoneDecoders.EncodeCurrentTime(new DateTime(2026, 11, 24, 10, 30, 10))); // a later correction
        board.RunUntil(20);

        var clockSets = new List<long>();
        var record = new StoredRecord();
        for (int seq = 1; seq <= 100; seq++)
        {
            if (board.App.Store.TryRead(seq, record) && record.Type == RecordType.DeviceEvent && record.Payload[0] == (byte)DeviceEventCode.ClockSet)
            {
                clockSets.Add(record.Time);
            }
        }

        // Stored within a second of each set (the recorder runs once a second), stamped with the new time:
        // 2026-11-24 09:30:00 UTC = 1 795 512 600 and 10:30:10 UTC = 1 795 516 210 Unix seconds.
        Assert.Equal(2, clockSets.Count);
        Assert.InRange(clockSets[0], 1_795_512_600, 1_795_512_611);
        Assert.InRange(clockSets[1], 1_795_516_210, 1_795_516_221);
    }

    [Fact]
    public void A_phone_back_in_range_negotiates_the_mtu_again_because_it_belongs_to_the_connection()
    {
        var (board, phone) = BootWithPhone(new WearerScenario(seed: 6).Sit(40));
        board.RunUntil(10);
        phone.Disconnect();
        board.RunUntil(20);

        var link = new BleLink(board.Server, board.Clock, null);
        Assert.True(phone.ResumeHealthSession(link));
        // The phone asks for 185, the device offers 247: both use the smaller (Core Vol 3 Part F 3.4.2.2).
        Assert.Equal(185, phone.Mtu);
        Assert.Equal(185, link.Connection!.Mtu);
        Assert.Contains(phone.Lines, l => l.Contains("reconnected, encrypted with the bond's key, ATT MTU 185"));
    }

    [Fact]
    public void A_phone_that_was_away_fetches_every_missed_spot_check_with_racp()
    {
        var settings = new ApplicationSettings { SpotCheckIntervalSeconds = 20 };
        var (board, phone) = BootWithPhone(new WearerScenario(seed: 6).Sit(200), settings);
        board.RunUntil(30);
        phone.Disconnect();
        board.RunUntil(190);
        int stored = board.App.SpotChecks.Stored;
        Assert.InRange(stored, 8, 9); // every 20 s from the first contact (about 1 s) to 190 s

        Assert.True(phone.Reconnect(new BleLink(board.Server, board.Clock, null)));
        int before = phone.Received.Count;
        Assert.Equal(0, phone.Write("2a52", [0x01, 0x01])); // Report Stored Records: all
        for (int i = 0; i < 100 && board.App.RecordAccess.ProcedureInProgress; i++)
        {
            board.RunTicks(1);
        }

        var spotCheck = phone.Find("2a5e");
        var racp = phone.Find("2a52");
        var records = phone.Received.Skip(before).Where(r => r.Handle == spotCheck.ValueHandle).ToList();
        Assert.Equal(stored, records.Count);
        Assert.False(board.App.RecordAccess.ProcedureInProgress);
        // PLX Spot-check: this phone never set the clock, so no timestamp and "Device Clock is Not Set" (flags 0x10);
        // Measurement Status (flags 0x02) follows SpO2 and PR (2 SFLOATs) and has "Data from Measurement Storage" (bit 9).
        Assert.All(records, r =>
        {
            Assert.Equal(0x10 | 0x02, r.Value[0] & (0x10 | 0x02 | 0x01));
            Assert.Equal(0x0200, (r.Value[5] | (r.Value[6] << 8)) & 0x0200);
        });
        var response = phone.Received.Skip(before).Last(r => r.Handle == racp.ValueHandle).Value;
        Assert.Equal(new byte[] { 0x06, 0x00, 0x01, 0x01 }, response); // Response Code: Report Stored Records, Success
        Assert.Equal(0, board.App.Store.CountUndelivered(RecordType.SpotCheck));
    }

    [Fact]
    public void A_missing_pulse_sensor_is_reported_and_fall_detection_keeps_working()
    {
        WearerScenario scenario = WearerScenario.FallNotCancelled(seed: 1);
        var board = new SimulatedWearable(scenario);
        board.PpgChip.PartId = 0x11; // a different part answers at 0x57

        Assert.False(board.Boot());
        board.RunUntil(scenario.DurationSeconds);

        Assert.Equal(HealthState.Failed, board.App.Ppg.Health.State);
        Assert.Equal(1, board.App.AccelerometerProcessingStage.FallsDetected);
        VitalsReading last = board.App.VitalsPublisher.LastReading;
        int status = DeviceStatus.DeviceAndSensorStatus(ref last, board.App.Ppg.Health.State, board.App.Accelerometer.Health.State);
        Assert.NotEqual(0, status & PlxDeviceSensorStatus.SensorMalfunctioning);
        Assert.False(board.App.VitalsPublisher.LastReading.SpO2Valid);
    }

    [Fact]
    public void Vitals_survive_flaky_i2c_with_every_error_counted()
    {
        var board = new SimulatedWearable(new WearerScenario(seed: 7).Sit(60, heartRate: 72));
        board.PpgBus.NackProbability = 0.05;
        board.MotionBus.NackProbability = 0.05;
        Assert.True(board.Boot());

        board.RunUntil(60);

        Assert.Equal(board.PpgBus.InjectedFaults, board.App.Ppg.Health.TransferErrors);
        Assert.Equal(board.MotionBus.InjectedFaults, board.App.Accelerometer.Health.TransferErrors);
        Assert.True(board.App.Ppg.Health.TransferErrors > 0);
        Assert.True(board.App.VitalsPublisher.LastReading.HeartRateValid);
        Assert.InRange(board.App.VitalsPublisher.LastReading.HeartRateBpm, 68, 76);
    }
}
