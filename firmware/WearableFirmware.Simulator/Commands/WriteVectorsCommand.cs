using System.CommandLine;
using WearableFirmware.Simulator.Vectors;

namespace WearableFirmware.Simulator.Commands;

/// <summary>Writes the golden vectors the on-device parity tests compare against.</summary>
public sealed class WriteVectorsCommand : Command
{
    private readonly Option<string?> _root = Cli.Text("--root", "repository root to write into (default: found upwards from the current directory)", "dir");

    public WriteVectorsCommand()
        : base("write-vectors", "write golden vectors (tests/vectors/*.csv + DeviceTests/GoldenVectors.g.cs) for device parity tests" + "\n\n" + "Runs the portable core on .NET for fixed inputs and writes its outputs to tests/vectors/ (CSV, readable)\nand tests/WearableFirmware.DeviceTests/GoldenVectors.g.cs (compiled by the nanoFramework test project).\nRun it after changing anything those outputs depend on; a host test fails while the files are stale.")
    {
        foreach (Option option in new Option[] { _root })
        {
            Options.Add(option);
        }

        SetAction(Run);
    }

    private int Run(ParseResult args)
    {
        string? root = args.GetValue(_root);
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
