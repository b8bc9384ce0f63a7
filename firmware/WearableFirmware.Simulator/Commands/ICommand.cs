namespace WearableFirmware.Simulator.Commands;

/// <summary>One verb of the simulator's command line.</summary>
public interface ICommand
{
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>The full help text: usage line and options.</summary>
    string Help { get; }

    /// <summary>Runs the command; returns the process exit code.</summary>
    int Run(CommandLine args);
}
