using System.Globalization;
using WearableFirmware.Vitals;

namespace WearableFirmware.SimulatedBoard.Vitals;

/// <summary>
/// A calibration curve as a small text file (written by <c>fit-spo2</c>, read by <c>eval-ppg --calibration</c> and
/// anything else on the host that configures the vitals):
/// <code>
/// # comment
/// constant = 112.69
/// linear = -34.66
/// quadratic = 1.596
/// source = free text
/// </code>
/// </summary>
public static class SpO2CalibrationFile
{
    /// <summary>The calibrations the firmware ships, by the name the command line knows them by.</summary>
    public static readonly IReadOnlyDictionary<string, Func<SpO2Calibration>> Named = new Dictionary<string, Func<SpO2Calibration>>(StringComparer.Ordinal)
    {
        ["max3010x"] = SpO2Calibration.Max3010xMaxim,
        ["maxm86161-finger"] = SpO2Calibration.Maxm86161Finger,
    };

    /// <summary>A shipped calibration by name (<see cref="Named"/>), otherwise a calibration file.</summary>
    public static SpO2Calibration NamedOrLoad(string nameOrPath)
    {
        return Named.TryGetValue(nameOrPath, out Func<SpO2Calibration>? named) ? named() : Load(nameOrPath);
    }

    public static void Save(string path, SpO2Calibration calibration, string comment)
    {
        string text = "# SpO2 calibration: SpO2 = constant + linear*R + quadratic*R^2, R = (AC/DC red) / (AC/DC IR)\n"
            + "# " + comment.Replace('\n', ' ') + "\n"
            + "constant = " + calibration.Constant.ToString("R", CultureInfo.InvariantCulture) + "\n"
            + "linear = " + calibration.Linear.ToString("R", CultureInfo.InvariantCulture) + "\n"
            + "quadratic = " + calibration.Quadratic.ToString("R", CultureInfo.InvariantCulture) + "\n"
            + "source = " + calibration.Source.Replace('\n', ' ') + "\n";
        File.WriteAllText(path, text);
    }

    /// <summary>Reads a calibration file; throws InvalidDataException naming the file and line on anything wrong.</summary>
    public static SpO2Calibration Load(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        int number = 0;
        foreach (string raw in File.ReadAllLines(path))
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            int eq = line.IndexOf('=');
            if (eq <= 0)
            {
                throw new InvalidDataException(path + ":" + number + ": expected 'name = value'");
            }

            string key = line[..eq].Trim();
            if (key is not ("constant" or "linear" or "quadratic" or "source") || !values.TryAdd(key, line[(eq + 1)..].Trim()))
            {
                throw new InvalidDataException(path + ":" + number + ": unknown or repeated setting '" + key + "'");
            }
        }

        var calibration = new SpO2Calibration(Coefficient(values, "constant", path), Coefficient(values, "linear", path),
            values.ContainsKey("quadratic") ? Coefficient(values, "quadratic", path) : 0f,
            values.TryGetValue("source", out string? source) ? source : Path.GetFileName(path));
        try
        {
            calibration.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(path + ": " + e.Message, e);
        }

        return calibration;
    }

    private static float Coefficient(Dictionary<string, string> values, string key, string path)
    {
        if (!values.TryGetValue(key, out string? text))
        {
            throw new InvalidDataException(path + ": '" + key + "' missing");
        }

        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) || !float.IsFinite(v))
        {
            throw new InvalidDataException(path + ": '" + key + "' is not a number: '" + text + "'");
        }

        return v;
    }
}
