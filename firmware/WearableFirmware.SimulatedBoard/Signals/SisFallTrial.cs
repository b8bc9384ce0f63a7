using System.Globalization;

namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>
/// One SisFall trial file (Sucerquia et al., Sensors 2017) in its original layout: no header, one 200 Hz sample per
/// line, nine comma-separated integers padded with spaces, ';' at the end of the line, CRLF. Columns 1-3 are the
/// ADXL345 (±16 g, 13 bit: 1/256 g per count), 4-6 the ITG3200 gyroscope, 7-9 the MMA8451Q (±8 g, 14 bit: 1/1024 g).
/// Only the accelerometer columns are converted; the file name gives activity, subject and trial (e.g. F01_SA01_R01).
/// </summary>
public sealed class SisFallTrial
{
    public const double SampleRateHz = 200;

    /// <summary>ADXL345 scale in the recording: (2 * 16 g) / 2^13.</summary>
    public const double AdxlGPerCount = 1.0 / 256;

    /// <summary>MMA8451Q scale in the recording: (2 * 8 g) / 2^14.</summary>
    public const double MmaGPerCount = 1.0 / 1024;

    private SisFallTrial(string name, float[] x, float[] y, float[] z, float[] mx, float[] my, float[] mz)
    {
        Name = name;
        X = x;
        Y = y;
        Z = z;
        MmaX = mx;
        MmaY = my;
        MmaZ = mz;
        string[] parts = name.Split('_');
        ActivityCode = parts[0];
        Subject = parts[1];
        Trial = parts[2];
    }

    /// <summary>File name without extension, e.g. "F01_SA01_R01".</summary>
    public string Name { get; }

    /// <summary>D01..D19 (activities of daily living) or F01..F15 (falls).</summary>
    public string ActivityCode { get; }

    public string Subject { get; }

    public string Trial { get; }

    public bool IsFall => ActivityCode.StartsWith('F');

    /// <summary>ADXL345 acceleration in g.</summary>
    public float[] X { get; }

    public float[] Y { get; }

    public float[] Z { get; }

    /// <summary>MMA8451Q acceleration in g (the recording's second accelerometer).</summary>
    public float[] MmaX { get; }

    public float[] MmaY { get; }

    public float[] MmaZ { get; }

    public int Length => X.Length;

    public double DurationSeconds => Length / SampleRateHz;

    public static SisFallTrial Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Parses the file layout; throws <see cref="FormatException"/> naming the line for anything else.</summary>
    public static SisFallTrial Parse(TextReader reader, string name)
    {
        if (!IsTrialName(name))
        {
            throw new FormatException(NotATrialName(name));
        }

        var x = new List<float>(3000);
        var y = new List<float>(3000);
        var z = new List<float>(3000);
        var mx = new List<float>(3000);
        var my = new List<float>(3000);
        var mz = new List<float>(3000);
        Span<int> values = stackalloc int[9];
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            ReadOnlySpan<char> text = line.AsSpan().Trim();
            if (text.IsEmpty)
            {
                continue;
            }

            if (text[^1] != ';')
            {
                throw new FormatException($"{name} line {lineNumber}: expected ';' at the end of the line: \"{line}\"");
            }

            text = text[..^1];
            int column = 0;
            foreach (Range field in text.Split(','))
            {
                if (column == 9)
                {
                    throw new FormatException($"{name} line {lineNumber}: more than 9 columns: \"{line}\"");
                }

                if (!int.TryParse(text[field].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[column]))
                {
                    throw new FormatException($"{name} line {lineNumber}, column {column + 1}: \"{text[field].Trim().ToString()}\" is not an integer");
                }

                column++;
            }

            if (column != 9)
            {
                throw new FormatException($"{name} line {lineNumber}: {column} columns, SisFall has 9: \"{line}\"");
            }

            CheckRange(name, lineNumber, values, 0, AdxlCountRange, "ADXL345 (±16 g, 13 bits)");
            CheckRange(name, lineNumber, values, 6, MmaCountRange, "MMA8451Q (±8 g, 14 bits)");
            x.Add((float)(values[0] * AdxlGPerCount));
            y.Add((float)(values[1] * AdxlGPerCount));
            z.Add((float)(values[2] * AdxlGPerCount));
            mx.Add((float)(values[6] * MmaGPerCount));
            my.Add((float)(values[7] * MmaGPerCount));
            mz.Add((float)(values[8] * MmaGPerCount));
        }

        if (x.Count == 0)
        {
            throw new FormatException($"{name}: no samples");
        }

        return new SisFallTrial(name, x.ToArray(), y.ToArray(), z.ToArray(), mx.ToArray(), my.ToArray(), mz.ToArray());
    }

    // Counts a chip cannot output mean a corrupt file, not a hard impact: the ADXL345 at ±16 g full resolution gives
    // 13-bit counts, the MMA8451Q at ±8 g 14-bit counts (the recorded data saturate exactly at -4096 and -8192).
    private const int AdxlCountRange = 4096;
    private const int MmaCountRange = 8192;

    private static void CheckRange(string name, int lineNumber, ReadOnlySpan<int> values, int first, int range, string chip)
    {
        for (int i = first; i < first + 3; i++)
        {
            if (values[i] < -range || values[i] >= range)
            {
                throw new FormatException($"{name} line {lineNumber}, column {i + 1}: {values[i]} is beyond the {chip} range {-range}..{range - 1}");
            }
        }
    }

    /// <summary>
    /// Trial files under a SisFall root (subject folders, original names such as F01_SA01_R01.txt), in ordinal order.
    /// The data set's Readme.txt (no '_') is skipped; a file named with '_' but not like a trial is refused with a
    /// <see cref="FormatException"/> rather than read under a made-up subject or silently left out of an evaluation.
    /// </summary>
    public static string[] FindTrialFiles(string root)
    {
        var files = new List<string>();
        foreach (string file in Directory.EnumerateFiles(root, "*.txt", SearchOption.AllDirectories))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            if (IsTrialName(name))
            {
                files.Add(file);
            }
            else if (name.Contains('_'))
            {
                throw new FormatException(file + ": " + NotATrialName(name));
            }
        }

        return files.Order(StringComparer.Ordinal).ToArray();
    }

    private static string NotATrialName(string name) =>
        $"\"{name}\" is not a SisFall trial name (activity D01-D19/F01-F15, subject SA01-SA23/SE01-SE15, trial Rnn, e.g. F01_SA01_R01)";

    /// <summary>True for SisFall trial names: activity Dnn or Fnn, subject SAnn or SEnn, trial Rnn, e.g. D01_SE06_R03.</summary>
    public static bool IsTrialName(string name)
    {
        return TrialName.IsMatch(name);
    }

    private static readonly System.Text.RegularExpressions.Regex TrialName = new(@"^[DF][0-9]{2}_S[AE][0-9]{2}_R[0-9]{2}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The ADXL345 columns as a motion source starting at <paramref name="startMicroseconds"/>.</summary>
    public RecordedMotion ToMotionSource(long startMicroseconds = 0) => new(X, Y, Z, SampleRateHz, startMicroseconds);
}
