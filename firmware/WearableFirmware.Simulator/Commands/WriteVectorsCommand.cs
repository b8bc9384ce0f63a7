using WearableFirmware.Simulator.Vectors;

namespace WearableFirmware.Simulator.Commands;

/// <summary>Writes the golden vectors the on-device parity tests compare against.</summary>
public sealed class WriteVectorsCommand : ICommand
{
    public string Name => "write-vectors";

    public string Summary => "write golden vectors (tests/vectors/*.csv + DeviceTests/GoldenVectors.g.cs) for device parity tests";

    public string Help => """
        usage: WearableFirmware.Simulator write-vectors [--root <repository>]

          --root <dir>   repository root to write into (default: found upwards from the current directory)
          --help         this text

        Runs the portable core on .NET for fixed inputs and writes its outputs to tests/vectors/ (CSV, readable)
        and tests/WearableFirmware.DeviceTests/GoldenVectors.g.cs (compiled by the nanoFramework test project).
        Run it after changing anything those outputs depend on; a host test fails while the files are stale.
        """;

    public int Run(CommandLine args)
    {
        string? root = args.String("root");
        args.RejectUnknown();
        root ??= FindRoot(Directory.GetCurrentDirectory());
        if (!File.Exists(Path.Combine(root, "WearableFirmware.sln")))
        {
            throw new UsageException($"'{root}' is not the repository root (no WearableFirmware.sln there)");
        }

        foreach (VectorFile file in GoldenVectors.WriteAll(root))
        {
            Console.WriteLine($"wrote {file.RelativePath} ({file.Content.Length / 1024.0:F1} KiB)");
        }

        return 0;
    }

    private static string FindRoot(string start)
    {
        for (string? dir = start; dir != null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "WearableFirmware.sln")))
            {
                return dir;
            }
        }

        throw new UsageException("no WearableFirmware.sln above the current directory; pass --root");
    }
}
