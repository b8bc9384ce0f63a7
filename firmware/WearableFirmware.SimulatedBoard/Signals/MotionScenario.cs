using System.Numerics;
using WearableFirmware.Falls;

namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>
/// A wearer's day as a chain of timed motion segments (posture holds, walking, running, sitting or lying down,
/// jumps, falls, the double-tap "I'm OK" gesture), built with <see cref="Builder"/>. Each segment starts in the
/// posture the previous one ended in; after the last one the wearer stays still. Motion is modelled as
/// <c>up(t) * (1 + vertical(t)) + forward(t) * horizontal(t)</c> in g, with the posture's up vector rotating
/// smoothly during transitions, so a free fall is a drop of the magnitude towards 0 g and an impact a short peak.
/// Amplitudes and timings are typical values from the gait and fall literature, not fits to one recording.
/// The scenario is a pure function of time; the seed varies step rhythm and fall details between scenarios.
/// </summary>
public sealed class MotionScenario : IMotionSource
{
    private readonly Segment[] _segments;
    private readonly long[] _starts;

    private MotionScenario(Segment[] segments)
    {
        _segments = segments;
        _starts = new long[segments.Length];
        long t = 0;
        for (int i = 0; i < segments.Length; i++)
        {
            _starts[i] = t;
            t += segments[i].DurationMicroseconds;
        }

        DurationMicroseconds = t;
        EndFrame = segments.Length == 0 ? default : segments[^1].End;
    }

    public long DurationMicroseconds { get; }

    private BodyFrame EndFrame { get; }

    /// <summary>Start times and names of the segments, e.g. to label a plot or to check a detector's timing.</summary>
    public IReadOnlyList<(long StartMicroseconds, string Name)> Timeline =>
        _segments.Select((s, i) => (_starts[i], s.Name)).ToList();

    /// <summary>Start of the first segment with this name (e.g. "fall-forward"), or -1.</summary>
    public long StartOf(string name)
    {
        int i = Array.FindIndex(_segments, s => s.Name == name);
        return i < 0 ? -1 : _starts[i];
    }

    public Vector3 AccelerationAt(long timeMicroseconds)
    {
        if (_segments.Length == 0)
        {
            return new Vector3(0, 0, 1);
        }

        if (timeMicroseconds >= DurationMicroseconds)
        {
            return EndFrame.Up;
        }

        int i = Array.BinarySearch(_starts, Math.Max(0, timeMicroseconds));
        if (i < 0)
        {
            i = ~i - 1;
        }

        return _segments[i].At(Math.Max(0, timeMicroseconds) - _starts[i]);
    }

    public static Builder Create(SensorPlacement placement, int seed, WearerPose initial = WearerPose.Standing) => new(placement, seed, initial);

    private sealed record Segment(string Name, long DurationMicroseconds, BodyFrame End, Func<long, Vector3> At);

    /// <summary>Strings segments together; each method appends one and returns the builder.</summary>
    public sealed class Builder
    {
        private readonly List<Segment> _segments = new();
        private readonly Random _random;
        private WearerPose _posture;

        internal Builder(SensorPlacement placement, int seed, WearerPose initial)
        {
            Placement = placement;
            _random = new Random(seed);
            _posture = initial;
        }

        public SensorPlacement Placement { get; }

        public WearerPose CurrentPose => _posture;

        private BodyFrame Frame => BodyFrame.For(_posture, Placement);

        /// <summary>Still in the current posture (or change to <paramref name="posture"/> instantly).</summary>
        public Builder Hold(double seconds, WearerPose? posture = null)
        {
            _posture = posture ?? _posture;
            BodyFrame f = Frame;
            return Add("hold-" + _posture, seconds, f, _ => f.Up);
        }

        /// <summary>Walking at ~1.9 steps/s: vertical bounce ~0.25 g at the waist, arm swing at the wrist.</summary>
        public Builder Walk(double seconds) => Gait("walk", seconds, 1.9 * Jitter(0.08), 0.25, 0.12, 20);

        /// <summary>Running at ~2.8 steps/s: ~3-4 g foot-strike peaks and near-0 g flight at the waist.</summary>
        public Builder Run(double seconds) => Gait("run", seconds, 2.8 * Jitter(0.06), 4.0, 0.5, 45);

        /// <summary>Standing to sitting over ~2 s: a dip while lowering, then a ~0.8 g bump on the chair.</summary>
        public Builder SitDown() => Transition("sit-down", WearerPose.Sitting, 2.0, lowering: -0.3, landingG: 0.8 * Jitter(0.2), landingAt: 1.1);

