using System.Globalization;

namespace WearableFirmware.Simulator;

/// <summary>Thrown for anything wrong on the command line; Program prints the message and exits with 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Minimal "--name value" / "--flag" parser: every option must be known to the command, every value must parse,
/// and leftovers are errors, so a typo never silently runs a default.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);

    public CommandLine(IEnumerable<string> args)
    {
        string? pending = null;
        foreach (string arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending != null)
                {
                    _options[pending] = null;
                }

                string name = arg[2..];
                int eq = name.IndexOf('=');
                if (eq >= 0)
                {
                    Add(name[..eq], name[(eq + 1)..]);
                    pending = null;
                }
                else
                {
                    pending = name;
                }
            }
            else if (pending != null)
            {
                Add(pending, arg);
                pending = null;
            }
            else
            {
                Positionals.Add(arg);
            }
        }

        if (pending != null)
        {
            _options[pending] = null;
        }
    }

    public List<string> Positionals { get; } = new();

    public bool Flag(string name)
    {
        if (!_options.TryGetValue(name, out string? value))
        {
            return false;
        }

        _consumed.Add(name);
        if (value != null)
        {
            throw new UsageException($"--{name} is a flag and takes no value (got '{value}')");
        }

        return true;
    }

    public string? String(string name)
    {
        if (!_options.TryGetValue(name, out string? value))
        {
            return null;
        }

        _consumed.Add(name);
        return value ?? throw new UsageException($"--{name} needs a value");
    }

    public double Double(string name, double fallback, double min, double max)
    {
        string? text = String(name);
        if (text == null)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < min || value > max)
        {
            throw new UsageException($"--{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (got '{text}')");
        }

        return value;
    }

    public int Int(string name, int fallback, int min, int max)
    {
        string? text = String(name);
        if (text == null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new UsageException($"--{name} must be a whole number from {min} to {max} (got '{text}')");
        }

        return value;
    }

    /// <summary>Call after reading every option a command knows: anything left over is a typo.</summary>
    public void RejectUnknown(int maxPositionals = 0)
    {
        foreach (string name in _options.Keys)
        {
            if (!_consumed.Contains(name))
            {
                throw new UsageException($"unknown option --{name} (see --help)");
            }
        }

        if (Positionals.Count > maxPositionals)
        {
            throw new UsageException($"unexpected argument '{Positionals[maxPositionals]}' (see --help)");
        }
    }

    private void Add(string name, string value)
    {
        if (_options.ContainsKey(name))
        {
            throw new UsageException($"--{name} given twice");
        }

        _options[name] = value;
    }
}
