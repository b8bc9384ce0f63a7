using System.Reflection;
using System.Runtime.Loader;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WearableFirmware.Alarms;
using WearableFirmware.Falls;
using WearableFirmware.Simulator.Vectors;
using WearableFirmware.Tests.NanoSubset;
using WearableFirmware.Tests.Repository;
using Xunit;

namespace WearableFirmware.Tests.DeviceTests;

/// <summary>
/// The on-device test project (tests/WearableFirmware.DeviceTests, nanoFramework only) stays honest from here:
/// its golden vectors are what the portable code produces today, its project file builds every file in its folder
/// against the portable .nfproj files, and its parity tests compile against the portable assemblies and a
/// stand-in of nanoFramework.TestFramework with the real API's signatures, pass the nanoFramework subset gate, and
/// pass when run on .NET.
/// </summary>
public class GoldenVectorTests
{
    private const int MaxGeneratedSourceBytes = 200 * 1024;

    /// <summary>nanoFramework.UnitTestLauncher loads the test assembly by this name.</summary>
    private const string TestAssemblyName = "NFUnitTest";

    private static readonly string DeviceTestsDir = Path.Combine(RepoPaths.Root, "tests", "WearableFirmware.DeviceTests");

    [Fact]
    public void Committed_vectors_are_what_the_portable_code_produces_now()
    {
        var stale = new List<string>();
        foreach (VectorFile file in GoldenVectors.Generate())
        {
            string path = Path.Combine(RepoPaths.Root, file.RelativePath);
            string? committed = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : null;
            if (committed != file.Content)
            {
                stale.Add(file.RelativePath + (committed == null ? " (missing)" : " (differs at line " + FirstDifferentLine(committed, file.Content) + ")"));
            }
        }

        Assert.True(stale.Count == 0, "golden vectors are stale; run `dotnet run --project firmware/WearableFirmware.Simulator -- write-vectors` "
            + "and commit the result:\n  " + string.Join("\n  ", stale));
    }

