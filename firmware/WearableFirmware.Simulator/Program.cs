using WearableFirmware.Simulator;
using WearableFirmware.Simulator.Commands;

// Every verb the simulator knows; the first one is what a bare `dotnet run` does.
ICommand[] commands =
[
    new RunCommand(),
    new BleSessionCommand(),
    new AdxlWakeCommand(),
    new EvalPpgCommand(),
    new EvalPpgMotionCommand(),
    new FitSpO2Command(),
    new WearableFirmware.Simulator.Alarms.EvalAlarmsCommand(),
    new SoakStoreCommand(),
    new WearableFirmware.Simulator.Falls.EvalFallsCommand(),
    new WearableFirmware.Simulator.Falls.TuneFallsCommand(),
    new WriteVectorsCommand(),
    new SbomCommand(),
];

return Dispatch(args);

int Dispatch(string[] argv)
{
    try
    {
        ICommand command = commands[0];
        IEnumerable<string> rest = argv;
        if (argv.Length > 0 && !argv[0].StartsWith('-'))
        {
            command = commands.FirstOrDefault(c => c.Name == argv[0])
                ?? throw new UsageException($"unknown command '{argv[0]}' (known: {string.Join(", ", commands.Select(c => c.Name))})");
            rest = argv.Skip(1);
        }
        else if (argv.Length > 0 && argv[0] is "--help" or "-h")
        {
            PrintOverview();
            return 0;
        }

        var line = new CommandLine(rest);
        if (line.Flag("help"))
        {
            Console.WriteLine(command.Help);
            return 0;
        }

        return command.Run(line);
    }
    catch (UsageException e)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 2;
    }
}

void PrintOverview()
{
    Console.WriteLine("WearableFirmware simulator: the firmware core on a simulated board (no hardware needed).");
    Console.WriteLine();
    Console.WriteLine("usage: WearableFirmware.Simulator [command] [options]   (default command: run)");
    Console.WriteLine();
    Console.WriteLine("commands:");
    foreach (ICommand c in commands)
    {
        Console.WriteLine($"  {c.Name,-14} {c.Summary}");
    }

    Console.WriteLine();
    Console.WriteLine("`<command> --help` shows a command's options.");
}
