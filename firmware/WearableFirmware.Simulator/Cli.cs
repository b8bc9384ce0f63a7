using System.CommandLine;
using System.Globalization;

namespace WearableFirmware.Simulator;

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

    internal static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A setting's value as written in help texts (0.9f reads 0.9, not its double expansion).</summary>
    internal static string Invariant(float value) => value.ToString(CultureInfo.InvariantCulture);
}
