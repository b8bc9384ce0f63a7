using System.Numerics;
using WearableFirmware.Application;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Falls;
using WearableFirmware.Sampling;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Chips;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Tests.Falls;
using Xunit;

namespace WearableFirmware.Tests.Application;

/// <summary>The movement flag the vitals use (<see cref="AccelerometerProcessingStage.Moving"/>) against the tick's length.</summary>
public class MovementTests
{
    /// <summary>At rest (1 g on z) except one 20 ms jolt of 2.3 g starting 5 ms after a tick.</summary>
    private sealed class Jolt : IMotionSource
    {
        public long StartMicroseconds { get; init; }

        public Vector3 AccelerationAt(long timeMicroseconds) =>
            timeMicroseconds >= StartMicroseconds && timeMicroseconds < StartMicroseconds + 20_000 ? new Vector3(0, 0, 2.3f) : new Vector3(0, 0, 1f);
    }

    /// <summary>
    /// Smoothed by 0.1 a sample, a 1.3 g excess over one 20 ms output period (split between two samples at most) lifts
    /// the movement level to 0.117-0.13 g, over the 0.1 g threshold, and 0.9 a sample brings it back under within
    /// 3 samples (0.13 × 0.9³ = 0.095): 60 ms, inside a 200 ms tick. The tick's last sample alone no longer shows it.
    /// </summary>
    [Fact]
    public void A_movement_shorter_than_a_tick_marks_the_wearer_moving()
    {
        var clock = new VirtualClock();
        var jolt = new Jolt { StartMicroseconds = 2_005_000 };
        var chip = new Adxl345Model(clock, jolt);
        var driver = new Adxl345(chip, clock, FallSensing.AccelerometerSettings());
        Assert.True(driver.Start(), driver.DescribeLastError());
        var alerts = new FallAlertStateMachine(new FallAlertSettings(), new WearableFirmware.Tests.Falls.RecordingAlarm(), new RecordingPhone(), new RecordingSink());
        IFallDetector detector = FallSensing.CreateDetector(SensorPlacement.Wrist, FallSensing.WristDetectorSettings(), FallSensing.DetectorSettings());
        var stage = new AccelerometerProcessingStage(driver, detector, alerts, new IdleButton());
        var loop = new SamplingLoop(clock, new LoopSettings { PeriodMicroseconds = 200_000 }, new FedWatchdog());
        loop.AddSensor("adxl345", new AccelerometerDrain(driver), driver.Health);
        loop.AddProcessor(stage);

        loop.Run(1_900_000);
        Assert.False(stage.Moving);
        loop.Run(2_100_000); // the tick at about 2.0 s: the jolt starts 5 ms after it
        Assert.False(stage.Moving);
        loop.Run(2_300_000); // the tick that drains the jolt
        Assert.True(stage.MovementG < AccelerometerProcessingStage.MotionThresholdG, "level at the tick's end " + stage.MovementG);
        Assert.True(stage.Moving);
    }
}
