using System.Globalization;

namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>Which data set a recording comes from (they carry different references).</summary>
public enum PpgDataSet
{
    /// <summary>Welltory: phone-camera PPG with Polar H10 chest-strap RR intervals.</summary>
    Welltory,

    /// <summary>ubicomplab oximetry-phone-cam: induced desaturation with clinical oximeters' SpO2 and pulse rate.</summary>
    Oximetry,
}

/// <summary>
/// One recorded PPG, resampled to a fixed rate and given as the two channels a MAX3010x measures. The recordings are
/// phone-camera PPG (mean R, G, B of each frame, 0-255, no infrared), so the channels are stand-ins:
/// <list type="bullet">
/// <item>"red" is the camera's R channel on both data sets;</item>
/// <item>"IR" (the beat-detection channel and the ratio's reference wavelength) is the camera's G channel on the
/// oximetry data by default (<see cref="LoadAll"/> can take B instead) and R again on Welltory, where the flash
/// drives G and B to zero on most records, so Welltory serves heart rate only.</item>
/// </list>
/// Values are scaled by <see cref="CountsPerCameraUnit"/> so that the camera's 0-255 lands in the MAX30102's 18-bit
/// ADC range (0-262143); resampling is linear interpolation on the frames' capture times.
/// </summary>
public sealed class PpgRecording
{
    /// <summary>ADC counts per camera intensity unit (255 × 1000 ≈ 18-bit full scale).</summary>
    public const float CountsPerCameraUnit = 1000f;

    private PpgRecording(string name, string subject, PpgDataSet dataSet, int sampleRateHz, float[] red, float[] ir)
    {
        Name = name;
        Subject = subject;
        DataSet = dataSet;
        SampleRateHz = sampleRateHz;
        Red = red;
        Ir = ir;
    }

    /// <summary>Unique name, e.g. "welltory/subject_01" or "oximetry/100001-Left".</summary>
    public string Name { get; }

    /// <summary>The person (for leave-one-subject-out); Welltory does not publish who is who, so each record is its own.</summary>
    public string Subject { get; }

    public PpgDataSet DataSet { get; }

    public int SampleRateHz { get; }

    /// <summary>Red channel (ADC-count scale), one value per sample.</summary>
    public float[] Red { get; }

    /// <summary>IR stand-in channel (ADC-count scale).</summary>
    public float[] Ir { get; }

    public double DurationSeconds => Red.Length / (double)SampleRateHz;

    /// <summary>Welltory: chest-strap beat times (s from the recording start; cumulative RR). Empty otherwise.</summary>
    public double[] ReferenceBeatTimes { get; private set; } = [];

    /// <summary>Oximetry: reference time axis (s from start, 1 Hz). Empty otherwise.</summary>
    public double[] ReferenceTimes { get; private set; } = [];

    /// <summary>Oximetry: mean pulse rate of the oximeters reporting at each reference time (NaN if none).</summary>
    public double[] ReferencePulseRate { get; private set; } = [];

    /// <summary>Oximetry: mean SpO2 of the oximeters reporting at each reference time (NaN if none).</summary>
    public double[] ReferenceSpO2 { get; private set; } = [];

    /// <summary>
    /// Reference heart rate at time t (s): Welltory, 60 / mean of the chest-strap RR intervals that ended in the
    /// last <paramref name="windowSeconds"/>; oximetry, the oximeters' pulse rate at that second. NaN when none.
    /// </summary>
    public double ReferenceHeartRate(double t, double windowSeconds)
    {
        if (DataSet == PpgDataSet.Oximetry)
        {
            return At(ReferencePulseRate, t);
        }

        double sum = 0;
        int n = 0;
        for (int i = 1; i < ReferenceBeatTimes.Length; i++)
        {
            double end = ReferenceBeatTimes[i];
            if (end > t)
            {
                break;
            }

            if (end > t - windowSeconds)
            {
                sum += end - ReferenceBeatTimes[i - 1];
                n++;
            }
        }

        return n >= 2 ? 60.0 * n / sum : double.NaN;
    }

    /// <summary>Reference SpO2 at time t (s), NaN when there is none.</summary>
    public double ReferenceSpO2At(double t) => At(ReferenceSpO2, t);

