using System.Numerics;

namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>
/// Adds Gaussian sensor noise to another source, deterministically: the noise is a hash of (seed, axis, time cell),
/// so any query order gives the same values. The noise is held for one cell (default 10 ms, one sample at 100 Hz),
/// which keeps its rms at the output rate even though the chip model averages faster internal samples.
/// </summary>
public sealed class SensorNoise : IMotionSource
{
    private readonly IMotionSource _inner;
    private readonly ulong _seed;

    /// <param name="rmsG">Per-axis rms in g (the ADXL345 at 100 Hz is ~0.75-1.1 LSB of 3.9 mg, so ~3-4 mg).</param>
    public SensorNoise(IMotionSource inner, double rmsG, int seed, long cellMicroseconds = 10_000)
    {
        if (rmsG < 0 || double.IsNaN(rmsG))
        {
            throw new ArgumentOutOfRangeException(nameof(rmsG), rmsG, "noise rms must be >= 0 g");
        }

        if (cellMicroseconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cellMicroseconds), cellMicroseconds, "cell must be > 0 us");
        }

        _inner = inner;
        RmsG = rmsG;
        CellMicroseconds = cellMicroseconds;
        _seed = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL;
    }

    public double RmsG { get; }

    public long CellMicroseconds { get; }

    public Vector3 AccelerationAt(long timeMicroseconds)
    {
        Vector3 clean = _inner.AccelerationAt(timeMicroseconds);
        if (RmsG == 0)
        {
            return clean;
        }

        long cell = Math.DivRem(timeMicroseconds, CellMicroseconds, out long rem);
        if (rem < 0)
        {
            cell--;
        }

        return clean + new Vector3(
            (float)(RmsG * Gaussian((ulong)cell, 1)),
            (float)(RmsG * Gaussian((ulong)cell, 2)),
            (float)(RmsG * Gaussian((ulong)cell, 3)));
    }

    private double Gaussian(ulong cell, ulong axis)
    {
        // Box-Muller on two hashed uniforms in (0, 1).
        double u1 = Uniform(Mix(_seed ^ (cell * 0xD1B54A32D192ED03UL) ^ (axis << 56)));
        double u2 = Uniform(Mix(_seed ^ (cell * 0xAEF17502108EF2D9UL) ^ (axis << 48) ^ 0x5555UL));
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static double Uniform(ulong bits) => ((bits >> 11) + 0.5) / (1UL << 53);

    private static ulong Mix(ulong z)
    {
        // SplitMix64 finaliser.
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
