using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace WearableFirmware.Simulator.Commands;

/// <summary>
/// Writes the CycloneDX bills of materials: <c>sbom/device.cdx.json</c> for the ESP32 image (the application and its
/// first-party assemblies, every nanoFramework package of every packages.config, the nanoFramework firmware image),
/// made here because the CycloneDX tool reads packages.config but stops on fetching the nanoFramework packages'
/// metadata; and <c>sbom/host-*.cdx.json</c> for the host tools, made by the CycloneDX .NET tool (a local tool in
/// .config/dotnet-tools.json) from the restored projects, with its timestamp and serial number dropped so the files
/// change only when the dependencies do. A host test fails when any of them is stale.
/// </summary>
public sealed class SbomCommand : Command
{
    private readonly Option<string?> _root = Cli.Text("--root", "repository root (default: the current folder)", "dir");
    private readonly Option<bool> _deviceOnly = Cli.Flag("--device-only", "write only sbom/device.cdx.json (no CycloneDX tool needed)");

    public SbomCommand()
        : base("sbom", "write the CycloneDX bills of materials (device image; host tools with the CycloneDX tool)" + "\n\n" + "The host part runs `dotnet dotnet-CycloneDX` on each host project: run `dotnet tool restore` and build once\n(the tool reads the restored project.assets.json).")
    {
        foreach (Option option in new Option[] { _root, _deviceOnly })
        {
            Options.Add(option);
        }

        SetAction(Run);
    }

    public const string Folder = "sbom";
    public const string DeviceFile = "device.cdx.json";

    /// <summary>
    /// The nanoFramework image the device guide (firmware/WearableFirmware/README.md) tells nanoff to flash (it has
    /// Bluetooth).
    /// </summary>
    public const string ImageTarget = "ESP32_BLE_REV0";

    /// <summary>Host projects whose dependencies ship or build the tools: name, project path.</summary>
    public static readonly (string Name, string Project)[] HostProjects =
    [
        ("simulator", "firmware/WearableFirmware.Simulator/WearableFirmware.Simulator.csproj"),
        ("tests", "tests/WearableFirmware.Tests/WearableFirmware.Tests.csproj"),
    ];

    private static readonly string[] FirstPartyDeviceProjects =
    [
        "drivers/Common/WearableFirmware.Drivers.Common.nfproj",
        "drivers/Max3010x/WearableFirmware.Drivers.Max3010x.nfproj",
        "drivers/Adxl345/WearableFirmware.Drivers.Adxl345.nfproj",
        "firmware/WearableFirmware.Core/WearableFirmware.Core.nfproj",
        "firmware/WearableFirmware.Platform/WearableFirmware.Platform.nfproj",
    ];

