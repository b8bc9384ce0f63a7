using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Chips;
using WearableFirmware.SimulatedBoard.Signals;

namespace WearableFirmware.Tests.Drivers.Adxl345;

/// <summary>
/// A driver wired to the chip model through a fault-injecting bus, on one virtual clock. Without settings it runs
/// the driver at 100 Hz, the rate the driver tests' hand-computed sample counts and times assume (the firmware's own
/// 50 Hz configuration is tested through FallSensing and the alert-path tests).
/// </summary>
internal sealed class Adxl345Rig
{
    public static Adxl345Settings At100Hz() => new() { DataRate = OutputDataRate.Hz100 };

    public Adxl345Rig(Adxl345Settings? settings = null, IMotionSource? source = null, double crystalErrorPpm = 0, int seed = 1)
    {
        Clock = new VirtualClock();
        Chip = new Adxl345Model(Clock, source) { CrystalErrorPpm = crystalErrorPpm };
        Bus = new FaultInjectingBus(Chip, Clock, seed);
        Driver = new WearableFirmware.Drivers.Adxl345.Adxl345(Bus, Clock, settings ?? At100Hz());
    }

    public VirtualClock Clock { get; }

    public Adxl345Model Chip { get; }

    public FaultInjectingBus Bus { get; }

    public WearableFirmware.Drivers.Adxl345.Adxl345 Driver { get; }

    public List<(long TimeUs, InterruptSource Events)> EventLog { get; } = new();

    public long Delivered { get; private set; }

    /// <summary>Sleeps <paramref name="tickUs"/> then drains, for <paramref name="seconds"/> of simulated time.</summary>
    public void Run(double seconds, long tickUs = 40_000)
    {
        long end = Clock.NowMicroseconds + (long)(seconds * 1e6);
        while (Clock.NowMicroseconds < end)
        {
            Clock.Advance(tickUs);
            DrainOnce();
        }
    }

    public int DrainOnce()
    {
        int n = Driver.Drain();
        Delivered += n;
        if (Driver.Events != InterruptSource.None)
        {
            EventLog.Add((Clock.NowMicroseconds, Driver.Events));
        }

        return n;
    }

    public long FirstEventTime(InterruptSource kind)
    {
        foreach (var (time, events) in EventLog)
        {
            if ((events & kind) != 0)
            {
                return time;
            }
        }

        return -1;
    }
}
