using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;

namespace WearableFirmware.Simulator;

/// <summary>Anything wrong with what the user gave (arguments or input files): one line on stderr, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Builders for the simulator's options on System.CommandLine. Every option is typed and validated while parsing:
/// numbers must be finite and inside their range, text and paths must not be empty, choices must be known, and no
/// option or flag may be given twice, so a typo or a NaN never silently runs a default.
/// </summary>
public static class Cli
{
    /// <summary>A real number in [min, max]; null when absent (the command supplies its default).</summary>
    public static Option<double?> Number(string name, string description, double min, double max)
    {
        var option = new Option<double?>(name) { Description = description, HelpName = "x" };
        option.CustomParser = result =>
        {
            if (result.Tokens.Count != 1)
            {
                return null; // the parser reports the arity error
            }

            string text = result.Tokens[0].Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                && double.IsFinite(value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError($"{name} must be a number from {Invariant(min)} to {Invariant(max)} (got '{text}')");
            return null;
        };
        return Once(option);
    }

    /// <summary>A whole number in [min, max]; null when absent.</summary>
    public static Option<int?> Whole(string name, string description, int min, int max)
    {
        var option = new Option<int?>(name) { Description = description, HelpName = "n" };
        option.CustomParser = result =>
        {
            if (result.Tokens.Count != 1)
            {
                return null;
            }

            string text = result.Tokens[0].Value;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError($"{name} must be a whole number from {min} to {max} (got '{text}')");
            return null;
        };
        return Once(option);
    }

    /// <summary>A switch: takes no value.</summary>
    public static Option<bool> Flag(string name, string description) =>
        Once(new Option<bool>(name) { Description = description, Arity = ArgumentArity.Zero });

    /// <summary>A non-empty string; null when absent.</summary>
    public static Option<string?> Text(string name, string description, string helpName = "text")
    {
        var option = new Option<string?>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && string.IsNullOrWhiteSpace(result.Tokens[0].Value))
            {
                result.AddError($"{name} needs a value (got an empty string)");
            }
        });
        return Once(option);
    }

    /// <summary>One of a fixed set of words (offered by completion); null when absent.</summary>
    public static Option<string?> Choice(string name, string description, string noun, params string[] known)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = string.Join("|", known) };
        option.CompletionSources.Add(known);
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !known.Contains(result.Tokens[0].Value))
            {
                result.AddError($"unknown {noun} '{result.Tokens[0].Value}' for {name} (known: {string.Join(", ", known)})");
            }
        });
        return Once(option);
    }

    /// <summary>A file the command reads: not empty, and not a directory.</summary>
    public static Option<string?> InputFile(string name, string description)
    {
        var option = Text(name, description, "file");
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && Directory.Exists(result.Tokens[0].Value))
            {
                result.AddError($"{name} wants a file, not the directory {result.Tokens[0].Value}");
            }
        });
        return option;
    }

    /// <summary>A file the command writes: not empty, and not a directory; <see cref="OutputPaths.File"/> checks it can be written.</summary>
    public static Option<string?> OutputFile(string name, string description)
    {
        var option = Text(name, description, "file");
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && Directory.Exists(result.Tokens[0].Value))
            {
                result.AddError($"{name} wants a file to write, not the directory {result.Tokens[0].Value}");
            }
        });
        return option;
    }

    /// <summary>A folder the command writes into: not empty, and not an existing file.</summary>
    public static Option<string?> OutputDirectory(string name, string description)
    {
        var option = Text(name, description, "dir");
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && File.Exists(result.Tokens[0].Value))
            {
                result.AddError($"{name} wants a folder, not the file {result.Tokens[0].Value}");
            }
        });
        return option;
    }

    /// <summary>The data folder a command evaluates: a required positional argument that must be an existing directory.</summary>
    public static Argument<string> DataDirectory(string description)
    {
        var argument = new Argument<string>("data-dir") { Description = description };
        argument.Validators.Add(result =>
        {
            if (result.Tokens.Count != 1)
            {
                return;
            }

            string dir = result.Tokens[0].Value;
            if (string.IsNullOrWhiteSpace(dir))
            {
                result.AddError("the data directory is empty");
            }
            else if (!Directory.Exists(dir))
            {
                result.AddError(File.Exists(dir) ? "wants a data directory, not the file " + dir : "no such directory: " + dir);
            }
        });
        return argument;
    }

    // A repeated option or flag is an error, never "the last one wins".
    private static Option<T> Once<T>(Option<T> option)
    {
        option.Validators.Add(result =>
        {
            if (result.IdentifierTokenCount > 1)
            {
                result.AddError($"{option.Name} given twice");
            }
        });
        return option;
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Output files are checked before a long run starts, so a bad path fails in a second, not after an hour.</summary>
public static class OutputPaths
{
    /// <summary>Creates the file's folder and opens the file for writing once (keeping what it holds).</summary>
    public static string File(string path, string option)
    {
        try
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder != null)
            {
                System.IO.Directory.CreateDirectory(folder);
            }

            using (new FileStream(path, FileMode.Append, FileAccess.Write))
            {
            }

            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"{option}: cannot write {path}: {e.Message}");
        }
    }

    /// <summary>Creates the folder and proves a file can be written into it.</summary>
    public static string Directory(string path, string option)
    {
        try
        {
            System.IO.Directory.CreateDirectory(path);
            string probe = Path.Combine(path, ".write-check-" + Environment.ProcessId);
            System.IO.File.WriteAllBytes(probe, []);
            System.IO.File.Delete(probe);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"{option}: cannot write into {path}: {e.Message}");
        }
    }
}

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
