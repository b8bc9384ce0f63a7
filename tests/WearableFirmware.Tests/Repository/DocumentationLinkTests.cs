using System.Text.RegularExpressions;
using Xunit;

namespace WearableFirmware.Tests.Repository;

/// <summary>
/// Documentation moves with the code it describes; a link or a named path that no longer leads anywhere is caught
/// here rather than by the next reader.
/// </summary>
public class DocumentationLinkTests
{
    private static readonly Regex FencedBlock = new(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline);
    private static readonly Regex Link = new(@"\]\(([^)\s]+)(?:\s+""[^""]*"")?\)");
    private static readonly Regex CodeSpan = new(@"`([^`\r\n]+)`");
    private static readonly string[] RepositoryRoots = { "firmware/", "drivers/", "tests/", "hardware-notes/" };

    public static TheoryData<string> MarkdownFiles()
    {
        var data = new TheoryData<string>();
        foreach (string p in RepoPaths.ProjectFiles("*.md"))
        {
            data.Add(RepoPaths.Relative(p));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void Every_relative_link_and_named_repository_path_exists(string markdown)
    {
        Assert.Empty(BrokenReferences(File.ReadAllText(Path.Combine(RepoPaths.Root, markdown)), markdown));
    }

    [Fact]
    public void A_broken_link_or_path_is_reported()
    {
        const string text = "[ok](Sampling/) [gone](NoSuchFolder/README.md#part) `firmware/NoSuchProject/X.cs` "
            + "`drivers/Adxl345` [web](https://example.org/x) [anchor](#local)\n```\n`firmware/InsideAFence`\n```\n";
        Assert.Equal(
            new[] { "NoSuchFolder/README.md", "firmware/NoSuchProject/X.cs" },
            BrokenReferences(text, "firmware/WearableFirmware.Core/README.md"));
    }

    /// <summary>Relative link targets (resolved from the file's folder) and backticked repository paths that do not exist.</summary>
    public static List<string> BrokenReferences(string text, string markdownRelativePath)
    {
        string folder = Path.GetDirectoryName(Path.Combine(RepoPaths.Root, markdownRelativePath))!;
        string prose = FencedBlock.Replace(text, string.Empty);
        var broken = new List<string>();

        foreach (Match m in Link.Matches(prose))
        {
            string target = m.Groups[1].Value.Trim('<', '>');
            if (target.StartsWith('#') || Regex.IsMatch(target, @"^[a-zA-Z][a-zA-Z0-9+.-]*:"))
            {
                continue; // an anchor in the same page, or a URL
            }

            string path = Uri.UnescapeDataString(target.Split('#')[0]);
            if (!Exists(Path.Combine(folder, path)))
            {
                broken.Add(path);
            }
        }

        foreach (Match m in CodeSpan.Matches(prose))
        {
            string span = m.Groups[1].Value.Trim();
            if (!RepositoryRoots.Any(r => span.StartsWith(r, StringComparison.Ordinal)))
            {
                continue;
            }

            string path = span.Split(' ')[0].TrimEnd('.', ',', ';', ':');
            if (!Exists(Path.Combine(RepoPaths.Root, path)))
            {
                broken.Add(path);
            }
        }

        return broken;
    }

    private static bool Exists(string path)
    {
        string full = Path.GetFullPath(path);
        int wildcard = full.IndexOf('*');
        if (wildcard >= 0)
        {
            // `tests/vectors/*.csv`: the folder must exist and hold a match.
            string dir = Path.GetDirectoryName(full[..wildcard] + "x")!;
            return Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir, Path.GetFileName(full)).Any();
        }

        return File.Exists(full) || Directory.Exists(full);
    }
}