        /// <summary>Sitting to standing over ~2 s.</summary>
        public Builder StandUp() => Transition("stand-up", WearerPose.Standing, 2.0, lowering: 0.25, landingG: 0, landingAt: 1.0);

        /// <summary>Lying down deliberately (~3 s) into <paramref name="lying"/>.</summary>
        public Builder LieDown(WearerPose lying = WearerPose.LyingOnBack) => Transition("lie-down", lying, 3.0, lowering: -0.2, landingG: 0.5 * Jitter(0.2), landingAt: 2.4);

        /// <summary>A jump in place: crouch, push-off, ~0.35 s flight at 0 g, ~3 g landing, recovery.</summary>
        public Builder Jump()
        {
            BodyFrame f = Frame;
            double landing = 3.0 * Jitter(0.2);
            return Add("jump", 1.4, f, t =>
            {
                double s = t / 1e6;
                double v = s < 0.25 ? -0.4 * HalfSine(s, 0, 0.25)
                    : s < 0.45 ? 1.2 * HalfSine(s, 0.25, 0.45)
                    : s < 0.80 ? -1.0
                    : s < 0.88 ? landing * HalfSine(s, 0.80, 0.88)
                    : -0.3 * Math.Exp(-(s - 0.88) / 0.08) * Math.Sin((s - 0.88) * 2 * Math.PI * 6);
                return (float)(1 + v) * f.Up;
            });
        }

        /// <summary>
        /// A fall: ~0.3 s loss of balance, ~0.45 s descent with the magnitude dropping to ~0.2 g while the body
        /// rotates, an impact of <paramref name="impactG"/> (default 4-6 g) over ~0.1 s, a damped rebound, then rest
        /// lying in the new orientation (front, back or side).
        /// </summary>
        public Builder Fall(FallDirection direction, double? impactG = null)
        {
            BodyFrame start = Frame;
            _posture = direction switch
            {
                FallDirection.Forward => WearerPose.LyingOnFront,
                FallDirection.Backward => WearerPose.LyingOnBack,
                _ => WearerPose.LyingOnRightSide,
            };
            BodyFrame end = Frame;
            string name = "fall-" + direction.ToString().ToLowerInvariant();
            if (Placement == SensorPlacement.Wrist)
            {
                return Add(name, 3.0, end, WristFall(start, end, impactG ?? 4.5 + 2.5 * _random.NextDouble()));
            }

            double impact = impactG ?? 4 + 2 * _random.NextDouble();
            double descent = 0.45 * Jitter(0.15);
            double freeFallLevel = 0.15 + 0.1 * _random.NextDouble();
            return Add(name, 3.0, end, t =>
            {
                double s = t / 1e6;
                double tImpact = 0.3 + descent;
                if (s < 0.3)
                {
                    // Loss of balance: a small tilt and a slight drop.
                    return (float)(1 - 0.2 * HalfSine(s, 0, 0.6)) * Rotate(start.Up, end.Up, 0.1 * Smooth(s / 0.3));
                }

                if (s < tImpact)
                {
                    double u = (s - 0.3) / descent;
                    // Continues from the 0.8 g the loss of balance ends at, down to the free-fall level.
                    float magnitude = (float)(0.8 - (0.8 - freeFallLevel) * Math.Min(1, u * 4));
                    return magnitude * Rotate(start.Up, end.Up, 0.1 + 0.8 * Smooth(u));
                }

                Vector3 up = Rotate(start.Up, end.Up, Math.Min(1, 0.9 + (s - tImpact) / 0.2));
                double v = s < tImpact + 0.1
                    ? impact * HalfSine(s, tImpact, tImpact + 0.1) - (1 - freeFallLevel) * (1 - (s - tImpact) / 0.1)
                    : 0.6 * Math.Exp(-(s - tImpact - 0.1) / 0.12) * Math.Sin((s - tImpact - 0.1) * 2 * Math.PI * 4);
                double h = s < tImpact + 0.1 ? 0.4 * impact * HalfSine(s, tImpact, tImpact + 0.1) : 0;
                return (float)(1 + v) * up + (float)h * end.Forward;
            });
        }

