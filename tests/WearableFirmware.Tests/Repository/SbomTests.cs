using System.Text.Json.Nodes;
using System.Xml.Linq;
using WearableFirmware.Simulator.Commands;
using Xunit;

namespace WearableFirmware.Tests.Repository;

/// <summary>
/// The checked-in bills of materials are current: the device one equals what `sbom` makes from today's
/// packages.config files, and each host one lists exactly the packages NuGet restored for its project (read from
/// the restore's project.assets.json, which this test run's build wrote). Regenerate with
/// `dotnet tool restore` then `dotnet run --project firmware/WearableFirmware.Simulator -- sbom`.
/// </summary>
public class SbomTests
{
    private static string SbomPath(string file) => Path.Combine(RepoPaths.Root, SbomCommand.Folder, file);

    [Fact]
    public void The_device_sbom_is_current()
    {
        Assert.True(SbomCommand.DeviceBom(RepoPaths.Root) == File.ReadAllText(SbomPath(SbomCommand.DeviceFile)),
            "sbom/device.cdx.json is stale: run `dotnet run --project firmware/WearableFirmware.Simulator -- sbom --device-only`");
    }

    [Fact]
    public void The_device_sbom_names_every_nanoframework_package_and_the_image()
    {
        JsonNode bom = JsonNode.Parse(File.ReadAllText(SbomPath(SbomCommand.DeviceFile)))!;
        Assert.Equal("CycloneDX", (string)bom["bomFormat"]!);
        var purls = bom["components"]!.AsArray().Select(c => (string?)c!["purl"]).Where(p => p != null).ToHashSet();
        foreach (string config in RepoPaths.ProjectFiles("packages.config"))
        {
            foreach (XElement p in XDocument.Load(config).Root!.Elements("package"))
            {
                Assert.Contains($"pkg:nuget/{p.Attribute("id")!.Value}@{p.Attribute("version")!.Value}", purls);
            }
        }

        Assert.Contains(bom["components"]!.AsArray(), c => (string)c!["type"]! == "firmware" && ((string)c["name"]!).Contains(SbomCommand.ImageTarget));
    }

    [Theory]
    [InlineData("simulator")]
    [InlineData("tests")]
    public void The_host_sbom_lists_exactly_the_restored_packages(string name)
    {
        string project = SbomCommand.HostProjects.Single(p => p.Name == name).Project;
        string assets = Path.Combine(RepoPaths.Root, "artifacts", "obj", Path.GetFileNameWithoutExtension(project), "project.assets.json");
        Assert.True(File.Exists(assets), $"no restore output at {assets}: build the host projects first");
        var restored = JsonNode.Parse(File.ReadAllText(assets))!["libraries"]!.AsObject()
            .Where(l => (string)l.Value!["type"]! == "package").Select(l => l.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
        JsonNode bom = JsonNode.Parse(File.ReadAllText(SbomPath($"host-{name}.cdx.json")))!;
        var listed = bom["components"]!.AsArray().Select(c => $"{c!["name"]}/{c["version"]}").OrderBy(k => k, StringComparer.Ordinal).ToList();
        Assert.True(restored.SequenceEqual(listed), $"sbom/host-{name}.cdx.json is stale: run `dotnet tool restore` and "
            + "`dotnet run --project firmware/WearableFirmware.Simulator -- sbom`");
        Assert.Contains("CycloneDX", bom["metadata"]!["tools"]!.ToJsonString());
        Assert.Null(bom["metadata"]!["timestamp"]);
    }
}
