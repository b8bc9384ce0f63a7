namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>How a trial is played to the chip model: as recorded, or with a robustness change.</summary>
/// <param name="ClipG">Clip every axis at ± this many g before the chip (a ±4 g watch); null: as recorded.</param>
/// <param name="UniformRateHz">Resample onto an even grid at this rate first (WEDA only; e.g. 40 Hz for every trial).</param>
public sealed record ReplayOptions(double? ClipG = null, double? UniformRateHz = null)
{
    public static readonly ReplayOptions AsRecorded = new();

    public string Describe() => (ClipG, UniformRateHz) switch
    {
        (null, null) => "as recorded",
        _ => string.Join(", ", new[]
        {
            ClipG is double c ? $"axes clipped at ±{c:0.##} g" : null,
            UniformRateHz is double r ? $"resampled to an even {r:0.##} Hz" : null,
        }.Where(s => s != null)),
    };
}
