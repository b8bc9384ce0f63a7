using System.Globalization;

namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>
/// One WEDA-FALL accelerometer trial (Marques et al., Sensors 2023; a Fitbit Sense on the wrist) in its original
/// layout: <c>&lt;code&gt;/Uxx_Rnn_accel.csv</c> with the header <c>accel_time_list,accel_x_list,accel_y_list,accel_z_list</c>,
/// time in s from the trial start and x, y, z in m/s² with gravity. The time stamps are what the watch delivered, not
/// when it sampled: readings arrive in bursts (4-5 readings 1-3 ms apart about every 0.1 s) and a few files step
/// back in time once. The loader keeps the readings in order and drops a chunk whose stamps fall before what was
/// already read (it repeats an earlier stretch), then spreads each burst evenly over the time to the next burst, so
/// the samples get the times they were taken at whatever the rate (about 40/s in falls, 50/s in activities here);
/// the chip model then samples that at its own rate. Nothing about the rate or the nominal "50 Hz" is assumed.
/// </summary>
public sealed class WedaFallTrial
{
    public const string Header = "accel_time_list,accel_x_list,accel_y_list,accel_z_list";

    /// <summary>m/s² per g.</summary>
    public const double StandardGravity = 9.80665;

    /// <summary>A stamp gap longer than this (and than 3 times the median gap) starts a new burst.</summary>
    public const double MinimumBurstGapSeconds = 0.015;

    private WedaFallTrial(string name, float[] x, float[] y, float[] z, double[] times, int dropped, int bursts)
    {
        Name = name;
        X = x;
        Y = y;
        Z = z;
        TimesSeconds = times;
        DroppedSamples = dropped;
        Bursts = bursts;
    }

    /// <summary>E.g. "F01/U01_R01" (folder / file without "_accel.csv"), as in fall_timestamps.csv.</summary>
    public string Name { get; }

    /// <summary>Acceleration in g, in the watch's axes.</summary>
    public float[] X { get; }

    public float[] Y { get; }

    public float[] Z { get; }

    /// <summary>When each sample was taken (s), rebuilt from the burst stamps; strictly increasing.</summary>
    public double[] TimesSeconds { get; }

    /// <summary>Readings dropped because their stamps went back before what was already read.</summary>
    public int DroppedSamples { get; }

    /// <summary>Bursts found in the stamps (1 for a file stamped evenly, sample by sample).</summary>
    public int Bursts { get; }

    public int Length => X.Length;

    public double DurationSeconds => TimesSeconds[^1];

    /// <summary>Samples per second over the whole trial (about 40 in WEDA's falls, 50 in its activities).</summary>
    public double EffectiveRateHz => (Length - 1) / (TimesSeconds[^1] - TimesSeconds[0]);

    public static WedaFallTrial Load(string path)
    {
        using var reader = new StreamReader(path);
        string folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) ?? "";
        string file = Path.GetFileNameWithoutExtension(path);
        if (file.EndsWith("_accel", StringComparison.Ordinal))
        {
            file = file[..^"_accel".Length];
        }

