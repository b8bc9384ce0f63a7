using System.Diagnostics;
using System.Text.RegularExpressions;
using WearableFirmware.Bench;
using WearableFirmware.Tests.Repository;
using Xunit;
using Xunit.Abstractions;

namespace WearableFirmware.Tests.DeviceTests;

/// <summary>
/// The nanoFramework projects built with the real toolchain (nf-build: Roslyn against nanoFramework's own libraries,
/// then the metadata processor) and run on nanoCLR, nanoFramework's interpreter, from ../shared/tools/nanoclr. Each
/// test skips, saying so, when the toolkit is not beside the repository (a fresh clone alone). Three classes, so xunit
/// runs the three builds side by side.
/// </summary>
public static class NanoClr
{
    private const int BuildTimeoutSeconds = 600;

    public static readonly string Toolkit = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "tools", "nanoclr"));

    public static string HostOutcome(BenchSignals signals, string name)
    {
        BenchStage stage = BenchStages.Create(name, signals);
        for (int second = 0; second < signals.Seconds; second++)
        {
            stage.Prepare(second);
            stage.Run(second);
        }

        return stage.Outcome;
    }

    public static void RequireToolkit()
    {
        Skip.IfNot(File.Exists(Path.Combine(Toolkit, "nf-build")) && File.Exists(Path.Combine(Toolkit, "nf-run")),
            $"nanoCLR toolkit not found at {Toolkit}: the nanoFramework build and the device tests on nanoCLR did not run");
    }

    public static string TempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "wearable-nanoclr-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Builds a project and what it references; returns the assembly names nf-build made.</summary>
    public static HashSet<string> NfBuild(string project, string dir, params string[] extra)
    {
        string[] args = new[] { Path.Combine(RepoPaths.Root, project), "--out", dir }.Concat(extra).ToArray();
        (int exit, string text) = Run(Path.Combine(Toolkit, "nf-build"), BuildTimeoutSeconds, args);
        Assert.True(exit == 0, $"nf-build {project} failed:\n{text}");
        return text.Split('\n').Select(l => l.Trim()).Where(l => l.EndsWith(".pe", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension).ToHashSet()!;
    }

    public static (int Exit, string Text) Run(string program, int timeoutSeconds, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        Task<string> error = p.StandardError.ReadToEndAsync();
        Task<string> standard = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(true);
            return (-1, $"{Path.GetFileName(program)} did not finish within {timeoutSeconds} s\n{standard.Result}{error.Result}");
        }

        return (p.ExitCode, standard.Result + error.Result);
    }
}

/// <summary>The on-device tests through the TestFramework's launcher, as on a device; every portable project built for nanoFramework.</summary>
public class NanoClrDeviceTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Device_tests_pass_on_nanoCLR_and_every_portable_project_builds_for_nanoFramework()
    {
        NanoClr.RequireToolkit();
        string dir = NanoClr.TempDirectory();
        try
        {
            var built = NanoClr.NfBuild("tests/WearableFirmware.DeviceTests/WearableFirmware.DeviceTests.nfproj", dir);
            foreach (string csproj in RepoPaths.PortableProjects())
            {
                // Portable projects the device tests do not reference are built on their own.
                string name = Path.GetFileNameWithoutExtension(csproj);
                if (!built.Contains(name))
                {
                    built.UnionWith(NanoClr.NfBuild(RepoPaths.Relative(Path.ChangeExtension(csproj, ".nfproj")), dir));
                }
            }

            Assert.Contains("NFUnitTest", built);
            (int exit, string text) = NanoClr.Run(Path.Combine(NanoClr.Toolkit, "nf-run"), 600, "--tests", Path.Combine(dir, "NFUnitTest.pe"));
            output.WriteLine(text);
            Match summary = Regex.Match(text, @"^(\d+) passed, (\d+) failed, (\d+) skipped\s*$", RegexOptions.Multiline);
            Assert.True(summary.Success, "nf-run printed no summary:\n" + text);
            Assert.True(exit == 0 && summary.Groups[2].Value == "0", "device tests failed on nanoCLR:\n" + text);
            // The parity tests (12 today) run; the hardware smoke tests' Setup skips off the board.
            Assert.True(int.Parse(summary.Groups[1].Value) >= 12, "too few device tests ran on nanoCLR:\n" + text);
            Assert.Contains("SKIP WearableFirmware.DeviceTests.HardwareSmokeTests.RequireEsp32", text);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

/// <summary>The ESP32 application compiles against nanoFramework's own libraries.</summary>
public class NanoClrApplicationBuildTests
{
    [SkippableFact]
    public void The_device_application_builds_for_nanoFramework()
    {
        NanoClr.RequireToolkit();
        string dir = NanoClr.TempDirectory();
        try
        {
            var built = NanoClr.NfBuild("firmware/WearableFirmware/WearableFirmware.nfproj", dir);
            Assert.Contains("WearableFirmware", built);
            Assert.Contains("WearableFirmware.Platform", built);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

/// <summary>The bench on nanoCLR: the same results as on .NET, and no stage allocates there (see tests/WearableFirmware.Bench).</summary>
public class NanoClrBenchTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Bench_on_nanoCLR_computes_what_dotnet_computes_and_its_stages_do_not_allocate()
    {
        NanoClr.RequireToolkit();
        string dir = NanoClr.TempDirectory();
        try
        {
            NanoClr.NfBuild("tests/WearableFirmware.Bench/WearableFirmware.Bench.nfproj", dir, "--define", "BENCH_QUICK");
            (int exit, string text) = NanoClr.Run(Path.Combine(NanoClr.Toolkit, "nf-run"), 900, "--timeout", "850", Path.Combine(dir, "WearableFirmware.Bench.pe"));
            output.WriteLine(text);
            var nano = new NanoBenchOutput(text);
            Assert.True(exit == 0 && nano.Finished, "the bench did not finish on nanoCLR:\n" + text);

            var problems = new List<string>();
            foreach (string scenario in BenchSignals.ScenarioNames)
            {
                BenchSignals signals = BenchSignals.Named(scenario, BenchSignals.DefaultSeconds);
                foreach (string name in BenchStages.Names)
                {
                    NanoStageResult result = nano.Find(scenario, name);
                    Assert.True(result != null, $"no nanoCLR result for {scenario} {name}:\n{text}");
                    string host = NanoClr.HostOutcome(signals, name);
                    if (result!.Outcome != host)
                    {
                        problems.Add($"{scenario} {name}: nanoCLR '{result.Outcome}', .NET '{host}'");
                    }

                    // With 64 KiB free, 300 s of data allocating even 22 bytes per 100 ms tick would start a collection.
                    if (result.Collections != 0 || result.FreeAfter < result.FreeBefore)
                    {
                        problems.Add($"{scenario} {name}: {result.Collections} collections in {result.HeapSeconds} s with {result.Headroom} bytes free, "
                            + $"free heap {result.FreeBefore} -> {result.FreeAfter}");
                    }
                }
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
