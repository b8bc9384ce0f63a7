using WearableFirmware.SimulatedBoard.Signals;

namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>One SisFall trial file, identified by its name: &lt;code&gt;_&lt;subject&gt;_&lt;trial&gt;.txt.</summary>
public sealed record SisFallTrialInfo(string Path, string Code, string Subject, string Trial) : FallTrialInfo(Path, Code, Subject, Trial)
{
    /// <summary>SA (adults 19-30) or SE (elderly 60-75).</summary>
    public string AgeGroup => Subject[..2];

    public override string Group => AgeGroup;

    public override string Name => $"{Code}_{Subject}_{Trial}";

    /// <summary>The ADXL345 columns at 200 Hz (clipped on request; SisFall has no uneven rate to resample).</summary>
    public override IMotionSource LoadMotion(ReplayOptions options, out double durationSeconds)
    {
        SisFallTrial trial = SisFallTrial.Load(Path);
        durationSeconds = trial.DurationSeconds;
        if (options.UniformRateHz != null)
        {
            throw new UsageException("--resample applies to WEDA-FALL recordings only (SisFall is sampled evenly at 200 Hz)");
        }

        if (options.ClipG is not double clip)
        {
            return trial.ToMotionSource();
        }

        float c = (float)clip;
        float[] Clip(float[] axis) => axis.Select(v => Math.Clamp(v, -c, c)).ToArray();
        return new RecordedMotion(Clip(trial.X), Clip(trial.Y), Clip(trial.Z), SisFallTrial.SampleRateHz);
    }

    /// <summary>Every trial file under the SisFall root (subject folders, original names), in a stable order.</summary>
    public static IReadOnlyList<FallTrialInfo> Discover(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new UsageException($"SisFall folder not found: {root}");
        }

        var trials = new List<FallTrialInfo>();
        foreach (string file in SisFallTrial.FindTrialFiles(root))
        {
            string[] parts = System.IO.Path.GetFileNameWithoutExtension(file).Split('_');
            trials.Add(new SisFallTrialInfo(file, parts[0], parts[1], parts[2]));
        }

        if (trials.Count == 0)
        {
            throw new UsageException($"no SisFall trial files (like F01_SA01_R01.txt) under {root}");
        }

        return trials;
    }
}
