using WearableFirmware.SimulatedBoard.Signals;

namespace WearableFirmware.Simulator.Falls;

/// <summary>One SisFall trial file, identified by its name: &lt;code&gt;_&lt;subject&gt;_&lt;trial&gt;.txt.</summary>
public sealed record SisFallTrialInfo(string Path, string Code, string Subject, string Trial)
{
    public bool IsFall => Code.StartsWith('F');

    /// <summary>SA (adults 19-30) or SE (elderly 60-75).</summary>
    public string AgeGroup => Subject[..2];

    public string Name => $"{Code}_{Subject}_{Trial}";

    /// <summary>Every trial file under the SisFall root (subject folders, original names), in a stable order.</summary>
    public static IReadOnlyList<SisFallTrialInfo> Discover(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new UsageException($"SisFall folder not found: {root}");
        }

        var trials = new List<SisFallTrialInfo>();
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
