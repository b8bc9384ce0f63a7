using System.Globalization;
using System.Text.RegularExpressions;
using WearableFirmware.Drivers.Max3010x;

namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>
/// Reader for the OxiWear recordings (../shared/data/ppg-redir/oxiwear, README there): a Maxim MAXM86161 evaluation
/// kit on a finger, one test point of a few seconds per file, named <c>&lt;HHMM&gt;-&lt;SpO2&gt;-&lt;HR&gt;.csv</c>
/// (a trailing <c>_</c>, <c>__</c> or <c>-</c> before the extension is allowed). Layout: register names and their hex
/// values (the first half of the lines before <c>start time,</c> names, the second half values, line by line), a
/// <c>timestamp,sampleNum,...</c> column header, data rows, then trailer lines.
/// <list type="bullet">
/// <item>Channels come from the LED sequence registers (0x20: LEDC2 high nibble, LEDC1 low; 0x21: LEDC3 low): code 2
/// is LED2 (infrared), 3 is LED3 (red), 9 the direct-ambient exposure (no LED lit). The files here hold 0x32 and 0x09:
/// LEDC1 = IR, LEDC2 = red, LEDC3 = ambient.</item>
/// <item>Timing: 64 Hz by sample number. The host's timestamps are not sample times: in some files they come in
/// packets 11 ms and 120 ms apart (1355-79-79: the first hundred samples would play 40 % fast).</item>
/// <item>The first <see cref="StartupTransientRows"/> rows are the front end's start-up (both LEDs near 58,000,
/// then red near 91,000, against 95,000-106,000 after): dropped.</item>
/// <item>Counts: 19-bit ADC over the full scale set by PPG1_ADC_RGE (0x11 bits 3:2: 4096 nA &lt;&lt; code; 16384 nA
/// here, the MAX30102 default range).</item>
/// </list>
/// </summary>
public static class OxiWearFile
{
    /// <summary>Sample rate of the evaluation-kit recordings (data set readme; median timestamp step 15.6 ms).</summary>
    public const double SampleRateHz = 64;

    /// <summary>Rows of start-up transient at the start of every file.</summary>
    public const int StartupTransientRows = 2;

    /// <summary>MAXM86161 ADC resolution.</summary>
    public const int AdcBits = 19;

    private const int LedCodeInfrared = 2;
    private const int LedCodeRed = 3;
    private const int LedCodeAmbient = 9;
    private const string DataHeaderStart = "timestamp,sampleNum,";

    private static readonly Regex NamePattern = new(@"^(?<clock>\d{4})-(?<spo2>\d{2,3})-(?<hr>\d{2,3})[-_]*$", RegexOptions.CultureInvariant);

