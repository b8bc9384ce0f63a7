namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>The options eval-falls and tune-falls share.</summary>
internal static class FallOptions
{
    public static System.CommandLine.Option<string?> Format() =>
        Cli.Choice("--format", "sisfall or weda (default: told from the files)", "--format", "sisfall", "weda");

    public static System.CommandLine.Option<int?> Rate() =>
        Cli.Whole("--rate", "ADXL345 output data rate and detector rate in Hz: 25, 50, 100 or 200 (default 50, the firmware's)", 25, 200);

    public static System.CommandLine.Option<double?> Clip() =>
        Cli.Number("--clip", "clip every axis at ± this many g before the chip (robustness: a ±4 g watch)", 0, 16);

    public static System.CommandLine.Option<double?> Resample() =>
        Cli.Number("--resample", "WEDA only: resample every trial onto an even grid at this rate in Hz first (e.g. 40: falls and "
            + "activities at one rate, to show the rate does not tell the class)", 0, 1000);
}