        /// <summary>
        /// The same fall felt at the wrist: a reflex jerk of the arm, the forearm thrown out to break the fall while the
        /// body drops (the wrist near free fall, turning towards the reach), the hand's impact and one or two smaller
        /// hits as the body lands and the arm bounces, a second of small adjustments while the forearm settles into its
        /// final orientation, then rest. The forearm ends 60-120 degrees from where it started, as in recorded falls.
        /// </summary>
        private Func<long, Vector3> WristFall(BodyFrame start, BodyFrame end, double impact)
        {
            double descent = 0.45 * Jitter(0.15);
            double tImpact = 0.3 + descent;
            double level = 0.3 + 0.15 * _random.NextDouble();
            double second = 0.4 + 0.2 * _random.NextDouble();
            double third = 0.2 + 0.15 * _random.NextDouble();
            // The reach: the forearm past its final orientation, pointing the way the body falls.
            Vector3 reach = Vector3.Normalize(end.Up + 0.8f * end.Forward);
            return t =>
            {
                double s = t / 1e6;
                if (s < 0.3)
                {
                    // Reflex: the arm jerks as balance goes.
                    double jerk = 0.35 * Math.Sin(2 * Math.PI * s / 0.3) * HalfSine(s, 0, 0.3);
                    return (float)(1 - 0.15 * HalfSine(s, 0, 0.6) + jerk) * Rotate(start.Up, reach, 0.15 * Smooth(s / 0.3));
                }

                if (s < tImpact)
                {
                    double u = (s - 0.3) / descent;
                    float magnitude = (float)(0.85 - (0.85 - level) * Math.Min(1, u * 3));
                    double swing = 0.5 * HalfSine(u, 0, 1); // the arm's own acceleration as it is thrown out
                    Vector3 up = Rotate(start.Up, reach, 0.15 + 0.85 * Smooth(u));
                    return magnitude * up + (float)swing * end.Forward;
                }

                double a = s - tImpact;
                Vector3 settle = Rotate(reach, end.Up, Smooth(a / 1.2));
                double hits = impact * HalfSine(a, 0, 0.06) + second * impact * HalfSine(a, 0.14, 0.18) + third * impact * HalfSine(a, 0.3, 0.34);
                double adjust = a > 0.4 ? 0.12 * Math.Exp(-(a - 0.4) / 0.5) * Math.Sin(2 * Math.PI * 2.2 * (a - 0.4)) : 0;
                double rebound = a < 0.4 ? -0.3 * Math.Sin(2 * Math.PI * 6 * a) * Math.Exp(-a / 0.15) : 0;
                return (float)(1 + hits + adjust + rebound) * settle + (float)(0.3 * hits) * end.Forward;
            };
        }

        /// <summary>
        /// Two sharp taps on the watch face ~0.2 s apart (the "I'm OK" gesture): each a ~6 ms pulse of
        /// <paramref name="peakG"/> along the sensor z axis with a small opposite rebound.
        /// </summary>
        public Builder DoubleTap(double peakG = 4.0, double gapSeconds = 0.2)
        {
            BodyFrame f = Frame;
            const double width = 0.006;
            return Add("double-tap", 0.6, f, t =>
            {
                double s = t / 1e6;
                double pulse = TapPulse(s - 0.05, width) + TapPulse(s - 0.05 - gapSeconds, width);
                return f.Up + new Vector3(0, 0, (float)(peakG * pulse));
            });
        }

        public MotionScenario Build() => new(_segments.ToArray());

        /// <summary>The scenario with Gaussian sensor noise (rms in g) on every axis.</summary>
        public IMotionSource BuildWithNoise(double rmsG, int seed) => new SensorNoise(Build(), rmsG, seed);

        /// <summary>Step rate of the latest walk or run added (Hz; 0 before any): the truth for cadence.</summary>
        public double LastStepHz { get; private set; }

