using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace WearableFirmware.Tests.NanoSubset;

/// <summary>
/// The gate itself: small programs compiled here with Roslyn (as the host build compiles portable code) must be
/// rejected for exactly the constructs nanoFramework cannot run, and a clean one must pass.
/// </summary>
public class NanoSubsetGateSelfTests
{
    // Entries the samples rely on, each in nanoFramework's API (CoreLibrary Console.cs / System.Math Math.cs /
    // WaitHandle.cs): what the gate must let through while rejecting their missing overloads.
    private static readonly string[] SampleEntries =
    [
        "[mscorlib]",
        "T:System.Console",
        "M:System.Console::WriteLine(System.String)",
        "T:System.Threading.WaitHandle",
        "M:System.Threading.WaitHandle::WaitOne(System.Int32,System.Boolean)",
        "[System.Math]",
        "T:System.Math",
        "M:System.Math::Round(System.Double)",
    ];

    // The real allowlist minus the sample entries (they are re-added under [samples], and listing twice is an error).
    private static readonly string[] RealEntries =
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "NanoSubset", "nanoframework-api.allowlist"))
            .Where(line => !SampleEntries.Contains(line.Split('#')[0].Trim()) || line.StartsWith('['))
            .ToArray();

    private static readonly NanoApiAllowlist Allowlist = NanoApiAllowlist.Parse(
        RealEntries.Concat(SampleEntries.Where(e => !e.StartsWith('[')).Select(e => e).Prepend("[samples]")));

    [Theory]
    [InlineData("System.Collections.Generic.List<int> l = new System.Collections.Generic.List<int>(); return l.Count;", "generic")]
    [InlineData("int? maybe = null; return maybe.HasValue ? 1 : 0;", "System.Nullable`1")]
    [InlineData("(int a, int b) t = (1, 2); return t.a;", "System.ValueTuple`2")]
    [InlineData("System.Span<byte> s = new byte[4]; return s.Length;", "System.Span`1")]
    [InlineData("int[] a = { 1, 2 }; return System.Linq.Enumerable.Count(System.Linq.Enumerable.Where(a, x => x > 1));", "generic method instantiation")]
    [InlineData("int x = 3; string s = $\"x={x}\"; return s.Length;", "DefaultInterpolatedStringHandler")]
    [InlineData("System.Console.WriteLine(42); return 0;", "M:System.Console::WriteLine(System.Int32)")]
    [InlineData("return (int)System.Math.Round(2.345, 2);", "M:System.Math::Round(System.Double,System.Int32)")]
    [InlineData("return (int)System.MathF.Sqrt(4f);", "System.MathF")]
    [InlineData("System.Threading.WaitHandle h = null; return h.WaitOne(10) ? 1 : 0;", "M:System.Threading.WaitHandle::WaitOne(System.Int32)")]
    [InlineData("int[,] grid = new int[2, 2]; return grid[1, 1];", "multi-dimensional array")]
    [InlineData("return (int)System.Environment.TickCount64;", "System.Environment")]
    public void Rejects_what_nanoFramework_cannot_run(string body, string expected)
    {
        IReadOnlyList<string> violations = CompileAndCheck($"public static class Sample {{ public static int Run() {{ {body} }} }}");

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("public static class C { public static int Add(int a, int b) { return checked(a + b); } }", "checked arithmetic")]
    [InlineData("public static class A { public static readonly int V = B.W + 1; } public static class B { public static readonly int W = 41; }",
        "static initialiser of A reads B's statics")]
    [InlineData("public static class A { public static readonly int V = B.Get(); } public static class B { private static int _w = 41; public static int Get() { return _w; } }",
        "static initialiser of A reads B's statics")]
    [InlineData("public class Box<T> { public T Value; }", "generic definition")]
    [InlineData("public static class P { public static unsafe int Read(int* p) { return *p; } }", "unsafe pointer")]
    [InlineData("public static class S { public static async System.Threading.Tasks.Task<int> Go() { await System.Threading.Tasks.Task.Yield(); return 1; } }", "async method")]
    [InlineData("public record Reading(int Value);", "System.IEquatable`1")]
    [InlineData("public class C { public int Value { get; init; } }", "IsExternalInit")]
    // IsVolatile.cs exists in CoreLibrary but is not compiled into mscorlib 1.17.11 (not in CoreLibrary.nfproj).
    [InlineData("public class C { public volatile bool Stop; }", "IsVolatile")]
    public void Rejects_declarations_nanoFramework_cannot_load(string source, string expected)
    {
        Assert.Contains(CompileAndCheck(source), v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Accepts_code_inside_the_subset()
    {
        const string source = """
            public sealed class Filter
            {
                private static readonly float[] Window = MakeWindow();
                private readonly float[] _taps = new float[8];
                private int _index;
                public int Count { get; private set; }
                public event System.EventHandler Changed;

                public float Push(float x)
                {
                    _taps[_index] = x;
                    _index = (_index + 1) & 7;
                    Count++;
                    float sum = 0f;
                    for (int i = 0; i < _taps.Length; i++) { sum += _taps[i]; }
                    if (Changed != null) { Changed(this, System.EventArgs.Empty); }
                    System.Console.WriteLine("pushed");
                    return (float)System.Math.Round(sum / 8f) * Window[0];
                }

                // A static initialiser that reads only its own type's statics is fine.
                private static float[] MakeWindow() { return new float[] { 1f, 0.5f }; }
            }
            """;

        IReadOnlyList<string> violations = CompileAndCheck(source, allowUnsafe: false, allowExtra: ["T:System.EventHandler", "T:System.EventArgs",
            "F:System.EventArgs::Empty", "M:System.EventHandler::Invoke(System.Object,System.EventArgs)",
            "T:System.Delegate", "M:System.Delegate::Combine(System.Delegate,System.Delegate)",
            "M:System.Delegate::Remove(System.Delegate,System.Delegate)"]);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    private static IReadOnlyList<string> CompileAndCheck(string source, bool allowUnsafe = true, string[]? allowExtra = null)
    {
        string[] trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var compilation = CSharpCompilation.Create(
            "GateSample",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12))],
            trusted.Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, allowUnsafe: allowUnsafe));

        using var pe = new MemoryStream();
        var emitted = compilation.Emit(pe);
        Assert.True(emitted.Success, "sample did not compile: " + string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        pe.Position = 0;

        NanoApiAllowlist allowlist = allowExtra == null
            ? Allowlist
            : NanoApiAllowlist.Parse(RealEntries
                .Concat(["[samples]"]).Concat(SampleEntries.Where(e => !e.StartsWith('['))).Concat(allowExtra));
        using var reader = new PEReader(pe);
        return NanoSubsetGate.Check(reader, allowlist, new HashSet<string>());
    }
}
