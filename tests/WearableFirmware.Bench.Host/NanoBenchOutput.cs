using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace WearableFirmware.Bench
{
    /// <summary>One stage's results as the bench printed them on nanoCLR.</summary>
    public sealed class NanoStageResult
    {
        /// <summary>Best time of the stage's Run over all the data, microseconds.</summary>
        public long Microseconds { get; init; }

        /// <summary>What the stage computed (BenchStage.Outcome).</summary>
        public string Outcome { get; init; }

        /// <summary>Seconds of data the allocation pass ran.</summary>
        public int HeapSeconds { get; init; }

        /// <summary>Free heap (after a collection) before and after the allocation pass.</summary>
        public long FreeBefore { get; init; }

        public long FreeAfter { get; init; }

        /// <summary>Free heap left while the allocation pass ran; each collection stands for about this much allocation.</summary>
        public long Headroom { get; init; }

        /// <summary>Collections the allocation pass caused.</summary>
        public int Collections { get; init; }
    }

    /// <summary>Reads what tests/WearableFirmware.Bench printed on nanoCLR ("time ..." and "heap ..." lines, see its Program.cs).</summary>
    public sealed class NanoBenchOutput
    {
        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
        private readonly Dictionary<string, NanoStageResult> _results = new Dictionary<string, NanoStageResult>();

        public NanoBenchOutput(string output)
        {
            var times = new Dictionary<string, string[]>();
            foreach (string raw in output.Split('\n'))
            {
                string line = raw.TrimEnd('\r');
                string[] f = line.Split(' ');
                if (f[0] == "bench" && Platform == null)
                {
                    Platform = line.Substring(6);
                }
                else if (f[0] == "bench" && f.Length > 1 && f[1] == "done")
                {
                    Finished = true;
                }
                else if (f[0] == "bench" && f.Length > 1 && f[1] == "failed:")
                {
                    Failure = line;
                }
                else if (f[0] == "time" && f.Length >= 4)
                {
                    times[f[1] + " " + f[2]] = new[] { f[3], string.Join(" ", f.Skip(4)) };
                }
                else if (f[0] == "heap" && f.Length == 8 && times.TryGetValue(f[1] + " " + f[2], out string[] time))
                {
                    _results[f[1] + " " + f[2]] = new NanoStageResult
                    {
                        Microseconds = long.Parse(time[0], Inv),
                        Outcome = time[1],
                        HeapSeconds = int.Parse(f[3], Inv),
                        FreeBefore = long.Parse(f[4], Inv),
                        FreeAfter = long.Parse(f[5], Inv),
                        Headroom = long.Parse(f[6], Inv),
                        Collections = int.Parse(f[7], Inv),
                    };
                }
            }
        }

        /// <summary>The first line's platform and target, e.g. "Linux, Virtual nanoDevice, 300 s of data per scenario".</summary>
        public string Platform { get; }

        /// <summary>The bench printed its last line.</summary>
        public bool Finished { get; }

        /// <summary>The exception the bench caught, if it failed.</summary>
        public string Failure { get; }

        public NanoStageResult Find(string scenario, string stage)
            => _results.TryGetValue(scenario + " " + stage, out NanoStageResult r) ? r : null;
    }
}
