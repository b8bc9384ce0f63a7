using WearableFirmware.Tests.Repository;

namespace WearableFirmware.Tests.NanoSubset;

/// <summary>The compiled portable assemblies as the test project sees them (each portable project is referenced).</summary>
public static class PortableAssemblies
{
    public static NanoApiAllowlist Allowlist { get; } =
        NanoApiAllowlist.Load(Path.Combine(AppContext.BaseDirectory, "NanoSubset", "nanoframework-api.allowlist"));

    public static IReadOnlyList<string> Names()
        => RepoPaths.PortableProjects().Select(Path.GetFileNameWithoutExtension).Select(n => n!).ToList();

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, name + ".dll");

    public static ISet<string> NameSet() => new HashSet<string>(Names(), StringComparer.Ordinal);
}