    [Fact]
    public void Vectors_hold_the_published_check_values_and_stay_small()
    {
        // Independent anchors: the CRC-32 catalogue check value and the SFLOAT of 97.5 % at 0.1 % (exponent -1, mantissa 975).
        string crc = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "vectors", "crc32.csv"));
        Assert.Contains("313233343536373839,0xCBF43926", crc);
        string sfloat = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "vectors", "ieee11073-float.csv"));
        Assert.Contains("SFLOAT,97.5,-1,0xF3CF", sfloat);

        // The synthetic PPG is built for 75 bpm (mean period 80 samples at 100 sps) and a ratio of ratios of 0.45,
        // which Maxim's curve (the default calibration) maps to 1.5958422 R^2 - 34.6596622 R + 112.6898759 = 97.42 %.
        string[] last = File.ReadAllLines(Path.Combine(RepoPaths.Root, "tests", "vectors", "vitals-readings.csv"))[^1].Split(',');
        Assert.Equal("1", last[4]);
        Assert.InRange(double.Parse(last[5], System.Globalization.CultureInfo.InvariantCulture), 74.0, 76.0);
        Assert.Equal("1", last[6]);
        double expectedSpO2 = 1.5958422 * 0.45 * 0.45 - 34.6596622 * 0.45 + 112.6898759;
        Assert.InRange(double.Parse(last[7], System.Globalization.CultureInfo.InvariantCulture), expectedSpO2 - 1.0, expectedSpO2 + 1.0);

        // The motion sequence holds a fall (upright, free fall, impact, lying still) and a jump (upright before and after).
        string[] decisions = File.ReadAllLines(Path.Combine(RepoPaths.Root, "tests", "vectors", "fall-decisions.csv")).Skip(2).ToArray();
        Assert.Equal(2, decisions.Length);
        // Fall: impact samples 165-166 at 50 Hz, then 0.5 s settling (25 samples) and the 1.5 s confirmation (75): 266.
        Assert.StartsWith("266,2,1,1,1,1,", decisions[0]);
        Assert.Equal("0", decisions[1].Split(',')[4]);       // the jump: posture stage says no

        long size = new FileInfo(Path.Combine(RepoPaths.Root, GoldenVectors.GeneratedSourcePath)).Length;
        Assert.True(size < MaxGeneratedSourceBytes, $"GoldenVectors.g.cs is {size} bytes; keep it under {MaxGeneratedSourceBytes} (nanoFramework deploys it to flash)");
    }

    [Fact]
    public void Wrist_and_alarm_vectors_hold_what_the_device_tests_must_reproduce()
    {
        // A parity test over a sequence with one kind of verdict could not tell a detector that always says so: the
        // wrist sequence must hold both a fall and a rejected impact.
        int[] kinds = File.ReadAllLines(Path.Combine(RepoPaths.Root, "tests", "vectors", "wrist-fall-decisions.csv")).Skip(2)
            .Select(line => int.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Contains((int)FallDecision.Fall, kinds);
        Assert.Contains((int)FallDecision.Rejected, kinds);

        // The alarm sequence: every physiological episode starts, escalates and ends; sensor off starts and ends; a
        // press pauses one alarm and acknowledges others.
        var events = File.ReadAllLines(Path.Combine(RepoPaths.Root, "tests", "vectors", "alarm-events.csv")).Skip(2)
            .Select(line => line.Split(',').Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray())
            .Select(f => (Kind: (AlarmEventKind)f[1], Condition: (AlarmCondition)f[2])).ToList();
        foreach (AlarmCondition condition in new[] { AlarmCondition.SpO2Low, AlarmCondition.PulseRateHigh })
        {
            foreach (AlarmEventKind kind in new[] { AlarmEventKind.Started, AlarmEventKind.Escalated, AlarmEventKind.Ended })
            {
                Assert.Contains((kind, condition), events);
            }
        }

        Assert.Contains((AlarmEventKind.Started, AlarmCondition.SensorOff), events);
        Assert.Contains((AlarmEventKind.Ended, AlarmCondition.SensorOff), events);
        Assert.Contains((AlarmEventKind.Started, AlarmCondition.LinkLost), events);
        Assert.Contains(events, e => e.Kind == AlarmEventKind.Paused);
        Assert.Contains(events, e => e.Kind == AlarmEventKind.Acknowledged);
    }

    [Fact]
    public void Device_test_project_references_the_portable_libraries_and_the_test_framework()
    {
        string nfproj = Path.Combine(DeviceTestsDir, "WearableFirmware.DeviceTests.nfproj");
        XDocument doc = XDocument.Load(nfproj);
        XNamespace ns = doc.Root!.Name.Namespace;

        var projects = doc.Descendants(ns + "ProjectReference").Select(e => (string)e.Attribute("Include")!).ToList();
        Assert.NotEmpty(projects);
        foreach (string reference in projects)
        {
            // The portable projects (the code under test) and the device adapters' library; never the application,
            // whose Main a test assembly cannot carry.
            string target = Path.GetFullPath(Path.Combine(DeviceTestsDir, reference.Replace('\\', '/')));
            Assert.True(File.Exists(target), $"{reference} does not exist");
            XDocument referenced = XDocument.Load(target);
            Assert.Equal("Library", referenced.Descendants(referenced.Root!.Name.Namespace + "OutputType").Single().Value);
        }

        Assert.Contains(projects, p => p.EndsWith("WearableFirmware.Core.nfproj", StringComparison.Ordinal));

        Assert.Contains(doc.Descendants(ns + "ProjectCapability"), e => (string?)e.Attribute("Include") == "TestContainer");
        Assert.Equal("true", doc.Descendants(ns + "IsTestProject").Single().Value);
        Assert.Equal("UnitTest", doc.Descendants(ns + "TestProjectType").Single().Value);
        Assert.Equal(TestAssemblyName, doc.Descendants(ns + "AssemblyName").Single().Value);
        Assert.EndsWith(@"\nano.runsettings", doc.Descendants(ns + "RunSettingsFilePath").Single().Value);
        var hints = doc.Descendants(ns + "HintPath").Select(e => e.Value).ToList();
        Assert.Contains(hints, h => h.EndsWith(@"\lib\nanoFramework.TestFramework.dll", StringComparison.Ordinal));
        Assert.Contains(hints, h => h.EndsWith(@"\lib\nanoFramework.UnitTestLauncher.exe", StringComparison.Ordinal));

        Assert.Equal("False", RunSetting("nano.runsettings", "IsRealHardware"));
        Assert.Equal("True", RunSetting("nano.hardware.runsettings", "IsRealHardware"));
        Assert.NotNull(RunSetting("nano.hardware.runsettings", "RealHardwarePort"));
    }

    [Fact]
    public void Parity_tests_compile_stay_inside_nanoFramework_and_pass_on_dotnet()
    {
        // The stand-in framework: its own assembly, named like the real one, so the gate treats it as outside API.
        byte[] framework = Compile("nanoFramework.TestFramework", [TestFrameworkStandIn], []);
        string[] sources = Directory.EnumerateFiles(Path.Combine(DeviceTestsDir, "Parity"), "*.cs")
            .Append(Path.Combine(RepoPaths.Root, GoldenVectors.GeneratedSourcePath))
            .Select(File.ReadAllText).ToArray();
        byte[] tests = Compile(TestAssemblyName, sources, [MetadataReference.CreateFromImage(framework)]);

        var allowed = new HashSet<string>(PortableAssemblies.NameSet()) { "nanoFramework.TestFramework" };
        using (var pe = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(tests)))
        {
            IReadOnlyList<string> violations = NanoSubsetGate.Check(pe, PortableAssemblies.Allowlist, allowed);
            Assert.True(violations.Count == 0, "device parity tests use what nanoFramework lacks:\n" + string.Join("\n", violations));
        }

        var context = new StandInContext(framework);
        Assembly assembly = context.LoadFromStream(new MemoryStream(tests));
        var ran = new List<string>();
        var failures = new List<string>();
        foreach (Type type in assembly.GetTypes().Where(t => t.GetCustomAttributes().Any(a => a.GetType().Name == "TestClassAttribute")))
        {
            // As nanoFramework.UnitTestLauncher does: Setup, then the tests, then Cleanup, each invoked without an
            // instance of the class (an instance method fails here as it fails on the device).
            foreach (string kind in new[] { "SetupAttribute", "TestMethodAttribute", "CleanupAttribute" })
            {
                foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttributes().Any(a => a.GetType().Name == kind)))
                {
                    ran.Add(type.Name + "." + method.Name);
                    try
                    {
                        method.Invoke(null, null);
                    }
                    catch (Exception e) when (e is TargetInvocationException or TargetException)
                    {
                        failures.Add(type.Name + "." + method.Name + ": " + (e.InnerException ?? e).Message);
                    }
                }
            }
        }

        Assert.True(ran.Count >= 12, "expected the parity tests to be found, ran: " + string.Join(", ", ran));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void A_parity_test_fails_when_the_vectors_disagree()
    {
        // The stand-in's Assert must actually fail: corrupt one expected frame byte and run the Fall Event test.
        byte[] framework = Compile("nanoFramework.TestFramework", [TestFrameworkStandIn], []);
        string vectors = File.ReadAllText(Path.Combine(RepoPaths.Root, GoldenVectors.GeneratedSourcePath));
        int frames = vectors.IndexOf("FallEventFrames", StringComparison.Ordinal);
        int first = vectors.IndexOf("0x", frames, StringComparison.Ordinal);
        string corrupted = vectors[..first] + (vectors.Substring(first, 4) == "0x00" ? "0x01" : "0x00") + vectors[(first + 4)..];
        string[] sources = Directory.EnumerateFiles(Path.Combine(DeviceTestsDir, "Parity"), "*.cs").Select(File.ReadAllText).Append(corrupted).ToArray();
        byte[] tests = Compile(TestAssemblyName, sources, [MetadataReference.CreateFromImage(framework)]);

        Assembly assembly = new StandInContext(framework).LoadFromStream(new MemoryStream(tests));
        Type type = assembly.GetType("WearableFirmware.DeviceTests.GattParityTests")!;
        var error = Assert.Throws<TargetInvocationException>(() => type.GetMethod("Fall_events_match_the_host")!.Invoke(null, null));
        Assert.Contains("Fall Event case 0: byte 0", error.InnerException!.Message);
    }

    [Fact]
    public void Every_test_method_runs_without_an_instance_as_the_launcher_calls_it()
    {
        // nanoFramework.UnitTestLauncher invokes Setup, TestMethod, DataRow and Cleanup methods with a null target:
        // no instance of the test class exists on the device, so an instance method's fields would be null there.
        var offenders = new List<string>();
        foreach (string file in Directory.EnumerateFiles(DeviceTestsDir, "*.cs", SearchOption.AllDirectories).Where(p => !RepoPaths.IsIgnored(p)))
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            foreach (var method in root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
            {
                bool test = method.AttributeLists.SelectMany(l => l.Attributes)
                    .Any(a => a.Name.ToString() is "TestMethod" or "Setup" or "Cleanup" or "DataRow");
                if (test && !method.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword)))
                {
                    offenders.Add(RepoPaths.Relative(file) + ": " + method.Identifier.Text);
                }
            }
        }

        Assert.True(offenders.Count == 0, "test methods must be static (the launcher creates no instance):\n  " + string.Join("\n  ", offenders));
    }

    private static string? RunSetting(string file, string element)
        => XDocument.Load(Path.Combine(DeviceTestsDir, file)).Descendants(element).SingleOrDefault()?.Value;

    private static int FirstDifferentLine(string a, string b)
    {
        string[] x = a.Split('\n');
        string[] y = b.Split('\n');
        int i = 0;
        while (i < x.Length && i < y.Length && x[i] == y[i])
        {
            i++;
        }

        return i + 1;
    }

    private static byte[] Compile(string name, string[] sources, MetadataReference[] extra)
    {
        string[] trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        IEnumerable<MetadataReference> references = trusted.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Concat(PortableAssemblies.Names().Select(n => MetadataReference.CreateFromFile(PortableAssemblies.PathOf(n))))
            .Concat(extra);
        var compilation = CSharpCompilation.Create(
            name,
            sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.CSharp12))),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Disable));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, name + " did not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return stream.ToArray();
    }

    /// <summary>Resolves the stand-in framework by name; everything else comes from the default context.</summary>
    private sealed class StandInContext(byte[] framework) : AssemblyLoadContext(isCollectible: true)
    {
        private Assembly? _framework;

        protected override Assembly? Load(AssemblyName assemblyName)
            => assemblyName.Name == "nanoFramework.TestFramework" ? _framework ??= LoadFromStream(new MemoryStream(framework)) : null;
    }

    // Members of nanoFramework.TestFramework 3.0.77 (source/TestFramework/Assert*.cs, source/TestFrameworkShared/*.cs)
    // with their real signatures, only those the parity tests may use. Failing asserts throw, as the real ones do.
    private const string TestFrameworkStandIn = """
        using System;
        using System.Runtime.CompilerServices;

        namespace nanoFramework.TestFramework
        {
            [AttributeUsage(AttributeTargets.Class)] public class TestClassAttribute : Attribute { }
            [AttributeUsage(AttributeTargets.Method)] public class TestMethodAttribute : Attribute { }
            [AttributeUsage(AttributeTargets.Method)] public class SetupAttribute : Attribute { }
            [AttributeUsage(AttributeTargets.Method)] public class CleanupAttribute : Attribute { }

            public class AssertFailedException : Exception { public AssertFailedException(string message) : base(message) { } }

            public static class Assert
            {
                public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "") { Check(expected == actual, expected, actual, message); }
                public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "") { Check(expected == actual, expected, actual, message); }
                public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "") { Check(expected == actual, expected, actual, message); }
                public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "") { Check(expected == actual, expected, actual, message); }
                public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "") { Check(expected == actual, expected, actual, message); }
                public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "") { Check(expected == actual, expected, actual, message); }
                public static void AreEqual(float expected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "") { Check(expected == actual, expected, actual, message); }
                public static void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "") { Check(expected == actual, expected, actual, message); }
                public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "") { Check(condition, true, condition, message); }
                public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "") { Check(!condition, false, condition, message); }
                public static void SkipTest(string message = null) { throw new InvalidOperationException("skipped: " + message); }

                private static void Check(bool ok, object expected, object actual, string message)
                {
                    if (!ok) { throw new AssertFailedException(message + " (expected " + expected + ", got " + actual + ")"); }
                }
            }
        }
        """;
}
