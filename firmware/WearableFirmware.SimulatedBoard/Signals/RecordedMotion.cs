using System.Numerics;

namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>
/// Replays recorded tri-axial acceleration (g) sampled at a fixed rate, starting at <see cref="StartMicroseconds"/>.
/// Between samples it interpolates linearly; the chip model then resamples it at its own output data rate (its
/// internal-rate boxcar acts as the anti-alias filter when the ODR is below the recording rate). Before the start
/// and after the end it holds the first / last sample, like a wearer who stays still.
/// </summary>
public sealed class RecordedMotion : IMotionSource
{
    private readonly float[] _x;
    private readonly float[] _y;
    private readonly float[] _z;

    public RecordedMotion(float[] x, float[] y, float[] z, double sampleRateHz, long startMicroseconds = 0)
    {
        if (x.Length == 0 || x.Length != y.Length || x.Length != z.Length)
        {
            throw new ArgumentException($"axes must be non-empty and equally long (x {x.Length}, y {y.Length}, z {z.Length})");
        }

        if (!(sampleRateHz > 0) || double.IsInfinity(sampleRateHz))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "sample rate must be > 0 Hz");
        }

        _x = x;
        _y = y;
        _z = z;
        SampleRateHz = sampleRateHz;
        StartMicroseconds = startMicroseconds;
    }

    public double SampleRateHz { get; }

    public long StartMicroseconds { get; }

    public int Length => _x.Length;

    /// <summary>Time of the last recorded sample.</summary>
    public long EndMicroseconds => StartMicroseconds + (long)Math.Round((_x.Length - 1) * 1e6 / SampleRateHz);

    public Vector3 AccelerationAt(long timeMicroseconds)
    {
        double position = (timeMicroseconds - StartMicroseconds) * SampleRateHz / 1e6;
        if (position <= 0)
        {
            return new Vector3(_x[0], _y[0], _z[0]);
        }

        int last = _x.Length - 1;
        if (position >= last)
        {
            return new Vector3(_x[last], _y[last], _z[last]);
        }

        int i = (int)position;
        float f = (float)(position - i);
        return new Vector3(
            _x[i] + (_x[i + 1] - _x[i]) * f,
            _y[i] + (_y[i + 1] - _y[i]) * f,
            _z[i] + (_z[i + 1] - _z[i]) * f);
    }
}
