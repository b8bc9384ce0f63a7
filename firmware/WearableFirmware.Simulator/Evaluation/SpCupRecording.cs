using System.Text.RegularExpressions;

namespace WearableFirmware.Simulator.Evaluation;

/// <summary>
/// One IEEE Signal Processing Cup 2015 recording: wrist PPG (two green channels) and a 3-axis accelerometer at
/// 125 Hz, and the ECG heart rate for 8-s windows shifted by 2 s (value i covers [2i, 2i + 8) s). Two layouts:
/// training (<c>DATA_xx_TYPEyy.mat</c>, <c>sig</c> 6 × N with the ECG in row 1, and <c>DATA_xx_TYPEyy_BPMtrace.mat</c>)
/// and test (<c>TestData/TEST_Sxx_Tyy.mat</c>, <c>sig</c> 5 × N without ECG, and <c>TrueBPM/True_Sxx_Tyy.mat</c>).
/// </summary>
public sealed class SpCupRecording
{
    public const double SampleRateHz = 125;
    public const double WindowSeconds = 8;
    public const double ShiftSeconds = 2;

    public required string Name { get; init; }

    public required float[] Ppg1 { get; init; }

    public required float[] Ppg2 { get; init; }

    /// <summary>Accelerometer axes in the recording's units (about g).</summary>
    public required float[] AccX { get; init; }

    public required float[] AccY { get; init; }

    public required float[] AccZ { get; init; }

    /// <summary>ECG heart rate per window (bpm).</summary>
    public required double[] ReferenceBpm { get; init; }

    public int Samples => Ppg1.Length;

    public double DurationSeconds => (Samples - 1) / SampleRateHz;

    /// <summary>End of window i (s from the start), when it is scored.</summary>
    public static double WindowEnd(int i) => ShiftSeconds * i + WindowSeconds;

    /// <summary>
    /// Every recording under <paramref name="dir"/>: a folder of training files, a test-set folder holding
    /// TestData/ and TrueBPM/ (or TestData/ itself), or a folder that contains Training_data/.
    /// </summary>
    public static IReadOnlyList<SpCupRecording> LoadAll(string dir, Action<string>? progress = null)
    {
        string training = Directory.Exists(Path.Combine(dir, "Training_data")) ? Path.Combine(dir, "Training_data") : dir;
        var list = new List<SpCupRecording>();
        foreach (string file in Directory.GetFiles(training, "DATA_*.mat").Where(f => !f.EndsWith("_BPMtrace.mat", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            string trace = file[..^4] + "_BPMtrace.mat";
            if (!File.Exists(trace))
            {
                throw new InvalidDataException($"{file}: no reference {Path.GetFileName(trace)} beside it");
            }

            progress?.Invoke("reading " + Path.GetFileName(file));
            list.Add(Load(Path.GetFileNameWithoutExtension(file), file, trace, 6));
        }

        string testData = Path.GetFileName(Path.TrimEndingDirectorySeparator(dir)) == "TestData" ? dir : Path.Combine(dir, "TestData");
        string trueBpm = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(testData))!, "TrueBPM");
        if (Directory.Exists(testData))
        {
            foreach (string file in Directory.GetFiles(testData, "TEST_*.mat").Order(StringComparer.Ordinal))
            {
                Match m = Regex.Match(Path.GetFileName(file), @"^TEST_(.+)\.mat$");
                string trace = Path.Combine(trueBpm, "True_" + m.Groups[1].Value + ".mat");
                if (!File.Exists(trace))
                {
                    throw new InvalidDataException($"{file}: no reference {trace}");
                }

                progress?.Invoke("reading " + Path.GetFileName(file));
                list.Add(Load(Path.GetFileNameWithoutExtension(file), file, trace, 5));
            }
        }

        if (list.Count == 0)
        {
            throw new InvalidDataException($"{dir}: no SP Cup recordings (DATA_xx_TYPEyy.mat, Training_data/, or TestData/TEST_*.mat with TrueBPM/)");
        }

        return list;
    }

    /// <summary>One recording; <paramref name="rows"/> is 6 (ECG, PPG 1-2, acc x-z) or 5 (no ECG).</summary>
    public static SpCupRecording Load(string name, string signalFile, string referenceFile, int rows)
    {
        MatMatrix sig = MatFile.Read(signalFile).Matrix("sig");
        if (sig.Rows != rows)
        {
            throw new InvalidDataException($"{signalFile}: 'sig' has {sig.Rows} rows, expected {rows} ({(rows == 6 ? "ECG, 2 PPG, 3 accelerometer" : "2 PPG, 3 accelerometer")})");
        }

        MatMatrix bpm = MatFile.Read(referenceFile).Matrix("BPM0");
        int first = rows - 5;
        var rec = new SpCupRecording
        {
            Name = name,
            Ppg1 = sig.Row(first),
            Ppg2 = sig.Row(first + 1),
            AccX = sig.Row(first + 2),
            AccY = sig.Row(first + 3),
            AccZ = sig.Row(first + 4),
            ReferenceBpm = bpm.Values,
        };
        int windows = (int)((rec.Samples - WindowSeconds * SampleRateHz) / (ShiftSeconds * SampleRateHz)) + 1;
        if (bpm.Values.Length == 0 || bpm.Values.Length > windows)
        {
            throw new InvalidDataException($"{referenceFile}: {bpm.Values.Length} reference values for a recording of {rec.Samples} samples ({windows} windows)");
        }

        return rec;
    }
}