    /// <summary>
    /// Every recording under a ppg data directory (the one holding welltory/ and oximetry-phone-cam/), resampled to
    /// <paramref name="sampleRateHz"/>. <paramref name="oximetryIrChannel"/> picks the camera channel that stands in
    /// for IR on the oximetry data: 'G' or 'B'. A missing data set is skipped; a malformed file throws naming it.
    /// </summary>
    public static IReadOnlyList<PpgRecording> LoadAll(string dataDir, int sampleRateHz, char oximetryIrChannel = 'G', Action<string>? progress = null)
    {
        if (!Directory.Exists(dataDir))
        {
            throw new DirectoryNotFoundException("PPG data directory not found: " + dataDir);
        }

        if (oximetryIrChannel is not ('G' or 'B'))
        {
            throw new ArgumentException("the IR stand-in channel must be G or B", nameof(oximetryIrChannel));
        }

        var all = new List<PpgRecording>();
        string welltory = Path.Combine(dataDir, "welltory", "data");
        if (Directory.Exists(welltory))
        {
            foreach (string dir in Directory.GetDirectories(welltory).OrderBy(d => d, StringComparer.Ordinal))
            {
                progress?.Invoke("loading " + dir);
                all.Add(LoadWelltory(dir, sampleRateHz));
            }
        }

        string oximetry = Path.Combine(dataDir, "oximetry-phone-cam", "data");
        if (Directory.Exists(oximetry))
        {
            foreach (string gt in Directory.GetFiles(Path.Combine(oximetry, "gt"), "1*.csv").OrderBy(f => f, StringComparer.Ordinal))
            {
                string id = Path.GetFileNameWithoutExtension(gt);
                foreach (string hand in new[] { "Left", "Right" })
                {
                    string ppg = Path.Combine(oximetry, "ppg-csv", hand, id + ".csv");
                    if (File.Exists(ppg))
                    {
                        progress?.Invoke("loading " + ppg);
                        all.Add(LoadOximetry(ppg, gt, id, hand, sampleRateHz, oximetryIrChannel));
                    }
                }
            }
        }

        if (all.Count == 0)
        {
            throw new InvalidDataException("no recordings under " + dataDir + " (expected welltory/data/* or oximetry-phone-cam/data/*)");
        }

        return all;
    }

