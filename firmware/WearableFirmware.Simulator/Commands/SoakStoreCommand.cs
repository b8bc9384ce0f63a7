using WearableFirmware.SimulatedBoard.Storage;
using WearableFirmware.Simulator.Storage;

namespace WearableFirmware.Simulator.Commands;

/// <summary>Runs the record store through simulated days of wear, phone absences, retrievals and power cuts.</summary>
public sealed class SoakStoreCommand : ICommand
{
    public string Name => "soak-store";

    public string Summary => "record store soak: days of spot-checks, falls, power cuts and RACP retrievals";

    public string Help => """
        usage: WearableFirmware.Simulator soak-store [options]

          --days <d>            simulated days (default 7)
          --interval <s>        spot-check interval in seconds (default 300)
          --segments <n>        flash segments (default 16)
          --segment-bytes <n>   bytes per segment, a multiple of 32 (default 8192)
          --power-cuts <n>      random power cuts per day (default 2)
          --falls <n>           fall events per day (default 1)
          --offline-hours <h>   mean phone absence in hours (default 8)
          --max-offline <h>     longest random phone absence in hours (default 72)
          --long-absence <h>    one absence of this length from day 3 (default 60; 0 for none)
          --write-failures <p>  share of flash writes that fail (default 0.001)
          --seed <n>            seed for every random choice (default 1)
          --plot <file.png>     also draw the run: records waiting, drops, phone presence, power cuts
          --help                this text

        Exit code 0 when every acknowledged record reached the phone exactly once, in order and intact, or was
        counted as dropped; 1 otherwise.
        """;

    public int Run(CommandLine args)
    {
        var options = new StoreSoakOptions
        {
            Days = args.Double("days", 7, 0.01, 365),
            SpotCheckIntervalSeconds = args.Int("interval", 300, 10, 86400),
            Segments = args.Int("segments", 16, 2, 4096),
            SegmentSize = args.Int("segment-bytes", 8192, 128, 1 << 20),
            PowerCutsPerDay = args.Double("power-cuts", 2, 0, 1000),
            FallsPerDay = args.Double("falls", 1, 0, 1000),
            MeanOfflineHours = args.Double("offline-hours", 8, 0.1, 24 * 365),
            MaxOfflineHours = args.Double("max-offline", 72, 0.1, 24 * 365),
            LongAbsenceHours = args.Double("long-absence", 60, 0, 24 * 365),
            WriteFailureProbability = args.Double("write-failures", 0.001, 0, 0.5),
            Seed = args.Int("seed", 1, 0, int.MaxValue),
        };
        string? plotPath = args.String("plot");
        args.RejectUnknown();
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
