using WearableFirmware.Simulator;
using WearableFirmware.Simulator.Commands;
using WearableFirmware.Simulator.Vectors;
using Xunit;

namespace WearableFirmware.Tests.DeviceTests;

/// <summary>The write-vectors command writes every vector file into the repository it is given, and refuses anything else.</summary>
public class WriteVectorsCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "write-vectors-" + Guid.NewGuid().ToString("N"));

    public WriteVectorsCommandTests()
    {
        Directory.CreateDirectory(_root);
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Writes_the_csv_files_and_the_generated_source_into_the_given_root()
    {
        File.WriteAllText(Path.Combine(_root, "WearableFirmware.sln"), "");

        int exit = SimulatorCli.Invoke(new WriteVectorsCommand(), ["--root", _root], TextWriter.Null, TextWriter.Null);

        Assert.Equal(0, exit);
        foreach (VectorFile file in GoldenVectors.Generate())
        {
            Assert.Equal(file.Content, File.ReadAllText(Path.Combine(_root, file.RelativePath)));
        }

        Assert.True(File.Exists(Path.Combine(_root, "tests", "vectors", "ppg-samples.csv")));
        Assert.True(File.Exists(Path.Combine(_root, "tests", "WearableFirmware.DeviceTests", "GoldenVectors.g.cs")));
    }

    [Fact]
    public void A_root_without_the_solution_is_a_usage_error_and_writes_nothing()
    {
        var error = new StringWriter();

        Assert.Equal(2, SimulatorCli.Invoke(new WriteVectorsCommand(), ["--root", _root], TextWriter.Null, error));
        Assert.Contains("not the repository root", error.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Fact]
    public void Unknown_options_are_rejected()
    {
        var error = new StringWriter();
        Assert.Equal(2, SimulatorCli.Invoke(new WriteVectorsCommand(), ["--root", _root, "--force"], TextWriter.Null, error));
        Assert.Contains("unknown option --force", error.ToString());
    }
}
