namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>
/// The OxiWear test points (<see cref="OxiWearFile"/>) joined end to end in clock order into one continuous
/// recording, so the firmware can run on them as on a wearer: each file lasts only 2.6-6.7 s, shorter than an
/// alarm-condition delay. What the join does, stated plainly:
/// <list type="bullet">
/// <item>The real gaps between test points (1 to 80 minutes) are left out: 17 minutes of hypoxia at 15:55-16:12
/// (84-70 %) become about 47 s. The time axis is the recording's, so an alarm's latency can be judged against the
/// reference's steps, not against the real course of the desaturation.</item>
/// <item>The reference SpO2 and heart rate of each file hold over its whole length and step at each join.</item>
/// <item>With <c>equaliseLevels</c>, each file's red and IR LED light (exposure minus ambient) is scaled by one
/// constant per channel to the mean level of all files. A constant gain per channel leaves every AC/DC ratio, and
/// so the ratio of ratios, unchanged; it removes the step in DC at each join (finger pressure differed between test
/// points), which the band-pass would otherwise turn into a pulse-sized transient every few seconds. The pulse's
/// phase still jumps at each join.</item>
/// </list>
/// </summary>
public sealed class OxiWearSequence
{
    private OxiWearSequence(PpgRecording recording, List<TestPoint> points)
    {
        Recording = recording;
        TestPoints = points;
    }

    /// <summary>One joined test point: its file, where it sits in the sequence (s) and its reference.</summary>
    public sealed record TestPoint(string Name, double StartSeconds, double EndSeconds, double SpO2, double HeartRate);

    /// <summary>The joined recording (plays as the light on the MAX30102 model; its reference steps at each join).</summary>
    public PpgRecording Recording { get; }

    public IReadOnlyList<TestPoint> TestPoints { get; }

    /// <summary>Reference time series resolution (s): fine enough that a step lands within one tick of the join.</summary>
    public const double ReferenceStepSeconds = 0.04;

    /// <summary>The OxiWear folder under <paramref name="dataDir"/> joined, or null when there is none.</summary>
    public static OxiWearSequence? Load(string dataDir, bool equaliseLevels = true, Action<string>? progress = null)
    {
        string? folder = OxiWearFile.FindFolder(dataDir);
        return folder == null ? null : Join(OxiWearFile.LoadFolder(folder, progress), equaliseLevels);
    }

    /// <summary>Joins test points in the order given (<see cref="OxiWearFile.LoadFolder"/> gives clock order).</summary>
    public static OxiWearSequence Join(IReadOnlyList<PpgRecording> testPoints, bool equaliseLevels = true)
    {
        if (testPoints.Count == 0 || testPoints.Any(p => p.DataSet != PpgDataSet.OxiWear || double.IsNaN(p.TestPointSpO2)))
        {
            throw new ArgumentException("need one or more OxiWear test points", nameof(testPoints));
        }

        double redTarget = testPoints.Average(p => MeanLight(p.Red, p.Ambient));
        double irTarget = testPoints.Average(p => MeanLight(p.Ir, p.Ambient));
        var times = new List<long>();
        var red = new List<float>();
        var ir = new List<float>();
        var ambient = new List<float>();
        var points = new List<TestPoint>();
        long offset = 0;
        long samplePeriod = (long)Math.Round(1e6 / OxiWearFile.SampleRateHz);
        foreach (PpgRecording p in testPoints)
        {
            float redGain = equaliseLevels ? (float)(redTarget / MeanLight(p.Red, p.Ambient)) : 1f;
            float irGain = equaliseLevels ? (float)(irTarget / MeanLight(p.Ir, p.Ambient)) : 1f;
            for (int i = 0; i < p.Red.Length; i++)
            {
                times.Add(offset + p.FrameTimesMicroseconds[i]);
                red.Add(p.Ambient[i] + redGain * (p.Red[i] - p.Ambient[i]));
                ir.Add(p.Ambient[i] + irGain * (p.Ir[i] - p.Ambient[i]));
                ambient.Add(p.Ambient[i]);
            }

            double start = offset / 1e6;
            offset += p.FrameTimesMicroseconds[^1] + samplePeriod;
            points.Add(new TestPoint(p.Name, start, offset / 1e6, p.TestPointSpO2, p.TestPointHeartRate));
        }

        int steps = (int)Math.Ceiling(offset / 1e6 / ReferenceStepSeconds) + 1;
        var referenceTimes = new double[steps];
        var referenceSpO2 = new double[steps];
        var referenceRate = new double[steps];
        int k = 0;
        for (int i = 0; i < steps; i++)
        {
            double t = i * ReferenceStepSeconds;
            while (k < points.Count - 1 && t >= points[k].EndSeconds)
            {
                k++;
            }

            referenceTimes[i] = t;
            referenceSpO2[i] = points[k].SpO2;
            referenceRate[i] = points[k].HeartRate;
        }

        var recording = PpgRecording.JoinedMaxm86161("sequence of " + points.Count + " test points", times.ToArray(), red.ToArray(), ir.ToArray(),
            ambient.ToArray(), referenceTimes, referenceSpO2, referenceRate);
        return new OxiWearSequence(recording, points);
    }

    private static double MeanLight(float[] led, float[] ambient)
    {
        double sum = 0;
        for (int i = 0; i < led.Length; i++)
        {
            sum += Math.Max(0f, led[i] - ambient[i]);
        }

        return sum / led.Length;
    }
}