    private int Run(ParseResult args)
    {
        string root = Path.GetFullPath(args.GetValue(_root) ?? ".");
        bool deviceOnly = args.GetValue(_deviceOnly);
        if (!File.Exists(Path.Combine(root, "WearableFirmware.sln")))
        {
            throw new UsageException($"not the repository root: {root}");
        }

        string folder = Path.Combine(root, Folder);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, DeviceFile), DeviceBom(root));
        Console.WriteLine($"wrote {Folder}/{DeviceFile}");
        if (deviceOnly)
        {
            return 0;
        }

        foreach (var (name, project) in HostProjects)
        {
            string temp = Directory.CreateTempSubdirectory("cdx").FullName;
            try
            {
                var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (string a in new[] { "dotnet-CycloneDX", Path.Combine(root, project), "-o", temp, "-F", "Json", "--disable-package-restore" })
                {
                    start.ArgumentList.Add(a);
                }

                using Process p = Process.Start(start)!;
                string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
                p.WaitForExit();
                string bom = Path.Combine(temp, "bom.json");
                if (p.ExitCode != 0 || !File.Exists(bom))
                {
                    Console.Error.WriteLine(output);
                    Console.Error.WriteLine("error: the CycloneDX tool failed; run `dotnet tool restore` and build the host projects first");
                    return 1;
                }

                string file = $"host-{name}.cdx.json";
                File.WriteAllText(Path.Combine(folder, file), NormalizeHostBom(File.ReadAllText(bom)));
                Console.WriteLine($"wrote {Folder}/{file}");
            }
            finally
            {
                Directory.Delete(temp, recursive: true);
            }
        }

        return 0;
    }

    /// <summary>The device image's bill of materials, CycloneDX 1.6 JSON, deterministic (no timestamp, sorted).</summary>
    public static string DeviceBom(string root)
    {
        var packages = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (string config in Directory.EnumerateFiles(root, "packages.config", SearchOption.AllDirectories)
                     .Where(p => !Path.GetRelativePath(root, p).Replace('\\', '/').Split('/').Any(d => d is "bin" or "obj" or "artifacts" or "packages" or ".git")))
        {
            string project = Path.GetRelativePath(root, Path.GetDirectoryName(config)!).Replace('\\', '/');
            foreach (XElement package in XDocument.Load(config).Root!.Elements("package"))
            {
                string key = $"{package.Attribute("id")!.Value}@{package.Attribute("version")!.Value}";
                if (!packages.TryGetValue(key, out var users))
                {
                    packages[key] = users = new SortedSet<string>(StringComparer.Ordinal);
                }

                users.Add(project + (package.Attribute("developmentDependency")?.Value == "true" ? " (development)" : ""));
            }
        }

        string version = WearableFirmware.FirmwareIdentity.FirmwareRevision;
        var components = new JsonArray();
        foreach (string project in FirstPartyDeviceProjects)
        {
            string name = Path.GetFileNameWithoutExtension(project);
            components.Add(new JsonObject
            {
                ["type"] = "library",
                ["bom-ref"] = $"{name}@{version}",
                ["name"] = name,
                ["version"] = version,
                ["properties"] = Properties(("wf:source", project)),
            });
        }

        foreach (var (key, users) in packages)
        {
            string id = key[..key.IndexOf('@')];
            components.Add(new JsonObject
            {
                ["type"] = "library",
                ["bom-ref"] = $"pkg:nuget/{key}",
                ["name"] = id,
                ["version"] = key[(key.IndexOf('@') + 1)..],
                ["purl"] = $"pkg:nuget/{key}",
                ["scope"] = users.All(u => u.EndsWith("(development)", StringComparison.Ordinal) || u.StartsWith("tests/", StringComparison.Ordinal)) ? "excluded" : "required",
                ["properties"] = Properties(users.Select(u => ("wf:packages.config", u)).ToArray()),
            });
        }

        components.Add(new JsonObject
        {
            ["type"] = "firmware",
            ["bom-ref"] = $"nanoframework-image-{ImageTarget}",
            ["name"] = $"nanoFramework firmware image {ImageTarget}",
            ["description"] = "nanoCLR with ESP-IDF and NimBLE, flashed with `nanoff --update --target " + ImageTarget
                + "`; nanoff takes the newest image unless --fwversion pins one, so the image version is not pinned by this repository",
            ["supplier"] = new JsonObject { ["name"] = ".NET nanoFramework" },
            ["properties"] = Properties(("wf:version-pinned", "false"), ("wf:flash-command", "nanoff --update --target " + ImageTarget + " --serialport <port>")),
        });

        var bom = new JsonObject
        {
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = "1.6",
            ["version"] = 1,
            ["metadata"] = new JsonObject
            {
                ["tools"] = new JsonObject { ["components"] = new JsonArray(new JsonObject { ["type"] = "application", ["name"] = "WearableFirmware.Simulator sbom" }) },
                ["component"] = new JsonObject
                {
                    ["type"] = "firmware",
                    ["bom-ref"] = $"WearableFirmware@{version}",
                    ["name"] = "WearableFirmware",
                    ["version"] = version,
                    ["description"] = "ESP32 wrist pulse oximeter firmware (nanoFramework application firmware/WearableFirmware)",
                },
            },
            ["components"] = components,
        };
        return bom.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The CycloneDX tool's output without what changes on every run (timestamp, serial number).</summary>
    public static string NormalizeHostBom(string json)
    {
        JsonObject bom = JsonNode.Parse(json)!.AsObject();
        bom.Remove("serialNumber");
        bom["metadata"]!.AsObject().Remove("timestamp");
        return bom.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonArray Properties(params (string Name, string Value)[] properties) =>
        new(properties.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["value"] = p.Value }).ToArray());
}
