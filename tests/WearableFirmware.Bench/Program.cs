using System;
using nanoFramework.Runtime.Native;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace WearableFirmware.Bench
{
    /// <summary>
    /// The bench on nanoCLR: every stage over the same generated data as on .NET, timed per second of data (each
    /// second the fastest of <see cref="Repeats"/> runs: the machine is shared), then run again with the heap almost
    /// full to count the collections its allocations cause. Prints one line per result ("time ..." and "heap ...") that the host side
    /// (tests/WearableFirmware.Bench.Host) turns into the report.
    /// </summary>
    public static class Program
    {
#if BENCH_QUICK
        // CI's build (nf-build --define BENCH_QUICK): every stage once, for its results and its heap, not its time.
        private const int Repeats = 1;
        private const int ApplicationHeapRounds = 1;
#else
        private const int Repeats = 5;

        /// <summary>The whole application runs this many times longer in the allocation pass (the replay wraps around).</summary>
        private const int ApplicationHeapRounds = 4;
#endif

        /// <summary>
        /// Free heap left during the allocation pass: each collection stands for about this many bytes allocated. (With
        /// 32 KiB left, this nanoCLR build crashed while collecting during the application's ticks.)
        /// </summary>
        private const int Headroom = 65536;

        private const int LargeFillBlock = 60000;
        private const int SmallFillBlock = 4000;

        // Held in a field: a local the code never reads again is not a root (the compiler drops it).
        private static object[] _filler;

        public static void Main()
        {
            try
            {
                Console.WriteLine(string.Concat("bench ", SystemInfo.Platform, ", ", SystemInfo.TargetName, ", ", BenchSignals.DefaultSeconds.ToString(), " s of data per scenario"));
                for (int c = 0; c < BenchSignals.ScenarioNames.Length; c++)
                {
                    BenchSignals signals = BenchSignals.Named(BenchSignals.ScenarioNames[c], BenchSignals.DefaultSeconds);
                    for (int s = 0; s < BenchStages.Names.Length; s++)
                    {
                        Time(signals, BenchStages.Names[s]);
                    }

                    for (int s = 0; s < BenchStages.Names.Length; s++)
                    {
                        Heap(signals, BenchStages.Names[s]);
                    }
                }

                Console.WriteLine("bench done");
            }
            catch (Exception e)
            {
                // nanoCLR prints nothing for an unhandled exception.
                Console.WriteLine(string.Concat("bench failed: ", e.GetType().FullName, ": ", e.Message));
            }
        }

        // "time <scenario> <stage> <microseconds of Run over the data> <outcome>": each second of data timed in every
        // repeat (the same work each time) and its fastest run kept, so a preempted second costs only that second.
        private static void Time(BenchSignals signals, string name)
        {
            long[] best = new long[signals.Seconds];
            string outcome = null;
            for (int repeat = 0; repeat < Repeats; repeat++)
            {
                BenchStage stage = BenchStages.Create(name, signals);
                for (int second = 0; second < signals.Seconds; second++)
                {
                    stage.Prepare(second);
                    long start = DateTime.UtcNow.Ticks;
                    stage.Run(second);
                    long ticks = DateTime.UtcNow.Ticks - start;
                    if (repeat == 0 || ticks < best[second])
                    {
                        best[second] = ticks;
                    }
                }

                outcome = stage.Outcome;
            }

            long total = 0;
            for (int second = 0; second < best.Length; second++)
            {
                total += best[second];
            }

            // DateTime ticks are 100 ns.
            Console.WriteLine(string.Concat("time ", signals.Name, " ", name, " ", (total / 10).ToString(), " ", outcome));
        }

        // "heap <scenario> <stage> <seconds> <free before> <free after> <free while running> <collections while running>"
        private static void Heap(BenchSignals signals, string name)
        {
            BenchStage stage = BenchStages.Create(name, signals);
            int seconds = name == "app" ? signals.Seconds * ApplicationHeapRounds : signals.Seconds;
            uint before = NativeGC.Run(false);
            _filler = Fill(Headroom);
            uint headroom = NativeGC.Run(false);
            WeakReference canary = new WeakReference(new object());
            int collections = 0;
            for (int second = 0; second < seconds; second++)
            {
                stage.Prepare(second);
                stage.Run(second);
                if (!canary.IsAlive)
                {
                    // Only a collection frees the canary's target, and with the heap this full only an allocation
                    // the free space could not hold starts one.
                    collections++;
                    canary = new WeakReference(new object());
                }
            }

            _filler = null;
            canary = null;
            uint after = NativeGC.Run(false);
            Console.WriteLine(string.Concat("heap ", signals.Name, " ", name, " ", seconds.ToString(), " ", before.ToString(), " ", after.ToString(), " ",
                headroom.ToString(), " ", collections.ToString()));
        }

        // Takes all free heap but about `leave` bytes, in blocks the caller holds. Near the end of the heap the blocks
        // get small: a 60 KB block taken with little free made this nanoCLR build crash.
        private static object[] Fill(int leave)
        {
            object[] blocks = new object[1024];
            int count = 0;
            uint free = NativeGC.Run(false);
            while (free > leave + 1024 && count < blocks.Length)
            {
                long size = free - leave - 512;
                int limit = free > 1000000 ? LargeFillBlock : SmallFillBlock;
                blocks[count++] = new byte[size > limit ? limit : (int)size];
                free = NativeGC.Run(false);
            }

            return blocks;
        }
    }
}
