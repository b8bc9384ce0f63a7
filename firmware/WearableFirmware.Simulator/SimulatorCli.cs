using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace WearableFirmware.Simulator;

/// <summary>Parses and runs a command line: parse errors and <see cref="UsageException"/>s become "error: ..." and exit code 2.</summary>
public static class SimulatorCli
{
    public const int UsageError = 2;

    /// <summary>Every command the simulator knows; `run` is also what a bare call does.</summary>
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("WearableFirmware simulator: the firmware core on a simulated board (no hardware needed).\n"
            + "Default command: run. `<command> -h` shows a command's options; `completion` prints a tab-completion script.")
        {
            new Commands.RunCommand(),
            new Commands.AdxlWakeCommand(),
            new Commands.EvalPpgCommand(),
            new Commands.EvalPpgMotionCommand(),
            new Commands.FitSpO2Command(),
            new Commands.EvalAlarmsCommand(),
            new Commands.SoakStoreCommand(),
            new Commands.EvalFallsCommand(),
            new Commands.TuneFallsCommand(),
            new Commands.WriteVectorsCommand(),
            new Commands.SbomCommand(),
        };
        root.Subcommands.Add(new Commands.CompletionCommand(root));
        return root;
    }

    /// <summary>The process entry: a bare call, or options without a command, run the default command.</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        bool defaultCommand = args.Length == 0
            || (args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "--version"));
        return Invoke(CreateRoot(), defaultCommand ? ["run", .. args] : args, output, error);
    }

    public static int Invoke(Command command, IReadOnlyList<string> args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        ParseResult parsed = command.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (string message in Messages(parsed))
            {
                error.WriteLine("error: " + message);
            }

            return UsageError;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is UsageException or InvalidDataException)
        {
            error.WriteLine("error: " + e.Message);
            return UsageError;
        }
    }

    // The library's messages, with unmatched words named as what they are: an unknown command, option or argument.
    private static IEnumerable<string> Messages(ParseResult parsed)
    {
        var unmatched = parsed.UnmatchedTokens;
        bool atRoot = parsed.CommandResult.Command is RootCommand;
        foreach (string token in unmatched)
        {
            if (token.StartsWith('-'))
            {
                yield return $"unknown option {token} (see --help)";
            }
            else if (atRoot && token == unmatched[0])
            {
                var names = parsed.CommandResult.Command.Subcommands.Select(c => c.Name);
                yield return $"unknown command '{token}' (known: {string.Join(", ", names)})";
            }
            else
            {
                yield return $"unexpected argument '{token}' (see --help)";
            }
        }

        foreach (ParseError e in parsed.Errors)
        {
            bool aboutUnmatched = unmatched.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal));
            bool noCommand = atRoot && unmatched.Count > 0 && e.SymbolResult is CommandResult { Command: RootCommand };
            if (!aboutUnmatched && !noCommand)
            {
                yield return e.Message;
            }
        }
    }
}