    /// <summary>One Welltory record: PPG.csv (time ms, R, G, B) and RR.txt (ms).</summary>
    public static PpgRecording LoadWelltory(string recordDir, int sampleRateHz)
    {
        string name = Path.GetFileName(recordDir);
        string csv = Path.Combine(recordDir, "PPG.csv");
        var times = new List<double>();
        var r = new List<double>();
        foreach ((int line, string[] cells) in Rows(csv, 4))
        {
            times.Add(Number(cells[0], csv, line) / 1000.0);
            r.Add(Number(cells[1], csv, line));
        }

        float[] red = Resample(times, r, sampleRateHz, csv);
        var recording = new PpgRecording("welltory/" + name, "welltory/" + name, PpgDataSet.Welltory, sampleRateHz, red, (float[])red.Clone());
        string rrFile = Path.Combine(recordDir, "RR.txt");
        var beats = new List<double> { 0 };
        foreach (string token in File.ReadAllText(rrFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            beats.Add(beats[^1] + Number(token, rrFile, 1) / 1000.0);
        }

        recording.ReferenceBeatTimes = beats.ToArray();
        return recording;
    }

    /// <summary>One oximetry-study hand: ppg-csv/&lt;hand&gt;/&lt;id&gt;.csv (R,G,B at 30 fps) and gt/&lt;id&gt;.csv (1 Hz).</summary>
    public static PpgRecording LoadOximetry(string ppgCsv, string gtCsv, string id, string hand, int sampleRateHz, char irChannel)
    {
        const double FrameRate = 30.0;
        var times = new List<double>();
        var r = new List<double>();
        var second = new List<double>();
        int column = irChannel == 'G' ? 1 : 2;
        foreach ((int line, string[] cells) in Rows(ppgCsv, 3))
        {
            times.Add(times.Count / FrameRate);
            r.Add(Number(cells[0], ppgCsv, line));
            second.Add(Number(cells[column], ppgCsv, line));
        }

        var recording = new PpgRecording("oximetry/" + id + "-" + hand, "oximetry/" + id, PpgDataSet.Oximetry, sampleRateHz,
            Resample(times, r, sampleRateHz, ppgCsv), Resample(times, second, sampleRateHz, ppgCsv));
        recording.LoadOximetryReference(gtCsv);
        return recording;
    }

    private void LoadOximetryReference(string gtCsv)
    {
        string[] lines = File.ReadAllLines(gtCsv);
        if (lines.Length < 2)
        {
            throw new InvalidDataException(gtCsv + ": no reference rows");
        }

        string[] header = lines[0].TrimStart('\uFEFF').Split(',');
        int[] spo2 = Columns(header, gtCsv, "SpO2 1", "SpO2 2", "SpO2 4", "SpO2 5");
        int[] pulse = Columns(header, gtCsv, "Pulse 1", "Pulse 2", "Pulse 4", "Pulse 5");
        var t = new List<double>();
        var s = new List<double>();
        var p = new List<double>();
        double? start = null;
        for (int i = 1; i < lines.Length; i++)
        {
            string[] cells = lines[i].Split(',');
            if (cells.Length < header.Length - 5 || !TimeSpan.TryParse(cells[0].Trim(), CultureInfo.InvariantCulture, out TimeSpan clock))
            {
                continue; // e.g. the closing "Collection Halted" row
            }

            double seconds = clock.TotalSeconds;
            start ??= seconds;
            if (seconds < start.Value)
            {
                seconds += 24 * 3600; // past midnight
            }

            t.Add(seconds - start.Value);
            s.Add(MeanOfReporting(cells, spo2, 50, 100.5));
            p.Add(MeanOfReporting(cells, pulse, 25, 250));
        }

        ReferenceTimes = t.ToArray();
        ReferenceSpO2 = s.ToArray();
        ReferencePulseRate = p.ToArray();
    }

    // Oximeters write 0 (or nothing) while they have no value; only plausible values are averaged.
    private static double MeanOfReporting(string[] cells, int[] columns, double min, double max)
    {
        double sum = 0;
        int n = 0;
        foreach (int c in columns)
        {
            if (c < cells.Length && double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= min && v <= max)
            {
                sum += v;
                n++;
            }
        }

        return n > 0 ? sum / n : double.NaN;
    }

    private static int[] Columns(string[] header, string file, params string[] names)
    {
        var result = new int[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            result[i] = Array.IndexOf(header, names[i]);
            if (result[i] < 0)
            {
                throw new InvalidDataException(file + ": column '" + names[i] + "' missing");
            }
        }

        return result;
    }

    private double At(double[] series, double t)
    {
        if (ReferenceTimes.Length == 0 || t < ReferenceTimes[0])
        {
            return double.NaN;
        }

        int i = Array.BinarySearch(ReferenceTimes, t);
        if (i < 0)
        {
            i = ~i - 1;
        }

        return i < series.Length && t - ReferenceTimes[i] <= 1.5 ? series[i] : double.NaN;
    }

    private static IEnumerable<(int Line, string[] Cells)> Rows(string csv, int columns)
    {
        int line = 0;
        foreach (string text in File.ReadLines(csv))
        {
            line++;
            if (line == 1 || text.Length == 0)
            {
                continue; // header
            }

            string[] cells = text.Split(',');
            if (cells.Length < columns)
            {
                throw new InvalidDataException(csv + ":" + line + ": expected " + columns + " columns, got " + cells.Length);
            }

            yield return (line, cells);
        }
    }

    private static double Number(string text, string file, int line)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || double.IsNaN(v))
        {
            throw new InvalidDataException(file + ":" + line + ": not a number: '" + text + "'");
        }

        return v;
    }

    /// <summary>Linear interpolation of (t, v) onto a uniform grid starting at t[0], scaled to ADC counts.</summary>
    private static float[] Resample(List<double> t, List<double> v, int rate, string file)
    {
        if (t.Count < 2)
        {
            throw new InvalidDataException(file + ": fewer than two samples");
        }

        int n = (int)Math.Floor((t[^1] - t[0]) * rate) + 1;
        var result = new float[n];
        int j = 0;
        for (int i = 0; i < n; i++)
        {
            double ti = t[0] + i / (double)rate;
            while (j < t.Count - 2 && t[j + 1] < ti)
            {
                j++;
            }

            double span = t[j + 1] - t[j];
            double w = span > 0 ? (ti - t[j]) / span : 0;
            w = Math.Clamp(w, 0, 1);
            result[i] = (float)((v[j] + w * (v[j + 1] - v[j])) * CountsPerCameraUnit);
        }

        return result;
    }
}