        return Parse(reader, folder + "/" + file);
    }

    /// <summary>Parses the layout; throws <see cref="FormatException"/> naming the line for anything else.</summary>
    public static WedaFallTrial Parse(TextReader reader, string name)
    {
        string? header = reader.ReadLine();
        if (header == null || header.Trim().TrimStart('\uFEFF') != Header)
        {
            throw new FormatException($"{name} line 1: expected the header \"{Header}\", got \"{header}\"");
        }

        var t = new List<double>(1000);
        var x = new List<float>(1000);
        var y = new List<float>(1000);
        var z = new List<float>(1000);
        double latest = double.NegativeInfinity;
        int dropped = 0;
        int lineNumber = 1;
        string? line;
        Span<double> values = stackalloc double[4];
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            ReadOnlySpan<char> text = line.AsSpan().Trim();
            if (text.IsEmpty)
            {
                continue;
            }

            int column = 0;
            foreach (Range field in text.Split(','))
            {
                if (column == 4)
                {
                    throw new FormatException($"{name} line {lineNumber}: more than 4 columns: \"{line}\"");
                }

                if (!double.TryParse(text[field], NumberStyles.Float, CultureInfo.InvariantCulture, out values[column]) || !double.IsFinite(values[column]))
                {
                    throw new FormatException($"{name} line {lineNumber}, column {column + 1}: \"{text[field].ToString()}\" is not a number");
                }

                column++;
            }

            if (column != 4)
            {
                throw new FormatException($"{name} line {lineNumber}: {column} columns, expected 4 (time, x, y, z): \"{line}\"");
            }

            if (values[0] <= latest)
            {
                dropped++; // the stamps went back: this repeats a stretch already read
                continue;
            }

            latest = values[0];
            t.Add(values[0]);
            x.Add((float)(values[1] / StandardGravity));
            y.Add((float)(values[2] / StandardGravity));
            z.Add((float)(values[3] / StandardGravity));
        }

        if (t.Count < 2)
        {
            throw new FormatException($"{name}: {t.Count} samples in order, need at least 2");
        }

        double[] times = SpreadBursts(t.ToArray(), out int bursts);
        return new WedaFallTrial(name, x.ToArray(), y.ToArray(), z.ToArray(), times, dropped, bursts);
    }

    /// <summary>
    /// Sample times from burst-delivered stamps (increasing): a burst starts where the gap exceeds
    /// max(<see cref="MinimumBurstGapSeconds"/>, 3 × the median gap); its n samples are spread evenly from its first
    /// stamp to the next burst's, unless that span is over 1.5 times what a burst of n usually takes (a real dropout:
    /// then the typical spacing is used and the rest stays a gap). Stamps that are already even come back unchanged.
    /// </summary>
    public static double[] SpreadBursts(double[] stamps, out int bursts)
    {
        int n = stamps.Length;
        var gaps = new double[n - 1];
        for (int i = 1; i < n; i++)
        {
            gaps[i - 1] = stamps[i] - stamps[i - 1];
        }

        double[] sorted = (double[])gaps.Clone();
        Array.Sort(sorted);
        double threshold = Math.Max(MinimumBurstGapSeconds, 3 * sorted[sorted.Length / 2]);
        var starts = new List<int> { 0 };
        for (int i = 1; i < n; i++)
        {
            if (gaps[i - 1] > threshold)
            {
                starts.Add(i);
            }
        }

        bursts = starts.Count;
        var perSample = new List<double>(starts.Count);
        for (int b = 0; b + 1 < starts.Count; b++)
        {
            perSample.Add((stamps[starts[b + 1]] - stamps[starts[b]]) / (starts[b + 1] - starts[b]));
        }

        double typical;
        if (perSample.Count > 0)
        {
            perSample.Sort();
            typical = perSample[perSample.Count / 2];
        }
        else
        {
            typical = (stamps[n - 1] - stamps[0]) / (n - 1);
        }

        var times = new double[n];
        for (int b = 0; b < starts.Count; b++)
        {
            int first = starts[b];
            int end = b + 1 < starts.Count ? starts[b + 1] : n;
            int count = end - first;
            double span = b + 1 < starts.Count ? stamps[end] - stamps[first] : count * typical;
            if (span > 1.5 * count * typical)
            {
                span = count * typical;
            }

            for (int k = 0; k < count; k++)
            {
                times[first + k] = stamps[first] + k * span / count;
            }
        }

        return times;
    }

    /// <summary>
    /// The trial as the motion the ADXL345 model feels, at the rebuilt sample times. <paramref name="clipG"/> clips
    /// every axis (robustness checks: a ±4 g watch); <paramref name="uniformRateHz"/> first resamples onto an even grid
    /// at that rate (e.g. 40 Hz for falls and activities alike, to show the rate does not tell the class).
    /// </summary>
    public RecordedMotion ToMotionSource(double? clipG = null, double? uniformRateHz = null)
    {
        float[] x = X, y = Y, z = Z;
        long[] times = TimesSeconds.Select(s => (long)Math.Round(s * 1e6)).ToArray();
        if (uniformRateHz is double rate)
        {
            var source = new RecordedMotion(X, Y, Z, times);
            int count = (int)Math.Floor((TimesSeconds[^1] - TimesSeconds[0]) * rate) + 1;
            x = new float[count];
            y = new float[count];
            z = new float[count];
            times = new long[count];
            for (int i = 0; i < count; i++)
            {
                times[i] = (long)Math.Round((TimesSeconds[0] + i / rate) * 1e6);
                System.Numerics.Vector3 a = source.AccelerationAt(times[i]);
                (x[i], y[i], z[i]) = (a.X, a.Y, a.Z);
            }
        }

        if (clipG is double clip)
        {
            x = x.Select(v => Math.Clamp(v, (float)-clip, (float)clip)).ToArray();
            y = y.Select(v => Math.Clamp(v, (float)-clip, (float)clip)).ToArray();
            z = z.Select(v => Math.Clamp(v, (float)-clip, (float)clip)).ToArray();
        }

        return new RecordedMotion(x, y, z, times);
    }
}
