using System.Globalization;
using WearableFirmware.Drivers.Max3010x;

namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>
/// One recorded PPG as the two channels a MAX3010x measures, at the recording's own frame times. The OxiWear
/// recordings are real red and infrared from a sibling optical front end (<see cref="OxiWearFile"/>); the others are
/// phone-camera PPG (mean R, G, B of each frame, 0-255, no infrared), so the channels are stand-ins:
/// <list type="bullet">
/// <item>"red" is the camera's R channel on both data sets;</item>
/// <item>"IR" (the beat-detection channel and the ratio's reference wavelength) is the camera's G channel on the
/// oximetry data by default (<see cref="LoadAll"/> can take B instead) and R again on Welltory, where the flash
/// drives G and B to zero on most records, so Welltory serves heart rate only.</item>
/// </list>
/// <see cref="ToSignal"/> turns it into the light the MAX30102 model sees; the model samples it at its own
/// conversion times, which resamples the recording to the configured rate.
/// </summary>
public sealed class PpgRecording
{
    private PpgRecording(string name, string subject, PpgDataSet dataSet, long[] frameTimes, float[] red, float[] ir)
    {
        Name = name;
        Subject = subject;
        DataSet = dataSet;
        FrameTimesMicroseconds = frameTimes;
        Red = red;
        Ir = ir;
    }

    /// <summary>
    /// A MAXM86161 test point (<see cref="OxiWearFile"/>): red, IR and ambient photocurrent (nA), the reference SpO2
    /// and heart rate of the whole file.
    /// </summary>
    internal static PpgRecording FromMaxm86161(string name, long[] sampleTimes, float[] red, float[] ir, float[] ambient,
        double referenceSpO2, double referenceHeartRate)
    {
        return new PpgRecording("oxiwear/" + name, "oxiwear/subject", PpgDataSet.OxiWear, sampleTimes, red, ir)
        {
            Ambient = ambient,
            TestPointSpO2 = referenceSpO2,
            TestPointHeartRate = referenceHeartRate,
        };
    }
    /// <summary>
    /// OxiWear test points joined into one recording (<see cref="OxiWearSequence"/>): photocurrents as
    /// <see cref="FromMaxm86161"/>, the reference SpO2 and heart rate as a time series that steps at each join.
    /// </summary>
    internal static PpgRecording JoinedMaxm86161(string name, long[] sampleTimes, float[] red, float[] ir, float[] ambient,
        double[] referenceTimes, double[] referenceSpO2, double[] referenceHeartRate)
    {
        return new PpgRecording("oxiwear/" + name, "oxiwear/subject", PpgDataSet.OxiWear, sampleTimes, red, ir)
        {
            Ambient = ambient,
            ReferenceTimes = referenceTimes,
            ReferenceSpO2 = referenceSpO2,
            ReferencePulseRate = referenceHeartRate,
        };
    }

    /// <summary>Unique name, e.g. "welltory/subject_01" or "oximetry/100001-Left".</summary>
    public string Name { get; }

    /// <summary>The person (for leave-one-subject-out); Welltory does not publish who is who, so each record is its own.</summary>
    public string Subject { get; }

    public PpgDataSet DataSet { get; }

    /// <summary>Capture time of each frame, µs from the first (strictly increasing).</summary>
    public long[] FrameTimesMicroseconds { get; }

    /// <summary>Red channel per frame: camera intensity units (0-255), or photocurrent in nA (OxiWear: counts × full scale / 2^19).</summary>
    public float[] Red { get; }

    /// <summary>IR (or its camera stand-in) per frame, in the same units as <see cref="Red"/>.</summary>
    public float[] Ir { get; }

    /// <summary>OxiWear: the ambient exposure (no LED lit) per sample, photocurrent in nA. Empty otherwise.</summary>
    public float[] Ambient { get; private init; } = [];

    /// <summary>OxiWear: the reference oximeter's SpO2 (%) for the whole test point; NaN otherwise.</summary>
    public double TestPointSpO2 { get; private init; } = double.NaN;

    /// <summary>OxiWear: the reference heart rate (bpm) for the whole test point; NaN otherwise.</summary>
    public double TestPointHeartRate { get; private init; } = double.NaN;

    public double DurationSeconds => FrameTimesMicroseconds[^1] / 1e6;

