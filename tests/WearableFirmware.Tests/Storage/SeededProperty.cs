using CsCheck;

namespace WearableFirmware.Tests.Storage;

/// <summary>
/// CsCheck sampling made deterministic for CI: each case is generated from a fixed seed (the same cases on every
/// run, one thread). Only when a case fails does CsCheck search further from it, so the failure reported is the
/// smallest input it can find (that search is random, but it only runs on a failure).
/// </summary>
internal static class SeededProperty
{
    private const ulong Seed = 0x5EED_18;
    private const int ShrinkIterations = 4000;

    public static void Check<T>(Gen<T> gen, Action<T> assert, int cases, Func<T, string>? print = null)
    {
        for (uint i = 0; i < cases; i++)
        {
            string seed = new PCG(i, Seed).ToString();
            try
            {
                gen.Sample(assert, seed: seed, iter: 1, threads: 1, print: print);
            }
            catch (Exception first)
            {
                try
                {
                    gen.Sample(assert, seed: seed, iter: ShrinkIterations, threads: 1, print: print);
                }
                catch (Exception shrunk)
                {
                    throw new InvalidOperationException($"case {i} (seed {seed}) failed; smallest failing input:\n{shrunk.Message}", shrunk);
                }

                throw new InvalidOperationException($"case {i} (seed {seed}) failed", first);
            }
        }
    }
}
