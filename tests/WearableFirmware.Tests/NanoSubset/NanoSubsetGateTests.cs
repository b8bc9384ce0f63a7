using Xunit;

namespace WearableFirmware.Tests.NanoSubset;

/// <summary>Every compiled portable assembly stays inside what nanoFramework's stable runtime can load and run.</summary>
public class NanoSubsetGateTests
{
    public static TheoryData<string> PortableAssemblyNames()
    {
        var data = new TheoryData<string>();
        foreach (string name in PortableAssemblies.Names())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PortableAssemblyNames))]
    public void Portable_assembly_uses_only_the_nanoFramework_subset(string assemblyName)
    {
        string path = PortableAssemblies.PathOf(assemblyName);
        Assert.True(File.Exists(path), $"{assemblyName}.dll is not in the test output: reference its project from WearableFirmware.Tests.csproj so the gate checks it");

        IReadOnlyList<string> violations = NanoSubsetGate.Check(path, PortableAssemblies.Allowlist, PortableAssemblies.NameSet());

        Assert.True(violations.Count == 0, $"{assemblyName} leaves the nanoFramework subset:\n  " + string.Join("\n  ", violations));
    }

    [Fact]
    public void There_are_portable_assemblies_to_check()
    {
        Assert.Contains("WearableFirmware.Core", PortableAssemblies.Names());
        Assert.Contains("WearableFirmware.Drivers.Common", PortableAssemblies.Names());
    }
}