    /// <summary>
    /// The recording as photodiode light for the MAX30102 model (set its <see cref="RecordedPpgSignal.StartMicroseconds"/>
    /// to the model time the first frame should play). Camera units have no optical meaning, so each channel is scaled to the
    /// skin levels of <see cref="SyntheticPpgSignal"/> (mean IR <see cref="SyntheticPpgSignal.TypicalIrDcNanoampsPerMilliamp"/>,
    /// red <see cref="SyntheticPpgSignal.TypicalRedDcNanoampsPerMilliamp"/> nA per mA): with the firmware's default
    /// settings (7 mA, 16384 nA full scale, 18 bits) that is about 100,800 and 61,600 ADC counts, 38 % and 23 % of
    /// full scale, with room for the pulse and baseline swings. A constant gain per channel leaves every AC/DC
    /// ratio, and so the ratio of ratios, unchanged.
    /// </summary>
    /// <remarks>OxiWear recordings keep their photocurrent instead (<see cref="OxiWearFile.ToSignal"/>, at the LED drive of
    /// <paramref name="settings"/>, default the firmware's).</remarks>
    public RecordedPpgSignal ToSignal(Max3010xSettings? settings = null)
    {
        if (DataSet == PpgDataSet.OxiWear)
        {
            return OxiWearFile.ToSignal(this, settings);
        }

        return new RecordedPpgSignal(
            RecordedPpgSignal.ScaleToMean(Red, SyntheticPpgSignal.TypicalRedDcNanoampsPerMilliamp),
            RecordedPpgSignal.ScaleToMean(Ir, SyntheticPpgSignal.TypicalIrDcNanoampsPerMilliamp),
            FrameTimesMicroseconds);
    }

    /// <summary>Welltory: chest-strap beat times (s from the recording start; cumulative RR). Empty otherwise.</summary>
    public double[] ReferenceBeatTimes { get; private set; } = [];

    /// <summary>Oximetry: reference time axis (s from start, 1 Hz). Empty otherwise.</summary>
    public double[] ReferenceTimes { get; private set; } = [];

    /// <summary>Oximetry: mean pulse rate of the oximeters reporting at each reference time (NaN if none).</summary>
    public double[] ReferencePulseRate { get; private set; } = [];

    /// <summary>Oximetry: mean SpO2 of the oximeters reporting at each reference time (NaN if none).</summary>
    public double[] ReferenceSpO2 { get; private set; } = [];

    /// <summary>Window for the chest strap's reference heart rate: the RR intervals of the last 8 s, like the estimate's 8 beats.</summary>
    public const double ReferenceWindowSeconds = 8;

