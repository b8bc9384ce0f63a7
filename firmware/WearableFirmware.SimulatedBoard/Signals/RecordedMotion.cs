using System.Numerics;

namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>
/// Replays recorded tri-axial acceleration (g) sampled at a fixed rate, starting at <see cref="StartMicroseconds"/>,
/// or at the recording's own time stamps (which must increase). Between samples it interpolates linearly; the chip
/// model then resamples it at its own output data rate (its internal-rate boxcar acts as the anti-alias filter when
/// the ODR is below the recording rate), so a recording whose rate wanders reaches the firmware at the chip's rate.
/// Before the start and after the end it holds the first / last sample, like a wearer who stays still.
/// </summary>
public sealed class RecordedMotion : IMotionSource
{
    private readonly float[] _x;
    private readonly float[] _y;
    private readonly float[] _z;
    private readonly long[]? _times;

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

    /// <summary>
    /// Samples at the given times (µs, strictly increasing), e.g. a recording whose rate is not constant. The
    /// <see cref="SampleRateHz"/> reported is the mean rate.
    /// </summary>
    public RecordedMotion(float[] x, float[] y, float[] z, long[] timesMicroseconds)
    {
        if (x.Length < 2 || x.Length != y.Length || x.Length != z.Length || x.Length != timesMicroseconds.Length)
        {
            throw new ArgumentException($"axes and times must hold at least 2 samples and be equally long (x {x.Length}, y {y.Length}, z {z.Length}, t {timesMicroseconds.Length})");
        }

        for (int i = 1; i < timesMicroseconds.Length; i++)
        {
            if (timesMicroseconds[i] <= timesMicroseconds[i - 1])
            {
                throw new ArgumentException($"sample times must increase: sample {i} at {timesMicroseconds[i]} us follows {timesMicroseconds[i - 1]} us");
            }
        }

        _x = x;
        _y = y;
        _z = z;
        _times = timesMicroseconds;
        StartMicroseconds = timesMicroseconds[0];
        SampleRateHz = (x.Length - 1) * 1e6 / (timesMicroseconds[^1] - timesMicroseconds[0]);
    }

    /// <summary>Samples per second (the mean rate for a time-stamped recording).</summary>
    public double SampleRateHz { get; }

    public long StartMicroseconds { get; }

    public int Length => _x.Length;

    /// <summary>Time of the last recorded sample.</summary>
    public long EndMicroseconds => _times != null ? _times[^1] : StartMicroseconds + (long)Math.Round((_x.Length - 1) * 1e6 / SampleRateHz);

    public Vector3 AccelerationAt(long timeMicroseconds)
    {
        double position = _times != null ? StampedPosition(timeMicroseconds) : (timeMicroseconds - StartMicroseconds) * SampleRateHz / 1e6;
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

    // Fractional sample position of a time between the stamps (binary search; stateless, so any query order works).
    private double StampedPosition(long timeMicroseconds)
    {
        long[] t = _times!;
        int i = Array.BinarySearch(t, timeMicroseconds);
        if (i >= 0)
        {
            return i;
        }

        i = ~i - 1;
        if (i < 0)
        {
            return 0;
        }

        if (i >= t.Length - 1)
        {
            return t.Length - 1;
        }

        return i + (double)(timeMicroseconds - t[i]) / (t[i + 1] - t[i]);
    }
}
