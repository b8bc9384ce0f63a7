namespace WearableFirmware.Tests.Repository;

/// <summary>Finds the repository and its projects from wherever the test assembly runs.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Beside the repository (CI and developers have it; a fresh clone alone does not).</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    /// <summary>Every SDK-style project that has a .nfproj of the same name beside it: the portable ones.</summary>
    public static IReadOnlyList<string> PortableProjects()
        => ProjectFiles("*.csproj").Where(p => File.Exists(Path.ChangeExtension(p, ".nfproj"))).ToList();

    public static IReadOnlyList<string> ProjectFiles(string pattern)
        => Directory.EnumerateFiles(Root, pattern, SearchOption.AllDirectories)
            .Where(p => !IsIgnored(p))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>True for build output and restored packages, which are not part of the sources.</summary>
    public static bool IsIgnored(string path)
    {
        string rel = Relative(path);
        return rel.Split('/').Any(part => part is "bin" or "obj" or "artifacts" or "packages" or ".git" or "TestResults");
    }

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir != null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "WearableFirmware.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("WearableFirmware.sln not found above " + AppContext.BaseDirectory);
    }
}