    /// <summary>
    /// Reference heart rate at time t (s): Welltory, 60 / mean of the chest-strap RR intervals that ended in the
    /// last <paramref name="windowSeconds"/>; oximetry, the oximeters' pulse rate at that second. NaN when none.
    /// </summary>
    public double ReferenceHeartRate(double t, double windowSeconds)
    {
        if (DataSet == PpgDataSet.Oximetry || ReferencePulseRate.Length > 0)
        {
            return At(ReferencePulseRate, t);
        }

        if (DataSet == PpgDataSet.OxiWear)
        {
            return TestPointHeartRate;
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
    public double ReferenceSpO2At(double t) => DataSet == PpgDataSet.OxiWear && ReferenceSpO2.Length == 0 ? TestPointSpO2 : At(ReferenceSpO2, t);

    /// <summary>
    /// Every recording under a data directory: the ppg folder (welltory/ and oximetry-phone-cam/), or an OxiWear
    /// folder in any of its layouts (see <see cref="OxiWearFile.FindFolder"/>: ppg-redir/, oxiwear/, proto1/).
    /// <paramref name="oximetryIrChannel"/> picks the camera channel that stands in
    /// for IR on the oximetry data: 'G' or 'B'. A missing data set is skipped; a malformed file throws naming it.
    /// </summary>
    public static IReadOnlyList<PpgRecording> LoadAll(string dataDir, char oximetryIrChannel = 'G', Action<string>? progress = null)
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
                all.Add(LoadWelltory(dir));
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
                        all.Add(LoadPath(ppg, oximetryIrChannel));
                    }
                }
            }
        }

        string? oxiwear = OxiWearFile.FindFolder(dataDir);
        if (oxiwear != null)
        {
            all.AddRange(OxiWearFile.LoadFolder(oxiwear, progress));
        }

        if (all.Count == 0)
        {
            throw new InvalidDataException("no recordings under " + dataDir
                + " (expected welltory/data/*, oximetry-phone-cam/data/* or OxiWear MAXM86161 files: oxiwear/proto1/*.csv)");
        }

        return all;
    }

    /// <summary>
    /// One recording by its path: a Welltory record folder (holding PPG.csv and RR.txt) or an oximetry-study hand,
    /// .../ppg-csv/&lt;Left|Right&gt;/&lt;id&gt;.csv, whose reference is .../gt/&lt;id&gt;.csv. (An OxiWear test point
    /// lasts a few seconds, too short for a firmware run: <c>eval-ppg</c> scores those.)
    /// </summary>
    public static PpgRecording LoadPath(string path, char oximetryIrChannel = 'G')
    {
        if (Directory.Exists(path) && File.Exists(Path.Combine(path, "PPG.csv")))
        {
            return LoadWelltory(path);
        }

        string full = Path.GetFullPath(path);
        string? handDir = Path.GetDirectoryName(full);
        string? csvDir = handDir == null ? null : Path.GetDirectoryName(handDir);
        if (File.Exists(full) && csvDir != null && Path.GetFileName(csvDir) == "ppg-csv")
        {
            string id = Path.GetFileNameWithoutExtension(full);
            string gt = Path.Combine(Path.GetDirectoryName(csvDir)!, "gt", id + ".csv");
            if (!File.Exists(gt))
            {
                throw new FileNotFoundException("the reference for " + path + " is missing: " + gt);
            }

            return LoadOximetry(full, gt, id, Path.GetFileName(handDir!), oximetryIrChannel);
        }

        throw new FileNotFoundException("not a PPG recording: " + path
            + " (expected a Welltory record folder with PPG.csv, oximetry-phone-cam/data/ppg-csv/<hand>/<id>.csv)");
    }

    /// <summary>One Welltory record: PPG.csv (time ms, R, G, B) and RR.txt (ms).</summary>
    public static PpgRecording LoadWelltory(string recordDir)
    {
        string name = Path.GetFileName(recordDir);
        string csv = Path.Combine(recordDir, "PPG.csv");
        var times = new List<long>();
        var r = new List<float>();
        foreach ((int line, string[] cells) in Rows(csv, 4))
        {
            AddFrameTime(times, FrameTimeMs(cells[0], csv, line), csv, line);
            r.Add(Intensity(cells[1], csv, line));
        }

        float[] red = Frames(r, csv, "the camera's red channel");
        var recording = new PpgRecording("welltory/" + name, "welltory/" + name, PpgDataSet.Welltory, FromFirstFrame(times), red, (float[])red.Clone());
        string rrFile = Path.Combine(recordDir, "RR.txt");
        var beats = new List<double> { 0 };
        foreach (string token in File.ReadAllText(rrFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            beats.Add(beats[^1] + RrIntervalMs(token, rrFile) / 1000.0);
        }

        recording.ReferenceBeatTimes = beats.ToArray();
        return recording;
    }

    /// <summary>One oximetry-study hand: ppg-csv/&lt;hand&gt;/&lt;id&gt;.csv (R,G,B at 30 fps) and gt/&lt;id&gt;.csv (1 Hz).</summary>
    public static PpgRecording LoadOximetry(string ppgCsv, string gtCsv, string id, string hand, char irChannel)
    {
        const double FrameRate = 30.0;
        var times = new List<long>();
        var r = new List<float>();
        var second = new List<float>();
        int column = irChannel == 'G' ? 1 : 2;
        foreach ((int line, string[] cells) in Rows(ppgCsv, 3))
        {
            times.Add((long)Math.Round(times.Count * 1e6 / FrameRate));
            r.Add(Intensity(cells[0], ppgCsv, line));
            second.Add(Intensity(cells[column], ppgCsv, line));
        }

        var recording = new PpgRecording("oximetry/" + id + "-" + hand, "oximetry/" + id, PpgDataSet.Oximetry, times.ToArray(),
            Frames(r, ppgCsv, "the red channel"), Frames(second, ppgCsv, "the " + irChannel + " channel"));
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

    // A frame time in ms; bounded so that it converts to microseconds exactly (a week is far beyond any recording here).
    private static long FrameTimeMs(string text, string file, int line)
    {
        const double MaxMs = 7 * 24 * 3600e3;
        double ms = Number(text, file, line);
        if (double.IsInfinity(ms) || Math.Abs(ms) > MaxMs)
        {
            throw new InvalidDataException(file + ":" + line + ": frame time " + text + " ms is not within a week of the start");
        }

        return (long)Math.Round(ms * 1000);
    }

    // A chest-strap RR interval: positive, and at most a minute (no beat for longer is not a heart rate).
    private static double RrIntervalMs(string text, string file)
    {
        double ms = Number(text, file, 1);
        if (!(ms > 0 && ms <= 60_000))
        {
            throw new InvalidDataException(file + ": RR interval " + text + " ms is not between 0 and 60 000 ms");
        }

        return ms;
    }

    // Frame times must increase: the replay interpolates between neighbours.
    private static void AddFrameTime(List<long> times, long microseconds, string file, int line)
    {
        if (times.Count > 0 && microseconds <= times[^1])
        {
            throw new InvalidDataException(file + ":" + line + ": frame time " + microseconds / 1000.0 + " ms does not follow the previous frame's");
        }

        times.Add(microseconds);
    }

    private static long[] FromFirstFrame(List<long> times)
    {
        var relative = new long[times.Count];
        for (int i = 0; i < relative.Length; i++)
        {
            relative[i] = times[i] - times[0];
        }

        return relative;
    }

    private static float Intensity(string text, string file, int line)
    {
        double v = Number(text, file, line);
        if (v < 0 || v > MaxIntensity)
        {
            throw new InvalidDataException(file + ":" + line + ": intensity " + text + " is not between 0 and " + MaxIntensity.ToString("0e0", CultureInfo.InvariantCulture));
        }

        return (float)v;
    }

    // Camera intensities are 0-255 and photocurrents a few µA in nA: anything near this is a broken file, and it must
    // stay far inside float so that the replay's scaling cannot overflow.
    private const double MaxIntensity = 1e9;

    private static float[] Frames(List<float> values, string file, string channel)
    {
        if (values.Count < 2)
        {
            throw new InvalidDataException(file + ": fewer than two samples");
        }

        if (values.TrueForAll(v => v == 0))
        {
            throw new InvalidDataException(file + ": " + channel + " is zero throughout (no light recorded)");
        }

        return values.ToArray();
    }
}
