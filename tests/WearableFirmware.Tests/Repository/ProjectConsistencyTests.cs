using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using WearableFirmware.Tests.NanoSubset;
using Xunit;

namespace WearableFirmware.Tests.Repository;

/// <summary>The host build and the nanoFramework build describe the same code, and the solution lists everything.</summary>
public class ProjectConsistencyTests
{
    private const string NanoFrameworkProjectType = "{11A8DD76-328B-46DF-9F39-F559912D0360}";

    public static TheoryData<string> Nfprojs()
    {
        var data = new TheoryData<string>();
        foreach (string p in RepoPaths.ProjectFiles("*.nfproj"))
        {
            data.Add(RepoPaths.Relative(p));
        }

        return data;
    }

    public static TheoryData<string> PortableProjects()
    {
        var data = new TheoryData<string>();
        foreach (string p in RepoPaths.PortableProjects())
        {
            data.Add(RepoPaths.Relative(p));
        }

        return data;
    }

    /// <summary>
    /// Portable projects: the .nfproj must build exactly what the .csproj beside it builds. Device-only projects: it
    /// must build every .cs file in its folder, so nothing written for the device is silently left out. A subfolder
    /// holding its own project (a driver's samples/) is that project's, checked when its own .nfproj comes round.
    /// </summary>
    [Theory]
    [MemberData(nameof(Nfprojs))]
    public void Nfproj_compiles_exactly_the_cs_files_in_its_folder(string relative)
    {
        string nfproj = Path.Combine(RepoPaths.Root, relative);
        string dir = Path.GetDirectoryName(nfproj)!;
        var onDisk = OwnedCsFiles(dir).ToHashSet(StringComparer.Ordinal);
        var listed = Items(nfproj, "Compile").Select(i => i.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);

        var missing = onDisk.Except(listed).Order().ToList();
        var stale = listed.Except(onDisk).Order().ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            $"{RepoPaths.Relative(nfproj)} drifted from the .cs files beside it.\n  not listed: {string.Join(", ", missing)}\n  listed but missing: {string.Join(", ", stale)}");
    }

    /// <summary>The folder rule above, on a folder built here: a nested project takes its files, a stray file still counts.</summary>
    [Fact]
    public void A_subfolder_with_its_own_project_is_left_to_it_but_a_stray_file_is_not()
    {
        string dir = Path.Combine(Path.GetTempPath(), "wearable-owned-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (string file in new[] { "Driver.cs", "Stray/Helper.cs", "samples/Sample.cs", "samples/Sample.nfproj", "samples/Properties/AssemblyInfo.cs" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, file))!);
                File.WriteAllText(Path.Combine(dir, file), "");
            }

            Assert.Equal(new[] { "Driver.cs", "Stray/Helper.cs" }, OwnedCsFiles(dir).Order(StringComparer.Ordinal));
            Assert.Equal(new[] { "Properties/AssemblyInfo.cs", "Sample.cs" }, OwnedCsFiles(Path.Combine(dir, "samples")).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [MemberData(nameof(Nfprojs))]
    public void Nfproj_follows_the_nanoFramework_project_format(string relative)
    {
        string path = Path.Combine(RepoPaths.Root, relative);
        XDocument doc = XDocument.Load(path);
        XNamespace ns = doc.Root!.Name.Namespace;
        string Prop(string name) => doc.Descendants(ns + name).Select(e => e.Value).FirstOrDefault() ?? "";

        Assert.StartsWith(NanoFrameworkProjectType, Prop("ProjectTypeGuids"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("v1.0", Prop("TargetFrameworkVersion"));
        // A test project's assembly is NFUnitTest: nanoFramework.UnitTestLauncher loads exactly that name.
        bool testProject = Prop("IsTestProject") == "true";
        Assert.Equal(testProject ? "NFUnitTest" : Path.GetFileNameWithoutExtension(path), Prop("AssemblyName"));
        var imports = doc.Descendants(ns + "Import").ToList();
        foreach (string target in new[] { "NFProjectSystem.Default.props", "NFProjectSystem.props", "NFProjectSystem.CSharp.targets" })
        {
            XElement? import = imports.FirstOrDefault(i => ((string?)i.Attribute("Project"))?.EndsWith(target, StringComparison.Ordinal) == true);
            Assert.True(import != null, $"{relative} does not import {target}");
            Assert.Contains("Exists(", (string?)import!.Attribute("Condition") ?? "");
        }

        // Every referenced package is restored by packages.config at the version its HintPath names.
        var packages = Packages(Path.Combine(Path.GetDirectoryName(path)!, "packages.config"));
        foreach (XElement reference in doc.Descendants(ns + "Reference"))
        {
            string hint = reference.Element(ns + "HintPath")?.Value ?? "";
            Match m = Regex.Match(hint, @"packages\\(?<id>[A-Za-z0-9.]+?)\.(?<version>\d+(\.\d+)+)\\lib\\");
            Assert.True(m.Success, $"{relative}: reference {reference.Attribute("Include")} has no packages\\<id>.<version>\\lib HintPath");
            string id = m.Groups["id"].Value;
            Assert.True(packages.TryGetValue(id, out string? version), $"{relative}: {id} is referenced but not in packages.config");
            Assert.Equal(version, m.Groups["version"].Value);
        }

        foreach (string compile in Items(path, "Compile").Concat(Items(path, "ProjectReference")))
        {
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(path)!, compile.Replace('\\', '/'))), $"{relative} names {compile}, which does not exist");
        }
    }

    [Theory]
    [MemberData(nameof(PortableProjects))]
    public void Nfproj_references_every_nanoFramework_assembly_the_code_uses(string csproj)
    {
        string name = Path.GetFileNameWithoutExtension(csproj);
        string nfproj = Path.ChangeExtension(Path.Combine(RepoPaths.Root, csproj), ".nfproj");
        var referencedDlls = Items(nfproj, "Reference", "HintPath").Select(h => Path.GetFileNameWithoutExtension(h.Replace('\\', '/'))).ToHashSet();
        var referencedProjects = Items(nfproj, "ProjectReference").Select(p => Path.GetFileNameWithoutExtension(p.Replace('\\', '/'))).ToHashSet();

        using var pe = new PEReader(File.OpenRead(PortableAssemblies.PathOf(name)));
        MetadataReader md = pe.GetMetadataReader();
        var needed = new SortedSet<string>();
        foreach (TypeReferenceHandle h in md.TypeReferences)
        {
            TypeReference tr = md.GetTypeReference(h);
            if (tr.ResolutionScope.Kind != HandleKind.AssemblyReference)
            {
                continue;
            }

            string assembly = md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)tr.ResolutionScope).Name);
            string ns = md.GetString(tr.Namespace);
            string full = (ns.Length > 0 ? ns + "." : "") + md.GetString(tr.Name);
            string? nano = PortableAssemblies.NameSet().Contains(assembly) ? assembly : PortableAssemblies.Allowlist.AssemblyOf(full);
            if (nano != null && nano != "compiler-supplied")
            {
                needed.Add(nano);
            }
        }

        var absent = needed.Where(a => !referencedDlls.Contains(a) && !referencedProjects.Contains(a)).ToList();
        Assert.True(absent.Count == 0, $"{RepoPaths.Relative(nfproj)} must reference {string.Join(", ", absent)} (the code uses types from it)");
    }

    [Fact]
    public void Solution_lists_every_project_and_the_host_filter_every_csproj()
    {
        string sln = File.ReadAllText(Path.Combine(RepoPaths.Root, "WearableFirmware.sln"));
        var entries = Regex.Matches(sln, "Project\\(\"(?<type>\\{[^}]+\\})\"\\) = \"[^\"]+\", \"(?<path>[^\"]+\\.(cs|nf)proj)\"")
            .ToDictionary(m => m.Groups["path"].Value.Replace('\\', '/'), m => m.Groups["type"].Value);
        var onDisk = RepoPaths.ProjectFiles("*.csproj").Concat(RepoPaths.ProjectFiles("*.nfproj")).Select(RepoPaths.Relative).ToList();

        Assert.Empty(onDisk.Except(entries.Keys));
        Assert.Empty(entries.Keys.Except(onDisk));
        Assert.All(entries.Where(e => e.Key.EndsWith(".nfproj")), e => Assert.Equal(NanoFrameworkProjectType, e.Value, ignoreCase: true));

        string slnf = File.ReadAllText(Path.Combine(RepoPaths.Root, "WearableFirmware.Host.slnf"));
        var filtered = Regex.Matches(slnf, "\"(?<p>[^\"]+\\.csproj)\"").Select(m => m.Groups["p"].Value.Replace("\\\\", "/")).ToHashSet();
        Assert.Equal(onDisk.Where(p => p.EndsWith(".csproj")).Order(), filtered.Order());
    }

    /// <summary>
    /// The .cs files below <paramref name="dir"/> that a project there builds (paths relative to it): all of them,
    /// except build output and those in a subfolder holding its own .csproj or .nfproj.
    /// </summary>
    private static IEnumerable<string> OwnedCsFiles(string dir)
        => Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(p => !RepoPaths.IsIgnored(p) && !InNestedProject(dir, p))
            .Select(p => Path.GetRelativePath(dir, p).Replace('\\', '/'));

    private static bool InNestedProject(string dir, string file)
    {
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));
        for (string? folder = Path.GetDirectoryName(Path.GetFullPath(file)); folder != null && folder.Length > root.Length; folder = Path.GetDirectoryName(folder))
        {
            if (Directory.EnumerateFiles(folder, "*.csproj").Any() || Directory.EnumerateFiles(folder, "*.nfproj").Any())
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> Items(string project, string item, string? child = null)
    {
        XDocument doc = XDocument.Load(project);
        XNamespace ns = doc.Root!.Name.Namespace;
        return doc.Descendants(ns + item).Select(e => child == null ? (string?)e.Attribute("Include") : e.Element(ns + child)?.Value)
            .Where(v => !string.IsNullOrEmpty(v)).Select(v => v!);
    }

    private static Dictionary<string, string> Packages(string packagesConfig)
    {
        Assert.True(File.Exists(packagesConfig), $"{RepoPaths.Relative(packagesConfig)} is missing");
        return XDocument.Load(packagesConfig).Descendants("package").ToDictionary(
            p => (string)p.Attribute("id")!,
            p =>
            {
                Assert.Equal("netnano1.0", (string?)p.Attribute("targetFramework"));
                return (string)p.Attribute("version")!;
            });
    }
}