    /// <summary>True when the file starts with the MAXM86161 register header.</summary>
    public static bool IsOxiWearFile(string path)
    {
        if (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        using var reader = new StreamReader(path);
        string? first = reader.ReadLine();
        return first != null && first.TrimStart('\uFEFF').StartsWith("MAXM86161reg", StringComparison.Ordinal);
    }

    /// <summary>
    /// The folder holding the OxiWear files under <paramref name="dataDir"/>: dataDir/oxiwear/proto1 (dataDir =
    /// ppg-redir), dataDir/proto1 (dataDir = oxiwear) or dataDir itself; null when none holds one.
    /// </summary>
    public static string? FindFolder(string dataDir)
    {
        foreach (string candidate in new[] { Path.Combine(dataDir, "oxiwear", "proto1"), Path.Combine(dataDir, "proto1"), dataDir })
        {
            if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.csv").Any(IsOxiWearFile))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Every OxiWear file in <paramref name="folder"/>, in name order (= clock order); other CSV files are skipped.</summary>
    public static IReadOnlyList<PpgRecording> LoadFolder(string folder, Action<string>? progress = null)
    {
        var all = new List<PpgRecording>();
        foreach (string file in Directory.GetFiles(folder, "*.csv").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal))
        {
            if (!IsOxiWearFile(file))
            {
                progress?.Invoke("skipping " + file + " (no MAXM86161 register header)");
                continue;
            }

            progress?.Invoke("loading " + file);
            all.Add(Load(file));
        }

        return all;
    }

    /// <summary>Reference SpO2 (%) and heart rate (bpm) from a file name; throws InvalidDataException when it does not fit.</summary>
    public static (int Clock, double SpO2, double HeartRate) ParseName(string path)
    {
        string stem = Path.GetFileNameWithoutExtension(path);
        Match m = NamePattern.Match(stem);
        if (!m.Success)
        {
            throw new InvalidDataException(path + ": the name must be <HHMM>-<SpO2>-<HR>.csv (e.g. 1516-95-73.csv)");
        }

        int clock = int.Parse(m.Groups["clock"].Value, CultureInfo.InvariantCulture);
        double spo2 = int.Parse(m.Groups["spo2"].Value, CultureInfo.InvariantCulture);
        double hr = int.Parse(m.Groups["hr"].Value, CultureInfo.InvariantCulture);
        if (spo2 < 50 || spo2 > 100 || hr < 25 || hr > 250)
        {
            throw new InvalidDataException(path + ": reference SpO2 " + spo2 + " % or heart rate " + hr + " bpm out of range (50-100 %, 25-250 bpm)");
        }

        return (clock, spo2, hr);
    }

    /// <summary>One test point; throws InvalidDataException naming the file (and line) on anything malformed.</summary>
    public static PpgRecording Load(string path)
    {
        var (_, spo2, hr) = ParseName(path);
        string[] lines = File.ReadAllLines(path);
        int header = Array.FindIndex(lines, l => l.StartsWith(DataHeaderStart, StringComparison.Ordinal));
        if (header < 0)
        {
            throw new InvalidDataException(path + ": no column header line starting with '" + DataHeaderStart + "'");
        }

        Dictionary<string, int> registers = Registers(lines, header, path);
        int sequence1 = Register(registers, "MAXM86161reg0x20", path);
        int sequence2 = Register(registers, "MAXM86161reg0x21", path);
        int[] codes = [sequence1 & 0x0F, sequence1 >> 4, sequence2 & 0x0F];
        int irColumn = Column(lines[header], codes, LedCodeInfrared, "infrared (LED2)", path);
        int redColumn = Column(lines[header], codes, LedCodeRed, "red (LED3)", path);
        int ambientColumn = Column(lines[header], codes, LedCodeAmbient, "ambient", path);
        int sampleColumn = Array.IndexOf(lines[header].Split(','), "sampleNum");
        float fullScaleNanoamps = FullScaleNanoamps(Register(registers, "MAXM86161reg0x11", path));

        var times = new List<long>();
        var red = new List<float>();
        var ir = new List<float>();
        var ambient = new List<float>();
        long firstSample = 0;
        long previousSample = long.MinValue;
        int rows = 0;
        for (int i = header + 1; i < lines.Length; i++)
        {
            string[] cells = lines[i].Split(',');
            if (!double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                break; // the trailer ("stop time,...")
            }

            int line = i + 1;
            long sample = (long)Count(cells, sampleColumn, path, line);
            if (sample <= previousSample)
            {
                throw new InvalidDataException(path + ":" + line + ": sample number " + sample + " does not follow " + previousSample);
            }

            previousSample = sample;
            rows++;
            if (rows <= StartupTransientRows)
            {
                continue;
            }

            if (times.Count == 0)
            {
                firstSample = sample;
            }

            times.Add((long)Math.Round((sample - firstSample) * 1e6 / SampleRateHz));
            ir.Add(Count(cells, irColumn, path, line) * fullScaleNanoamps / (1 << AdcBits));
            red.Add(Count(cells, redColumn, path, line) * fullScaleNanoamps / (1 << AdcBits));
            ambient.Add(Count(cells, ambientColumn, path, line) * fullScaleNanoamps / (1 << AdcBits));
        }

        if (times.Count < 2)
        {
            throw new InvalidDataException(path + ": fewer than two samples after the " + StartupTransientRows + " start-up rows");
        }

        return PpgRecording.FromMaxm86161(Path.GetFileNameWithoutExtension(path), times.ToArray(), red.ToArray(), ir.ToArray(),
            ambient.ToArray(), spo2, hr);
    }

    /// <summary>
    /// The firmware's MAX30102 settings with the driver's red/IR order correction off. The driver takes a module whose
    /// red returns more light per mA than its IR for a clone that delivers IR first, and swaps the channels; on this
    /// finger and module red does return more (about 1.3 times at equal drive), so the check would swap genuine
    /// channels. The order here is known from the LED sequence registers, so the replay keeps it (and reports what
    /// the check found).
    /// </summary>
    public static Max3010xSettings ReplaySettings()
    {
        return new Max3010xSettings { CorrectSwappedChannels = false };
    }

    /// <summary>
    /// The light for the MAX30102 model: the recorded photocurrents (nA) as they were, so the replay's counts are the
    /// same fraction of the same 16384 nA range (the MAXM86161's 19-bit counts become 18-bit counts halved). LED light
    /// is the LED exposure minus the ambient exposure, divided by the replay's LED drive (nA per mA, what the model
    /// multiplies back); the ambient goes in as ambient photocurrent, which the model's ambient light cancellation
    /// removes (about 30-50 nA here, far below its limit), as the chip does.
    /// </summary>
    public static RecordedPpgSignal ToSignal(PpgRecording recording, Max3010xSettings? settings = null)
    {
        if (recording.DataSet != PpgDataSet.OxiWear)
        {
            throw new ArgumentException(recording.Name + " is not an OxiWear recording", nameof(recording));
        }

        settings ??= new Max3010xSettings();
        int n = recording.Red.Length;
        var red = new float[n];
        var ir = new float[n];
        for (int i = 0; i < n; i++)
        {
            red[i] = Math.Max(0f, recording.Red[i] - recording.Ambient[i]) / settings.RedLedCurrentMilliamps;
            ir[i] = Math.Max(0f, recording.Ir[i] - recording.Ambient[i]) / settings.IrLedCurrentMilliamps;
        }

        return new RecordedPpgSignal(red, ir, recording.FrameTimesMicroseconds, (float[])recording.Ambient.Clone());
    }

    // PPG1_ADC_RGE, PPG_CONFIG1 bits 3:2: 4, 8, 16 or 32 µA full scale.
    private static float FullScaleNanoamps(int ppgConfig1) => 4096 << ((ppgConfig1 >> 2) & 0x03);

    // The lines before "start time,": the first half names, the second half their values, line for line.
    private static Dictionary<string, int> Registers(string[] lines, int header, string path)
    {
        int start = Array.FindIndex(lines, 0, header, l => l.StartsWith("start time,", StringComparison.Ordinal));
        if (start < 2 || start % 2 != 0)
        {
            throw new InvalidDataException(path + ": expected register name lines and as many value lines before 'start time,'");
        }

        var registers = new Dictionary<string, int>(StringComparer.Ordinal);
        int half = start / 2;
        for (int i = 0; i < half; i++)
        {
            string[] names = lines[i].TrimStart('\uFEFF').Split(',');
            string[] values = lines[i + half].Split(',');
            for (int c = 0; c < names.Length && c < values.Length; c++)
            {
                string value = values[c].Trim();
                if (names[c].StartsWith("MAXM86161reg", StringComparison.Ordinal) && value.StartsWith("0x", StringComparison.Ordinal)
                    && int.TryParse(value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int v))
                {
                    registers[names[c]] = v;
                }
            }
        }

        return registers;
    }

    private static int Register(Dictionary<string, int> registers, string name, string path)
    {
        if (!registers.TryGetValue(name, out int value))
        {
            throw new InvalidDataException(path + ": register " + name + " missing from the header");
        }

        return value;
    }

    private static int Column(string header, int[] codes, int code, string what, string path)
    {
        int exposure = Array.IndexOf(codes, code);
        int column = exposure < 0 ? -1 : Array.IndexOf(header.Split(','), "LEDC" + (exposure + 1));
        if (column < 0)
        {
            throw new InvalidDataException(path + ": no " + what + " exposure in the LED sequence (registers 0x20/0x21) or its LEDC column");
        }

        return column;
    }

    private static float Count(string[] cells, int column, string path, int line)
    {
        if (column >= cells.Length || !double.TryParse(cells[column], NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            || !double.IsFinite(v) || v < 0)
        {
            throw new InvalidDataException(path + ":" + line + ": column " + (column + 1) + " is not a non-negative number: '"
                + (column < cells.Length ? cells[column] : "") + "'");
        }

        return (float)v;
    }
}
