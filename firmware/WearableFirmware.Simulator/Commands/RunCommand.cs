using WearableFirmware.SimulatedBoard;

namespace WearableFirmware.Simulator.Commands;

/// <summary>Boots the firmware on the simulated board and runs it for a stretch of simulated time.</summary>
public sealed class RunCommand : ICommand
{
    public string Name => "run";

    public string Summary => "boot the firmware on the simulated board and run it (default)";

    public string Help => """
        usage: WearableFirmware.Simulator run [options]

          --duration <s>     simulated seconds to run (default 120)
          --realtime         pace simulated time against the wall clock (1 s per s)
          --speed <x>        pace at x simulated seconds per wall second (implies pacing)
          --seed <n>         seed for every random source (default 1)
          --help             this text
        """;

    public int Run(CommandLine args)
    {
        double duration = args.Double("duration", 120, 1, 30 * 24 * 3600);
        bool realtime = args.Flag("realtime");
        double speed = args.Double("speed", realtime ? 1 : 0, 0.01, 1_000_000);
        int seed = args.Int("seed", 1, 0, int.MaxValue);
        args.RejectUnknown();

        var clock = new VirtualClock();
        if (speed > 0)
        {
            clock.PaceAgainstWallClock(speed);
        }

        Console.WriteLine($"{FirmwareIdentity.Model} firmware {FirmwareIdentity.FirmwareRevision} on the simulated board (seed {seed})");
        Console.WriteLine("foundation stage: the board boots and keeps time; sensors, vitals and BLE arrive with their issues.");
        long end = (long)(duration * 1_000_000);
        long nextReport = 1_000_000;
        while (clock.NowMicroseconds < end)
        {
            clock.SleepMicroseconds(Math.Min(40_000, end - clock.NowMicroseconds));
            if (clock.NowMicroseconds >= nextReport)
            {
                Console.WriteLine($"t={clock.NowMicroseconds / 1_000_000.0,7:F1} s  uptime ok");
                nextReport += 1_000_000;
            }
        }

        Console.WriteLine($"done: {duration:F0} simulated seconds");
        return 0;
    }
}
