using System.Globalization;
using System.Text.RegularExpressions;
using WearableFirmware.SimulatedBoard.Signals;

namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>
/// One WEDA-FALL trial (<c>&lt;code&gt;/Uxx_Rnn_accel.csv</c>, a smartwatch on the wrist) with the hand-set fall window
/// from <c>fall_timestamps.csv</c> when the table has it. Users U21 and above are WEDA's elderly group (77-95 y,
/// activities only); the others are its young volunteers.
/// </summary>
public sealed partial record WedaTrialInfo(string Path, string Code, string Subject, string Trial, (double Start, double End)? Window)
    : FallTrialInfo(Path, Code, Subject, Trial)
{
    /// <summary>First user number of WEDA-FALL's elderly group.</summary>
    public const int FirstElderlyUser = 21;

    /// <summary>"F01/U01_R01", the key fall_timestamps.csv uses.</summary>
    public override string Name => $"{Code}/{Subject}_{Trial}";

    public override string Group => UserNumber >= FirstElderlyUser ? "elderly" : "young";

    public int UserNumber => int.Parse(Subject.AsSpan(1), CultureInfo.InvariantCulture);

    public override (double Start, double End)? FallWindow => Window;

    public override IMotionSource LoadMotion(ReplayOptions options, out double durationSeconds)
    {
        WedaFallTrial trial = WedaFallTrial.Load(Path);
        durationSeconds = trial.DurationSeconds;
        return trial.ToMotionSource(options.ClipG, options.UniformRateHz);
    }

    /// <summary>
    /// Every trial under <paramref name="root"/> (the data set's folder, its <c>dataset</c> folder, its <c>50Hz</c>
    /// folder, or any folder holding <c>&lt;code&gt;/Uxx_Rnn_accel.csv</c>), in a stable order. When the tree also holds
    /// WEDA's derived lower-rate copies, only the <c>50Hz</c> files are taken. The fall windows come from the first
    /// <c>fall_timestamps.csv</c> found under the root or up to two folders above it.
    /// </summary>
    public static IReadOnlyList<WedaTrialInfo> Discover(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new UsageException($"WEDA-FALL folder not found: {root}");
        }

        var files = Directory.EnumerateFiles(root, "*_accel.csv", SearchOption.AllDirectories)
            .Select(f => (File: f, Code: System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(f)) ?? "", Match: TrialName().Match(System.IO.Path.GetFileName(f))))
            .Where(f => CodeName().IsMatch(f.Code) && f.Match.Success)
            .ToList();
        if (files.Any(f => f.File.Contains($"{System.IO.Path.DirectorySeparatorChar}50Hz{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            files = files.Where(f => f.File.Contains($"{System.IO.Path.DirectorySeparatorChar}50Hz{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        }

        if (files.Count == 0)
        {
            throw new UsageException($"no WEDA-FALL trials (like F01/U01_R01_accel.csv) under {root}");
        }

        Dictionary<string, (double, double)> windows = ReadWindows(FindTimestamps(root));
        return files
            .Select(f => new WedaTrialInfo(f.File, f.Code, f.Match.Groups[1].Value, f.Match.Groups[2].Value,
                windows.TryGetValue($"{f.Code}/{f.Match.Groups[1].Value}_{f.Match.Groups[2].Value}", out var w) ? w : null))
            .OrderBy(t => t.Code, StringComparer.Ordinal).ThenBy(t => t.Subject, StringComparer.Ordinal).ThenBy(t => t.Trial, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>True when the folder holds WEDA-FALL-style trials (used to tell the format from the folder).</summary>
    public static bool LooksLikeWeda(string root) =>
        Directory.Exists(root) && Directory.EnumerateFiles(root, "*_accel.csv", SearchOption.AllDirectories)
            .Any(f => CodeName().IsMatch(System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(f)) ?? "") && TrialName().IsMatch(System.IO.Path.GetFileName(f)));

    /// <summary>fall_timestamps.csv: "filename,start_time,end_time" (UTF-8 BOM, CRLF), e.g. "F01/U01_R01,4.7,7.7".</summary>
    public static Dictionary<string, (double Start, double End)> ReadWindows(string? path)
    {
        var windows = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        if (path == null)
        {
            return windows;
        }

        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim().TrimStart('\uFEFF') != "filename,start_time,end_time")
        {
            throw new UsageException($"{path}: expected the header \"filename,start_time,end_time\"");
        }

        for (int i = 1; i < lines.Length; i++)
        {
            string[] f = lines[i].Trim().Split(',');
            if (f.Length == 1 && f[0].Length == 0)
            {
                continue;
            }

            if (f.Length != 3 || !double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double start)
                || !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double end) || end < start)
            {
                throw new UsageException($"{path} line {i + 1}: expected <code>/<user>_<trial>,<start s>,<end s>: \"{lines[i]}\"");
            }

            windows[f[0]] = (start, end);
        }

        return windows;
    }

    private static string? FindTimestamps(string root)
    {
        string? inside = Directory.EnumerateFiles(root, "fall_timestamps.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault();
        if (inside != null)
        {
            return inside;
        }

        DirectoryInfo? up = new DirectoryInfo(root).Parent;
        for (int level = 0; level < 2 && up != null; level++, up = up.Parent)
        {
            string candidate = System.IO.Path.Combine(up.FullName, "fall_timestamps.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[DF]\d{2}$")]
    private static partial Regex CodeName();

    [GeneratedRegex(@"^(U\d+)_(R\d+)_accel\.csv$")]
    private static partial Regex TrialName();
}
