namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>tune-falls' options for a WEDA-FALL folder (paths already checked writable).</summary>
public sealed record WristTuneOptions(int Rate, string? FeaturesPath, string? ModelPath, double Clip, double Resample, string Png);
