using WearableFirmware.Application;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Falls;
using WearableFirmware.Sampling;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Chips;
using WearableFirmware.SimulatedBoard.Signals;
using Xunit;
using BodyPosture = WearableFirmware.Falls.BodyPosture;

namespace WearableFirmware.Tests.Falls;

/// <summary>
/// The alert path end to end on the simulated board: a scripted wearer (MotionScenario, at the wrist as shipped, or at
/// the waist for a belt-clip build) moves the ADXL345 chip model; the real driver with the firmware's accelerometer
/// settings (FallSensing) is drained by the sampling loop every tick through AccelerometerDrain; AccelerometerProcessingStage feeds the
/// placement's fall detector and the chip's double tap into the alert state machine, whose alarm, phone link and
/// record store are recording fakes.
/// </summary>
public class AlertPathTests
{
    private const long Second = 1_000_000;

    private sealed class Device
    {
        public Device(IMotionSource wearer, SensorPlacement placement = SensorPlacement.Wrist)
        {
            Clock = new VirtualClock();
            Chip = new Adxl345Model(Clock, wearer);
            Driver = new Adxl345(Chip, Clock, FallSensing.AccelerometerSettings());
            Assert.True(Driver.Start(), Driver.DescribeLastError());
            Alerts = new FallAlertStateMachine(new FallAlertSettings(), Alarm, Phone, Records);
            IFallDetector detector = FallSensing.CreateDetector(placement, FallSensing.WristDetectorSettings(), FallSensing.DetectorSettings());
            Processing = new AccelerometerProcessingStage(Driver, detector, Alerts, new IdleButton());
            Loop = new SamplingLoop(Clock, new LoopSettings(), new FedWatchdog());
            Loop.AddSensor("adxl345", new AccelerometerDrain(Driver), Driver.Health);
            Loop.AddProcessor(Processing);
        }

        public VirtualClock Clock { get; }

        public Adxl345Model Chip { get; }

        public Adxl345 Driver { get; }

        public RecordingAlarm Alarm { get; } = new();

        public RecordingPhone Phone { get; } = new() { IsConnected = true };

        public RecordingSink Records { get; } = new();

        public FallAlertStateMachine Alerts { get; }

        public AccelerometerProcessingStage Processing { get; }

        public SamplingLoop Loop { get; }

        /// <summary>Runs the loop until the alarm starts or <paramref name="limitSeconds"/>; returns when it started (-1: never).</summary>
        public long RunUntilAlarm(double limitSeconds)
        {
            while (Clock.NowMicroseconds < limitSeconds * Second)
            {
                Loop.RunOneTick();
                if (Alarm.Starts > 0)
                {
                    return Clock.NowMicroseconds;
                }
            }

            return -1;
        }
    }

    private static MotionScenario.Builder WalkThenFall(FallDirection direction, int seed = 3, SensorPlacement placement = SensorPlacement.Wrist) =>
        MotionScenario.Create(placement, seed).Hold(3).Walk(6).Fall(direction);

    [Theory]
    [InlineData(FallDirection.Forward, SensorPlacement.Wrist)]
    [InlineData(FallDirection.Backward, SensorPlacement.Wrist)]
    [InlineData(FallDirection.Sideways, SensorPlacement.Wrist)]
    [InlineData(FallDirection.Forward, SensorPlacement.Waist)]
    [InlineData(FallDirection.Backward, SensorPlacement.Waist)]
    [InlineData(FallDirection.Sideways, SensorPlacement.Waist)]
    public void A_fall_raises_a_suspected_fall_and_starts_the_alarm(FallDirection direction, SensorPlacement placement)
    {
        MotionScenario wearer = WalkThenFall(direction, placement: placement).Hold(20).Build();
        long fallStart = wearer.StartOf("fall-" + direction.ToString().ToLowerInvariant());
        bool wrist = placement == SensorPlacement.Wrist;
        var device = new Device(wearer, wrist ? SensorPlacement.Wrist : SensorPlacement.Waist);

        long raised = device.RunUntilAlarm(20);

        // Impact ~0.8 s into the fall segment; the waist detector decides 2 s after the last impact (settle +
        // confirmation), the wrist detector 2.4 s after the peak; then at most one loop tick.
        Assert.InRange(raised, fallStart + 2 * Second, fallStart + 4 * Second);
        Assert.Equal(1, device.Processing.FallsDetected);
        Assert.Equal(LocalAlarmState.CancelWindow, device.Alerts.State);
        Assert.True(device.Alarm.Sounding);
        Assert.Equal(AlertKind.Fall, device.Alerts.Current.Kind);
        Assert.Equal(wrist ? BodyPosture.Unknown : BodyPosture.Lying, device.Alerts.Current.Posture); // the wrist cannot tell
        Assert.InRange(device.Alerts.Current.ImpactG, 2.5f, 8f); // 4-7 g impacts, lowered by the chip's 50 Hz output
        Assert.Empty(device.Phone.Sent); // nothing goes out while the wearer can still cancel
    }

