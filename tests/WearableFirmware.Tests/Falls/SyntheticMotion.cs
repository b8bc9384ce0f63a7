namespace WearableFirmware.Tests.Falls;

/// <summary>
/// Minimal scripted accelerometer traces (x, y, z in g at 50 Hz) for a waist-worn device mounted as in SisFall:
/// standing reads (0, -1, 0). Segments are built from physics a reviewer can check: gravity along a direction,
/// free fall as a reduced magnitude, impacts as short spikes.
/// </summary>
public sealed class SyntheticMotion
{
    public const int RateHz = 50;

    public static readonly Vec Up = new(0, -1, 0);
    public static readonly Vec FaceDown = new(0, 0, 1);
    public static readonly Vec OnBack = new(0, 0, -1);
    public static readonly Vec OnSide = new(1, 0, 0);

    /// <summary>Trunk reclined 35 degrees backwards, as when sitting back on a chair.</summary>
    public static readonly Vec Seated = Vec.Between(Up, OnBack, 35);

    private readonly List<float> _samples = new();
    private readonly Random _random;
    private readonly float _noise;

    public SyntheticMotion(int seed = 1, float noiseG = 0.01f)
    {
        _random = new Random(seed);
        _noise = noiseG;
    }

    public int Count => _samples.Count / 3;

    public float[] ToArray() => _samples.ToArray();

    /// <summary>Still in one posture: gravity along <paramref name="direction"/> plus sensor noise.</summary>
    public SyntheticMotion Still(double seconds, Vec direction) => Emit(seconds, (_, _) => direction.Unit());

    /// <summary>Upright gait: vertical bounce of ±<paramref name="bounceG"/> at the step rate, a little sway.</summary>
    public SyntheticMotion Walk(double seconds, double stepsPerSecond = 1.8, double bounceG = 0.35) => Emit(seconds, (t, _) =>
    {
        double phase = 2 * Math.PI * stepsPerSecond * t;
        return new Vec(0.1 * Math.Sin(phase / 2), -(1 + bounceG * Math.Sin(phase)), 0.05 * Math.Cos(phase));
    });

    /// <summary>Running: each stride a flight phase near 0.3 g and a foot strike up to <paramref name="strikeG"/>.</summary>
    public SyntheticMotion Run(double seconds, double stridesPerSecond = 2.8, double strikeG = 2.8) => Emit(seconds, (t, _) =>
    {
        double phase = stridesPerSecond * t % 1.0;
        double vertical = phase < 0.35 ? 0.3 : 1 + (strikeG - 1) * Math.Sin(Math.PI * (phase - 0.35) / 0.65);
        return new Vec(0.15 * Math.Sin(2 * Math.PI * stridesPerSecond * t / 2), -vertical, 0.1);
    });

    /// <summary>Loss of support: magnitude <paramref name="magnitudeG"/> while the trunk turns from one direction to another.</summary>
    public SyntheticMotion FreeFall(double seconds, double magnitudeG, Vec from, Vec to)
        => Emit(seconds, (_, f) => Vec.Slerp(from, to, f).Scale(magnitudeG));

    /// <summary>Posture change at 1 g (no free fall), e.g. lying down on a bed.</summary>
    public SyntheticMotion Turn(double seconds, Vec from, Vec to) => Emit(seconds, (_, f) => Vec.Slerp(from, to, f));

    /// <summary>Impact: <paramref name="samples"/> samples of <paramref name="peakG"/> along <paramref name="direction"/>, no noise.</summary>
    public SyntheticMotion Impact(double peakG, Vec direction, int samples = 3)
    {
        Vec v = direction.Unit().Scale(peakG);
        for (int i = 0; i < samples; i++)
        {
            _samples.Add((float)v.X);
            _samples.Add((float)v.Y);
            _samples.Add((float)v.Z);
        }

        return this;
    }

    private SyntheticMotion Emit(double seconds, Func<double, double, Vec> at)
    {
        int n = (int)Math.Round(seconds * RateHz);
        for (int i = 0; i < n; i++)
        {
            Vec v = at((double)i / RateHz, n <= 1 ? 1 : (double)i / (n - 1));
            _samples.Add((float)(v.X + Noise()));
            _samples.Add((float)(v.Y + Noise()));
            _samples.Add((float)(v.Z + Noise()));
        }

        return this;
    }

    private double Noise() => _noise * (_random.NextDouble() * 2 - 1);
}

public readonly record struct Vec(double X, double Y, double Z)
{
    public double Length => Math.Sqrt(X * X + Y * Y + Z * Z);

    public Vec Unit() => Scale(1 / Length);

    public Vec Scale(double s) => new(X * s, Y * s, Z * s);

    /// <summary>Direction <paramref name="degrees"/> from <paramref name="a"/> towards <paramref name="b"/> (a ⟂ b).</summary>
    public static Vec Between(Vec a, Vec b, double degrees)
    {
        double r = degrees * Math.PI / 180;
        return new Vec(a.X * Math.Cos(r) + b.X * Math.Sin(r), a.Y * Math.Cos(r) + b.Y * Math.Sin(r), a.Z * Math.Cos(r) + b.Z * Math.Sin(r));
    }

    /// <summary>Unit vector a fraction <paramref name="f"/> of the way from a to b along the great circle.</summary>
    public static Vec Slerp(Vec a, Vec b, double f)
    {
        Vec ua = a.Unit(), ub = b.Unit();
        double dot = Math.Clamp(ua.X * ub.X + ua.Y * ub.Y + ua.Z * ub.Z, -1, 1);
        double omega = Math.Acos(dot);
        if (omega < 1e-9)
        {
            return ua;
        }

        double wa = Math.Sin((1 - f) * omega) / Math.Sin(omega), wb = Math.Sin(f * omega) / Math.Sin(omega);
        return new Vec(ua.X * wa + ub.X * wb, ua.Y * wa + ub.Y * wb, ua.Z * wa + ub.Z * wb);
    }
}