        private Builder Gait(string name, double seconds, double stepHz, double verticalG, double forwardG, double armSwingDegrees)
        {
            LastStepHz = stepHz;
            BodyFrame f = Frame;
            bool wrist = Placement == SensorPlacement.Wrist;
            double phase = _random.NextDouble() * 2 * Math.PI;
            double scale = wrist ? 0.8 : 1.0;
            bool running = verticalG > 1;
            Vector3 swingAxis = Vector3.Normalize(Vector3.Cross(f.Up, f.Forward));
            double swing = armSwingDegrees * Math.PI / 180 * Jitter(0.15);
            double strideOmega = Math.PI * stepHz; // the arm swings once per stride (two steps)
            return Add(name, seconds, f, t =>
            {
                double s = t / 1e6;
                double cycle = stepHz * s + phase / (2 * Math.PI);
                double v;
                if (running)
                {
                    // Foot strikes as half-sines over 35 % of each step, offset so the mean stays 1 g.
                    double p = cycle - Math.Floor(cycle);
                    v = p < 0.35 ? verticalG * Math.Sin(Math.PI * p / 0.35) : 0;
                    v -= verticalG * 0.35 * 2 / Math.PI;
                }
                else
                {
                    v = verticalG * Math.Sin(2 * Math.PI * cycle) + 0.4 * verticalG * Math.Sin(4 * Math.PI * cycle + 0.7);
                }

                double h = forwardG * Math.Sin(2 * Math.PI * cycle + 1.2);
                if (!wrist)
                {
                    return (float)(1 + v) * f.Up + (float)h * f.Forward;
                }

                // The arm as a pendulum from the shoulder: angle θ = swing·sin(ωt). Gravity turns with the forearm, and
                // the wrist (ArmLength from the shoulder) adds its tangential (L·θ'') and centripetal (L·θ'², towards
                // the shoulder, i.e. along the hanging arm's "up") accelerations, on top of the trunk's bounce.
                double wt = Math.PI * cycle;
                double angle = swing * Math.Sin(wt);
                double rate = swing * strideOmega * Math.Cos(wt);
                double angular = -swing * strideOmega * strideOmega * Math.Sin(wt);
                var turn = Quaternion.CreateFromAxisAngle(swingAxis, (float)angle);
                Vector3 up = Vector3.Transform(f.Up, turn);
                Vector3 along = Vector3.Transform(f.Forward, turn);
                double centripetal = ArmLengthMetres * rate * rate / StandardGravity;
                double tangential = ArmLengthMetres * angular / StandardGravity;
                return (float)(1 + scale * v + centripetal) * up + (float)(scale * h + tangential) * along;
            });
        }

        private Builder Transition(string name, WearerPose target, double seconds, double lowering, double landingG, double landingAt)
        {
            BodyFrame from = Frame;
            _posture = target;
            BodyFrame to = Frame;
            double rotateEnd = landingAt + 0.2;
            return Add(name, seconds, to, t =>
            {
                double s = t / 1e6;
                Vector3 up = Rotate(from.Up, to.Up, Smooth(Math.Min(1, s / rotateEnd)));
                double v = lowering * HalfSine(s, 0.1, landingAt) + landingG * HalfSine(s, landingAt, landingAt + 0.15);
                return (float)(1 + v) * up;
            });
        }

        private Builder Add(string name, double seconds, BodyFrame end, Func<long, Vector3> at)
        {
            if (!(seconds > 0) || double.IsInfinity(seconds))
            {
                throw new ArgumentOutOfRangeException(nameof(seconds), seconds, name + ": duration must be > 0 s");
            }

            _segments.Add(new Segment(name, (long)Math.Round(seconds * 1e6), end, at));
            return this;
        }

        private double Jitter(double relative) => 1 + relative * (2 * _random.NextDouble() - 1);
    }

    /// <summary>Shoulder to wrist, metres (an adult's arm hanging).</summary>
    private const double ArmLengthMetres = 0.6;

    private const double StandardGravity = 9.80665;

    private static double HalfSine(double s, double from, double to)
        => s <= from || s >= to ? 0 : Math.Sin(Math.PI * (s - from) / (to - from));

    private static double Smooth(double u) => u <= 0 ? 0 : u >= 1 ? 1 : 0.5 - 0.5 * Math.Cos(Math.PI * u);

    private static double TapPulse(double s, double width)
    {
        if (s <= 0 || s >= 2 * width)
        {
            return 0;
        }

        return s < width ? Math.Sin(Math.PI * s / width) : -0.3 * Math.Sin(Math.PI * (s - width) / width);
    }

    /// <summary>Rotates <paramref name="from"/> towards <paramref name="to"/> by a fraction of the angle between them.</summary>
    private static Vector3 Rotate(Vector3 from, Vector3 to, double fraction)
    {
        float dot = Math.Clamp(Vector3.Dot(from, to), -1f, 1f);
        double angle = Math.Acos(dot);
        if (angle < 1e-6 || fraction <= 0)
        {
            return from;
        }

        Vector3 axis = Vector3.Cross(from, to);
        if (axis.LengthSquared() < 1e-10)
        {
            // Opposite vectors: any perpendicular axis will do.
            axis = Vector3.Cross(from, Math.Abs(from.X) < 0.9f ? Vector3.UnitX : Vector3.UnitY);
        }

        return Vector3.Transform(from, Quaternion.CreateFromAxisAngle(Vector3.Normalize(axis), (float)(angle * Math.Min(1, fraction))));
    }
}