    [Fact]
    public void A_double_tap_inside_the_cancel_window_cancels_and_nothing_reaches_the_phone()
    {
        MotionScenario wearer = WalkThenFall(FallDirection.Backward).Hold(8).DoubleTap().Hold(40).Build();
        long tap = wearer.StartOf("double-tap");
        var device = new Device(wearer);
        long raised = device.RunUntilAlarm(20);
        Assert.True(raised > 0 && raised < tap, "the alarm must be sounding before the tap");

        device.Loop.Run(raised + 45 * Second); // well past where the window would have ended

        Assert.True(device.Driver.DoubleTapEvents >= 1, "the chip reported no double tap at the firmware's data rate");
        FallAlertEvent cancelled = Assert.Single(device.Records.All);
        Assert.Equal(AlertOutcome.Cancelled, cancelled.Outcome);
        Assert.Equal(CancelSource.DoubleTap, cancelled.CancelledBy);
        Assert.Equal(BodyPosture.Unknown, cancelled.Posture);
        Assert.InRange(cancelled.OutcomeAtMicroseconds, tap, tap + Second); // the tap's tick, not the window's end
        Assert.Equal(1, device.Alarm.Starts);
        Assert.Equal(1, device.Alarm.Stops);
        Assert.Empty(device.Phone.Sent);
        Assert.Equal(LocalAlarmState.Idle, device.Alerts.State);
    }

    [Fact]
    public void Without_a_cancel_the_fall_is_confirmed_when_the_window_ends_and_sent_to_the_phone()
    {
        MotionScenario wearer = WalkThenFall(FallDirection.Forward).Hold(60).Build();
        var device = new Device(wearer);
        long raised = device.RunUntilAlarm(20);
        Assert.True(raised > 0, "no alarm");

        device.Loop.Run(raised + 29 * Second);
        Assert.True(device.Alarm.Sounding, "the window is 30 s");
        Assert.Empty(device.Phone.Sent);

        device.Loop.Run(raised + 31 * Second);
        FallAlertEvent confirmed = Assert.Single(device.Records.All);
        Assert.Equal(AlertOutcome.Confirmed, confirmed.Outcome);
        Assert.Equal(30 * Second, confirmed.OutcomeAtMicroseconds - confirmed.RaisedAtMicroseconds, 40_000.0); // within one tick
        Assert.Equal(BodyPosture.Unknown, confirmed.Posture);
        FallAlertEvent sent = Assert.Single(device.Phone.Sent);
        Assert.Equal(AlertKind.Fall, sent.Kind);
        Assert.Equal(confirmed.Sequence, sent.Sequence);
        Assert.False(device.Alarm.Sounding);
    }

    [Theory]
    [InlineData(SensorPlacement.Wrist)]
    [InlineData(SensorPlacement.Waist)]
    public void Ticks_allocate_nothing_over_minutes_of_walking(SensorPlacement placement)
    {
        Device Build()
        {
            var device = new Device(MotionScenario.Create(placement, 5).Hold(2).Walk(400).Build(),
                placement == SensorPlacement.Wrist ? SensorPlacement.Wrist : SensorPlacement.Waist);
            device.Loop.Run(20 * Second); // start-up: first drains, detector history filled
            return device;
        }

        // 7500 ticks, ~15,000 samples through driver, detector and alert machine
        long allocated = Allocation.Of(Build, d => d.Loop.Run(320 * Second), out Device device);

        Assert.Equal(0, allocated);
        Assert.Equal(0, device.Processing.FallsDetected);
        Assert.Equal(0, device.Alarm.Starts);
        Assert.Equal(0L, device.Driver.Health.SamplesLost);
    }
}
