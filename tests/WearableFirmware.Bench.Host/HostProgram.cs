using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace WearableFirmware.Bench
{
    /// <summary>
    /// The bench's host side. `stage SCENARIO STAGE SECONDS [--prepare-only]` runs one bench stage on .NET (what
    /// ilmeter meters). Without a command it runs the whole bench: the stages on nanoCLR (time, heap), the same stages
    /// metered on .NET (IL instructions per second of data), the simulator's default scenario metered, and writes
    /// the report. `--il-only` skips nanoCLR (the rerunnable cost check).
    /// </summary>
    public static class HostProgram
    {
        private const string MeteredAssemblies =
            "WearableFirmware.Core.dll,WearableFirmware.Drivers.Common.dll,WearableFirmware.Drivers.Max3010x.dll,WearableFirmware.Drivers.Adxl345.dll";

        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

        public static int Main(string[] args)
        {
            try
            {
                if (args.Length > 0 && args[0] == "stage")
                {
                    return RunStage(args);
                }

                return Report(args);
            }
            catch (BenchException e)
            {
                Console.Error.WriteLine("bench: " + e.Message);
                return 1;
            }
        }

        /// <summary>One stage over the generated data: prepare (and run) every second, print the outcome and .NET allocation.</summary>
        private static int RunStage(string[] args)
        {
            if (args.Length < 4)
            {
                throw new BenchException("usage: stage SCENARIO STAGE SECONDS [--prepare-only]");
            }

            BenchSignals signals = BenchSignals.Named(args[1], int.Parse(args[3], Inv));
            BenchStage stage = BenchStages.Create(args[2], signals);
            bool run = !args.Contains("--prepare-only");
            long allocated = 0;
            for (int second = 0; second < signals.Seconds; second++)
            {
                stage.Prepare(second);
                if (run)
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    stage.Run(second);
                    allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                }
            }

            Console.WriteLine("outcome " + stage.Outcome);
            Console.WriteLine("allocated " + allocated.ToString(Inv));
            return 0;
        }

        private static int Report(string[] args)
        {
            string root = RepoRoot();
            string shared = Path.GetFullPath(Path.Combine(root, "..", "shared", "tools"));
            string outDir = Path.GetFullPath(Option(args, "--out") ?? Path.Combine(root, "artifacts", "bench"));
            string nanoclr = Option(args, "--nanoclr") ?? Path.Combine(shared, "nanoclr");
            string ilmeter = Option(args, "--ilmeter") ?? Path.Combine(shared, "ilmeter", "ilmeter");
            bool ilOnly = args.Contains("--il-only");
            int seconds = BenchSignals.DefaultSeconds;
            Directory.CreateDirectory(outDir);
            if (!File.Exists(ilmeter))
            {
                throw new BenchException("ilmeter not found at " + ilmeter + " (--ilmeter PATH)");
            }

            NanoBenchOutput nano = null;
            string loadAverage = null;
            if (!ilOnly)
            {
                if (!File.Exists(Path.Combine(nanoclr, "nf-build")))
                {
                    throw new BenchException("nanoCLR toolkit not found at " + nanoclr + " (--nanoclr DIR, or --il-only)");
                }

                nano = RunOnNanoClr(root, nanoclr, outDir);
                loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
            }

            Console.WriteLine("metering the stages on .NET (ilmeter)...");
            string metered = Path.Combine(outDir, "metered");
            Instrument(ilmeter, AppContext.BaseDirectory, metered);
            var stages = new List<StageResult>();
            foreach (string scenario in BenchSignals.ScenarioNames)
            {
                foreach (string stage in BenchStages.Names)
                {
                    Metered full = Meter(Path.Combine(metered, "WearableFirmware.Bench.Host.dll"), outDir, "stage", scenario, stage, seconds.ToString(Inv));
                    Metered prepared = Meter(Path.Combine(metered, "WearableFirmware.Bench.Host.dll"), outDir, "stage", scenario, stage, seconds.ToString(Inv), "--prepare-only");
                    var result = new StageResult(scenario, stage, seconds, full, prepared);
                    if (nano != null)
                    {
                        result.Nano = nano.Find(scenario, stage) ?? throw new BenchException("nanoCLR printed no result for " + scenario + " " + stage);
                    }

                    stages.Add(result);
                    Console.WriteLine("  " + scenario + " " + stage + ": " + result.IlPerSecond.ToString("N0", Inv) + " IL/s of data");
                }
            }

            Console.WriteLine("metering the simulator's default scenario...");
            SimulatorResult simulator = MeterSimulator(root, ilmeter, outDir);
            string report = Compose(stages, simulator, nano, loadAverage, seconds);
            string path = Path.Combine(outDir, "report.md");
            File.WriteAllText(path, report);
            Console.WriteLine();
            Console.WriteLine(report);
            Console.WriteLine("report written to " + path);
            bool same = nano == null || stages.All(s => s.SameOutcome);
            return same ? 0 : 1;
        }

        private static NanoBenchOutput RunOnNanoClr(string root, string nanoclr, string outDir)
        {
            Console.WriteLine("building the bench for nanoCLR (nf-build)...");
            string build = Path.Combine(outDir, "nf");
            Exec(Path.Combine(nanoclr, "nf-build"), root, null, Path.Combine(root, "tests", "WearableFirmware.Bench", "WearableFirmware.Bench.nfproj"),
                "--out", build);
            Console.WriteLine("running it on nanoCLR (nf-run; about a minute)...");
            string output = Exec(Path.Combine(nanoclr, "nf-run"), root, null, "--timeout", "1800", Path.Combine(build, "WearableFirmware.Bench.pe"));
            File.WriteAllText(Path.Combine(outDir, "nanoclr.txt"), output);
            var parsed = new NanoBenchOutput(output);
            if (!parsed.Finished)
            {
                throw new BenchException("the bench did not finish on nanoCLR:\n" + output);
            }

            return parsed;
        }

        private static void Instrument(string ilmeter, string from, string to)
        {
            if (Directory.Exists(to))
            {
                Directory.Delete(to, true);
            }

            Exec(ilmeter, null, null, "instrument", "--in", from, "--out", to, "--assemblies", MeteredAssemblies);
        }

        /// <summary>Runs a metered program once; returns its IL count, its calls out of the metered code and its output.</summary>
        private static Metered Meter(string dll, string outDir, params string[] args)
        {
            string work = Path.Combine(outDir, "runs", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(work);
            string csv = Path.Combine(work, "run.csv");
            var env = new Dictionary<string, string> { ["ILMETER_OUT"] = csv };
            string output = Exec("dotnet", work, env, new[] { dll }.Concat(args).ToArray());
            var metered = new Metered(output);
            foreach (string line in File.ReadLines(csv).Skip(1))
            {
                string[] f = SplitCsv(line);
                metered.Methods[f[0] + ": " + f[1] + "::" + f[2]] = (long.Parse(f[3], Inv), long.Parse(f[4], Inv));
            }

            string ext = Path.Combine(work, "run.ext.csv");
            if (File.Exists(ext))
            {
                foreach (string line in File.ReadLines(ext).Skip(1))
                {
                    string[] f = SplitCsv(line);
                    string callee = f[4] + "::" + f[5];
                    metered.External[callee] = metered.External.GetValueOrDefault(callee) + long.Parse(f[6], Inv);
                }
            }

            Directory.Delete(work, true);
            return metered;
        }

        /// <summary>
        /// The simulator's default run (sitting, standing up, walking, sitting down) metered: 120 s minus its first second,
        /// so boot (record store mount, construction) drops out, and minus the simulated sensor's own use of the core
        /// (SpO2Calibration.RatioFor: 40 bisection steps of Evaluate per sample).
        /// </summary>
        private static SimulatorResult MeterSimulator(string root, string ilmeter, string outDir)
        {
            Exec("dotnet", root, null, "build", Path.Combine(root, "firmware", "WearableFirmware.Simulator", "WearableFirmware.Simulator.csproj"), "-c", "Release",
                "-v", "quiet", "-nologo");
            string metered = Path.Combine(outDir, "simulator-metered");
            Instrument(ilmeter, Path.Combine(root, "artifacts", "bin", "WearableFirmware.Simulator", "release"), metered);
            string dll = Path.Combine(metered, "WearableFirmware.Simulator.dll");
            Metered whole = Meter(dll, outDir, "--duration", "120");
            Metered first = Meter(dll, outDir, "--duration", "1");
            return new SimulatorResult(whole, first, 119);
        }

        private static string Compose(List<StageResult> stages, SimulatorResult simulator, NanoBenchOutput nano, string loadAverage, int seconds)
        {
            var r = new StringBuilder();
            r.AppendLine("# Bench report");
            r.AppendLine();
            r.AppendLine(string.Format(Inv, "{0:yyyy-MM-dd HH:mm} UTC. Data: {1} s per scenario, generated (BenchSignals): rest = 72 bpm sitting still; "
                + "walk = 100 bpm with a step artefact, 112 steps/min. IL = IL instructions of the firmware's own assemblies (Core, drivers) executed on "
                + ".NET, counted by ilmeter, per second of data, construction and preparation subtracted.", DateTime.UtcNow, seconds));
            if (nano != null)
            {
                r.AppendLine(string.Format(Inv, "nanoCLR: {0}; load average while it ran: {1} (2 cores, shared: each second of data is the fastest of 5 runs, still an upper bound).",
                    nano.Platform, loadAverage));
            }

            r.AppendLine();
            r.AppendLine("| scenario | stage | IL / s of data | nanoCLR ms / s of data | nanoCLR M IL/s | heap: collections while running (64 KiB free) | allocated (nanoCLR: B / s of data) | calls out of the firmware / s | same result |");
            r.AppendLine("| --- | --- | ---: | ---: | ---: | --- | --- | --- | --- |");
            foreach (StageResult s in stages)
            {
                r.AppendLine(string.Format(Inv, "| {0} | {1} | {2:N0} | {3} | {4} | {5} | {6} | {7} | {8} |", s.Scenario, s.Stage, s.IlPerSecond,
                    s.HasNano ? (s.NanoMicroseconds / 1000.0 / seconds).ToString("F3", Inv) : "-",
                    s.HasNano && s.NanoMicroseconds > 0 ? (s.IlPerSecond * seconds / s.NanoMicroseconds).ToString("F0", Inv) : "-",
                    s.HasNano ? s.HeapSummary : "-",
                    s.AllocationSummary,
                    s.ExternalSummary,
                    s.HasNano ? (s.SameOutcome ? "yes" : "NO: nanoCLR `" + s.NanoOutcome + "`, .NET `" + s.Outcome + "`") : "-"));
            }

            r.AppendLine();
            r.AppendLine("Outcomes (.NET):");
            r.AppendLine();
            foreach (StageResult s in stages)
            {
                r.AppendLine("- " + s.Scenario + " " + s.Stage + ": " + s.Outcome);
            }

            r.AppendLine();
            r.AppendLine(string.Format(Inv, "Whole firmware on the simulator's default scenario (120 s: sitting, standing up, walking, sitting down), "
                + "seconds 2-120, boot and the simulated sensor's use of SpO2Calibration excluded: **{0:N0} IL / s of data**.", simulator.IlPerSecond));
            r.AppendLine();
            r.AppendLine("Largest methods there (IL / s of data):");
            r.AppendLine();
            foreach (var m in simulator.Top(12))
            {
                r.AppendLine(string.Format(Inv, "- {0:N0}  {1}", m.Value, m.Key));
            }

            StageResult app = stages.FirstOrDefault(s => s.Stage == "app" && s.Scenario == "walk");
            if (app != null)
            {
                r.AppendLine();
                r.AppendLine(string.Format(Inv, "On an ESP32: the walking application stage's {0:N0} IL / s of data, at the 0.2-1 M IL instructions per second "
                    + "that native-call-bound nanoFramework loops suggest for an ESP32 (ilmeter README; no direct measurement exists), is {1:F0}-{2:F0} % "
                    + "of one core; nanoCLR on this x86 machine runs the same code at the M IL/s shown above.", app.IlPerSecond,
                    app.IlPerSecond / 1e6 * 100, app.IlPerSecond / 2e5 * 100));
            }

            return r.ToString();
        }

        private static string RepoRoot()
        {
            for (string dir = AppContext.BaseDirectory; dir != null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "WearableFirmware.sln")))
                {
                    return dir;
                }
            }

            throw new BenchException("WearableFirmware.sln not found above " + AppContext.BaseDirectory);
        }

        private static string Option(string[] args, string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        private static string[] SplitCsv(string line)
        {
            // ilmeter quotes fields that hold commas (method signatures).
            var fields = new List<string>();
            var current = new StringBuilder();
            bool quoted = false;
            foreach (char c in line)
            {
                if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == ',' && !quoted)
                {
                    fields.Add(current.ToString());
                    current.Clear();
                }
                else
                {
                    current.Append(c);
                }
            }

            fields.Add(current.ToString());
            return fields.ToArray();
        }

        private static string Exec(string program, string workingDirectory, Dictionary<string, string> env, params string[] args)
        {
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            };
            foreach (string a in args)
            {
                start.ArgumentList.Add(a);
            }

            if (env != null)
            {
                foreach (var e in env)
                {
                    start.Environment[e.Key] = e.Value;
                }
            }

            using Process p = Process.Start(start) ?? throw new BenchException("could not start " + program);
            var error = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new BenchException(program + " " + string.Join(" ", args) + " failed (exit " + p.ExitCode.ToString(Inv) + "):\n" + output + error.Result);
            }

            return output;
        }

        private sealed class BenchException : Exception
        {
            public BenchException(string message)
                : base(message)
            {
            }
        }

        private sealed class Metered
        {
            public Metered(string output)
            {
                Output = output;
            }

            public string Output { get; }

            public Dictionary<string, (long Calls, long Il)> Methods { get; } = new Dictionary<string, (long Calls, long Il)>();

            public Dictionary<string, long> External { get; } = new Dictionary<string, long>();

            public long Il => Methods.Values.Sum(m => m.Il);

            public string Line(string key) => Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal))?.Substring(key.Length + 1) ?? "";
        }

        private sealed class StageResult
        {
            private readonly Metered _full;
            private readonly Metered _prepared;

            public StageResult(string scenario, string stage, int seconds, Metered full, Metered prepared)
            {
                Scenario = scenario;
                Stage = stage;
                Seconds = seconds;
                _full = full;
                _prepared = prepared;
                IlPerSecond = (full.Il - prepared.Il) / (double)seconds;
                Outcome = full.Line("outcome");
                DotnetAllocated = long.Parse(full.Line("allocated"), Inv);
            }

            public string Scenario { get; }

            public string Stage { get; }

            public int Seconds { get; }

            public double IlPerSecond { get; }

            public string Outcome { get; }

            public long DotnetAllocated { get; }

            public NanoStageResult Nano { get; set; }

            public bool HasNano => Nano != null;

            public long NanoMicroseconds => Nano.Microseconds;

            public string NanoOutcome => Nano.Outcome;

            public bool SameOutcome => Nano == null || Nano.Outcome == Outcome;

            private long Retained => Nano.FreeBefore - Nano.FreeAfter;

            public string HeapSummary => string.Format(Inv, "{0} in {1} s{2}", Nano.Collections, Nano.HeapSeconds, Retained != 0 ? ", heap grew " + Retained.ToString(Inv) + " B" : "");

            /// <summary>nanoCLR: each collection stands for about the free heap's worth of allocation; .NET: counted exactly.</summary>
            public string AllocationSummary
            {
                get
                {
                    // .NET counts exactly; a first use of a static table shows as a one-off kilobyte.
                    string dotnet = ".NET " + DotnetAllocated.ToString(Inv) + " B in all";
                    if (!HasNano)
                    {
                        return dotnet;
                    }

                    double perSecond = Nano.Collections * (double)Nano.Headroom / Nano.HeapSeconds;
                    double bound = (Nano.Collections + 1) * (double)Nano.Headroom / Nano.HeapSeconds;
                    string nano = Nano.Collections == 0
                        ? "nanoCLR < " + bound.ToString("F0", Inv)
                        : "nanoCLR ~" + perSecond.ToString("F0", Inv) + " (< " + bound.ToString("F0", Inv) + ")";
                    return nano + "; " + dotnet;
                }
            }

            /// <summary>Calls leaving the firmware's assemblies (BCL, natives), per second of data, the stage's own only.</summary>
            public string ExternalSummary
            {
                get
                {
                    var rates = _full.External
                        .Select(e => (Callee: e.Key, Rate: (e.Value - _prepared.External.GetValueOrDefault(e.Key)) / (double)Seconds))
                        .Where(e => e.Rate >= 0.5)
                        .OrderByDescending(e => e.Rate)
                        .Select(e => e.Rate.ToString("F0", Inv) + " " + Short(e.Callee))
                        .ToList();
                    return rates.Count == 0 ? "none" : string.Join(", ", rates);
                }
            }

            private static string Short(string callee)
            {
                int dot = callee.LastIndexOf('.', callee.IndexOf("::", StringComparison.Ordinal) is int c and > 0 ? c : callee.Length - 1);
                return dot >= 0 ? callee.Substring(dot + 1) : callee;
            }
        }

        private sealed class SimulatorResult
        {
            private readonly Dictionary<string, double> _perSecond = new Dictionary<string, double>();

            public SimulatorResult(Metered whole, Metered first, int seconds)
            {
                foreach (var m in whole.Methods)
                {
                    long earlier = first.Methods.TryGetValue(m.Key, out var f) ? f.Il : 0;
                    _perSecond[m.Key] = (m.Value.Il - earlier) / (double)seconds;
                }

                // The simulated sensor asks the core's calibration for the ratio of every generated sample.
                string calibration = "WearableFirmware.Core: WearableFirmware.Vitals.SpO2Calibration::";
                double ratioForCalls = Calls(whole, first, calibration + "RatioFor(System.Single)") / (double)seconds;
                double perEvaluate = PerCall(whole, calibration + "Evaluate(System.Single)") + PerCall(whole, calibration + "get_Constant()")
                    + PerCall(whole, calibration + "get_Linear()") + PerCall(whole, calibration + "get_Quadratic()");
                SimulatorShare = _perSecond.GetValueOrDefault(calibration + "RatioFor(System.Single)") + ratioForCalls * 40 * perEvaluate;
                IlPerSecond = _perSecond.Values.Sum() - SimulatorShare;
            }

            public double IlPerSecond { get; }

            public double SimulatorShare { get; }

            public IEnumerable<KeyValuePair<string, double>> Top(int n) => _perSecond
                .Where(m => !m.Key.Contains("SpO2Calibration::", StringComparison.Ordinal))
                .OrderByDescending(m => m.Value).Take(n);

            private static long Calls(Metered whole, Metered first, string key)
                => (whole.Methods.TryGetValue(key, out var w) ? w.Calls : 0) - (first.Methods.TryGetValue(key, out var f) ? f.Calls : 0);

            private static double PerCall(Metered m, string key)
                => m.Methods.TryGetValue(key, out var v) && v.Calls > 0 ? v.Il / (double)v.Calls : 0;
        }
    }
}
