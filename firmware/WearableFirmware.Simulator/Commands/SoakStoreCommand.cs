using System.CommandLine;
using WearableFirmware.SimulatedBoard.Storage;
using WearableFirmware.Simulator.Storage;

namespace WearableFirmware.Simulator.Commands;

/// <summary>Runs the record store through simulated days of wear, phone absences, retrievals and power cuts.</summary>
public sealed class SoakStoreCommand : Command
{
    private readonly Option<double?> _days = Cli.Number("--days", "simulated days (default 7)", 0.01, 365);
    private readonly Option<int?> _interval = Cli.Whole("--interval", "spot-check interval in seconds (default 300)", 10, 86400);
    private readonly Option<int?> _segments = Cli.Whole("--segments", "flash segments (default 16)", 2, 4096);
    private readonly Option<int?> _segmentBytes = Cli.Whole("--segment-bytes", "bytes per segment, a multiple of 32 (default 8192)", 128, 1 << 20);
    private readonly Option<double?> _powerCuts = Cli.Number("--power-cuts", "random power cuts per day (default 2)", 0, 1000);
    private readonly Option<double?> _falls = Cli.Number("--falls", "fall events per day (default 1)", 0, 1000);
    private readonly Option<double?> _offlineHours = Cli.Number("--offline-hours", "mean phone absence in hours (default 8)", 0.1, 24 * 365);
    private readonly Option<double?> _maxOffline = Cli.Number("--max-offline", "longest random phone absence in hours (default 72)", 0.1, 24 * 365);
    private readonly Option<double?> _longAbsence = Cli.Number("--long-absence", "one absence of this many hours from day 3 (default 60; 0 for none)", 0, 24 * 365);
    private readonly Option<double?> _writeFailures = Cli.Number("--write-failures", "share of flash writes that fail (default 0.001)", 0, 0.5);
    private readonly Option<int?> _seed = Cli.Whole("--seed", "seed for every random choice (default 1)", 0, int.MaxValue);
    private readonly Option<string?> _plot = Cli.OutputFile("--plot", "also draw the run: records waiting, drops, phone presence, power cuts (PNG)");

    public SoakStoreCommand()
        : base("soak-store", "record store soak: days of spot-checks, falls, power cuts and RACP retrievals" + "\n\n" + "Exit code 0 when every acknowledged record reached the phone exactly once, in order and intact, or was\ncounted as dropped; 1 otherwise.")
    {
        foreach (Option option in new Option[] { _days, _interval, _segments, _segmentBytes, _powerCuts, _falls, _offlineHours, _maxOffline, _longAbsence, _writeFailures, _seed, _plot })
        {
            Options.Add(option);
        }

        SetAction(Run);
    }

    private int Run(ParseResult args)
    {
        var options = new StoreSoakOptions
        {
            Days = args.GetValue(_days) ?? 7,
            SpotCheckIntervalSeconds = args.GetValue(_interval) ?? 300,
            Segments = args.GetValue(_segments) ?? 16,
            SegmentSize = args.GetValue(_segmentBytes) ?? 8192,
            PowerCutsPerDay = args.GetValue(_powerCuts) ?? 2,
            FallsPerDay = args.GetValue(_falls) ?? 1,
            MeanOfflineHours = args.GetValue(_offlineHours) ?? 8,
            MaxOfflineHours = args.GetValue(_maxOffline) ?? 72,
            LongAbsenceHours = args.GetValue(_longAbsence) ?? 60,
            WriteFailureProbability = args.GetValue(_writeFailures) ?? 0.001,
            Seed = args.GetValue(_seed) ?? 1,
        };
        string? plotPath = args.GetValue(_plot);
        if (plotPath != null)
        {
            OutputPaths.File(plotPath, "--plot");
        }
        if (options.SegmentSize % 32 != 0)
        {
            throw new UsageException("--segment-bytes must be a multiple of 32");
        }

        Console.WriteLine($"record store soak: {options.Days:F1} days, {options.Segments} x {options.SegmentSize} B flash, seed {options.Seed}");
        StoreSoakResult result = new StoreSoak(options).Run(line => Console.WriteLine("  " + line));
        foreach (string line in result.Lines())
        {
            Console.WriteLine(line);
        }

        if (plotPath != null)
        {
            StoreSoakPlot.Save(result, plotPath);
            Console.WriteLine($"plot: {plotPath}");
        }

        return result.Passed ? 0 : 1;
    }
}
