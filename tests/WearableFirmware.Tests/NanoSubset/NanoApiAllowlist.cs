namespace WearableFirmware.Tests.NanoSubset;

/// <summary>
/// The outside types and members portable code may use, each checked by hand against the nanoFramework sources
/// (file <c>nanoframework-api.allowlist</c>). Sections name the nanoFramework assembly that provides the entries
/// below them, so the gate can also tell which assemblies a .nfproj must reference.
/// </summary>
public sealed class NanoApiAllowlist
{
    private readonly Dictionary<string, string> _typeAssembly = new(StringComparer.Ordinal);
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);

    public static NanoApiAllowlist Load(string path) => Parse(File.ReadAllLines(path), path);

    public static NanoApiAllowlist Parse(IEnumerable<string> lines, string source = "allowlist")
    {
        var list = new NanoApiAllowlist();
        string? assembly = null;
        int number = 0;
        foreach (string raw in lines)
        {
            number++;
            string line = raw;
            int hash = line.IndexOf('#');
            if (hash >= 0)
            {
                line = line[..hash];
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                assembly = line[1..^1];
                continue;
            }

            if (assembly == null)
            {
                throw new FormatException($"{source}:{number}: entry before any [assembly] section");
            }

            if (line.StartsWith("T:", StringComparison.Ordinal))
            {
                if (!list._typeAssembly.TryAdd(line[2..], assembly))
                {
                    throw new FormatException($"{source}:{number}: type {line[2..]} listed twice");
                }
            }
            else if (line.StartsWith("M:", StringComparison.Ordinal) || line.StartsWith("F:", StringComparison.Ordinal))
            {
                int sep = line.IndexOf("::", StringComparison.Ordinal);
                if (sep < 0 || (line[0] == 'M' && !line.EndsWith(')')))
                {
                    throw new FormatException($"{source}:{number}: malformed member '{line}' (want M:Type::Name(Params) or F:Type::Name)");
                }

                if (!list._members.Add(line))
                {
                    throw new FormatException($"{source}:{number}: member {line} listed twice");
                }
            }
            else
            {
                throw new FormatException($"{source}:{number}: unknown entry '{line}' (want T:, M: or F:)");
            }
        }

        foreach (string member in list._members)
        {
            string type = member[2..member.IndexOf("::", StringComparison.Ordinal)];
            if (!list._typeAssembly.ContainsKey(type))
            {
                throw new FormatException($"{source}: member {member} belongs to type {type}, which is not listed");
            }
        }

        return list;
    }

    public IEnumerable<string> Members => _members;

    public bool ContainsType(string fullName) => _typeAssembly.ContainsKey(fullName);

    public bool ContainsMember(string member) => _members.Contains(member);

    /// <summary>The nanoFramework assembly that provides a listed type, or null.</summary>
    public string? AssemblyOf(string fullName) => _typeAssembly.TryGetValue(fullName, out string? a) ? a : null;
}
