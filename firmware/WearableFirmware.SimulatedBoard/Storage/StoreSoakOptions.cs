using WearableFirmware.Storage;

namespace WearableFirmware.SimulatedBoard.Storage;

/// <summary>Settings of a record-store soak run.</summary>
public sealed class StoreSoakOptions
{
    public double Days { get; set; } = 7;
    public int SpotCheckIntervalSeconds { get; set; } = SpotCheckScheduler.DefaultIntervalSeconds;
    public int Segments { get; set; } = 16;
    public int SegmentSize { get; set; } = 8192;
    public int Seed { get; set; } = 1;
    public double PowerCutsPerDay { get; set; } = 2;
    public double FallsPerDay { get; set; } = 1;
    public double SensorFaultsPerDay { get; set; } = 0.5;
    public double WriteFailureProbability { get; set; } = 0.001;

    /// <summary>Mean phone-away stretch; stretches are exponential, capped at <see cref="MaxOfflineHours"/>.</summary>
    public double MeanOfflineHours { get; set; } = 8;

    public double MaxOfflineHours { get; set; } = 72;

    /// <summary>One scheduled absence of this length starting on day 3 (the phone left at home); 0 for none.</summary>
    public double LongAbsenceHours { get; set; } = 60;

    /// <summary>Random single-bit flips anywhere in the flash per day (0 in the default soak).</summary>
    public double BitFlipsPerDay { get; set; }

    /// <summary>Chance the link drops before each record confirmation during a retrieval.</summary>
    public double LinkDropPerRecord { get; set; } = 0.002;
}
