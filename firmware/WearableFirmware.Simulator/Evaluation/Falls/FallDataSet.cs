using WearableFirmware.Falls;

namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>A fall data set folder: its layout, its trials and the placement it was recorded at.</summary>
public sealed record FallDataSet(FallDataFormat Format, IReadOnlyList<FallTrialInfo> Trials)
{
    /// <summary>SisFall was recorded with a belt clip, WEDA-FALL with a smartwatch.</summary>
    public SensorPlacement RecordedAt => Format == FallDataFormat.Weda ? SensorPlacement.Wrist : SensorPlacement.Waist;

    public string Label => Format == FallDataFormat.Weda ? "WEDA-FALL (wrist)" : "SisFall (waist)";

    /// <summary>Age groups in report order, with what they are.</summary>
    public (string Group, string Meaning)[] Groups => Format == FallDataFormat.Weda
        ? [("young", "young volunteers, falls and activities"), ("elderly", "users 77-95, activities only")]
        : [("SA", "adults 19-30"), ("SE", "elderly 60-75")];

    /// <summary>Reads the folder; <paramref name="format"/> "sisfall", "weda" or null (tell from the files).</summary>
    public static FallDataSet Open(string root, string? format)
    {
        FallDataFormat f = format?.ToLowerInvariant() switch
        {
            null => WedaTrialInfo.LooksLikeWeda(root) ? FallDataFormat.Weda : FallDataFormat.SisFall,
            "weda" => FallDataFormat.Weda,
            "sisfall" => FallDataFormat.SisFall,
            _ => throw new UsageException($"--format must be sisfall or weda, got \"{format}\""),
        };
        IReadOnlyList<FallTrialInfo> trials = Commands.PpgArguments.ReadingData(() => f == FallDataFormat.Weda ? WedaTrialInfo.Discover(root) : SisFallTrialInfo.Discover(root));
        // Sensitivity needs falls and specificity activities of daily living; tune-falls fits on both.
        if (!trials.Any(t => t.IsFall) || trials.All(t => t.IsFall))
        {
            throw new UsageException($"{root}: {trials.Count(t => t.IsFall)} fall trials and {trials.Count(t => !t.IsFall)} activities of daily living; "
                + "the evaluation needs both (no activities of daily living means no false alarms can be counted, and no falls no detections)");
        }

        return new FallDataSet(f, trials);
    }

    public static SensorPlacement ParsePlacement(string? text, SensorPlacement fallback) => text?.ToLowerInvariant() switch
    {
        null => fallback,
        "wrist" => SensorPlacement.Wrist,
        "waist" => SensorPlacement.Waist,
        _ => throw new UsageException($"--placement must be wrist or waist, got \"{text}\""),
    };
}
