using System.Numerics;
using WearableFirmware.Falls;
using WearableFirmware.SimulatedBoard.Signals;
using Xunit;

namespace WearableFirmware.Tests.Falls;

/// <summary>
/// The wrist detector on scripted wrist motion sampled at 50 Hz (no chip model here; AlertPathTests has it):
/// falls with the forearm's turn are detected, arm swing and a hand slapped on a table are not, and the decision
/// does not depend on how the watch is turned on the wrist or on a sensor that clips at ±4 g.
/// </summary>
public class WristFallDetectorTests
{
    private const int Rate = 50;

    private static Vector3[] Sample(IMotionSource source, double seconds)
    {
        var samples = new Vector3[(int)(seconds * Rate)];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = source.AccelerationAt(i * 1_000_000L / Rate);
        }

        return samples;
    }

    private static (int Falls, int Judged, WristFallDetector Detector, List<float[]> Features, List<float> Scores) Feed(IEnumerable<Vector3> samples)
    {
        var detector = new WristFallDetector(FallSensing.WristDetectorSettings());
        int falls = 0, judged = 0;
        var features = new List<float[]>();
        var scores = new List<float>();
        foreach (Vector3 a in samples)
        {
            FallDecision d = detector.Process(a.X, a.Y, a.Z);
            if (d != FallDecision.None)
            {
                judged++;
                falls += d == FallDecision.Fall ? 1 : 0;
                features.Add((float[])detector.Features.Clone());
                scores.Add(detector.Score);
            }
        }

        return (falls, judged, detector, features, scores);
    }

    [Theory]
    [InlineData(FallDirection.Forward, 1)]
    [InlineData(FallDirection.Backward, 2)]
    [InlineData(FallDirection.Sideways, 3)]
    [InlineData(FallDirection.Forward, 4)]
    [InlineData(FallDirection.Backward, 5)]
    public void A_fall_while_walking_is_detected_once_about_2_4_s_after_the_impact(FallDirection direction, int seed)
    {
        MotionScenario wearer = MotionScenario.Create(SensorPlacement.Wrist, seed).Hold(2).Walk(8).Fall(direction).Hold(10).Build();
        double fallStart = wearer.StartOf("fall-" + direction.ToString().ToLowerInvariant()) / 1e6;

        var (falls, _, detector, _, _) = Feed(Sample(new SensorNoise(wearer, 0.01, seed), 25));

        Assert.Equal(1, falls);
        Assert.InRange(detector.PeakSample / (double)Rate, fallStart + 0.5, fallStart + 1.2); // the hand's impact
        Assert.Equal(detector.PeakSample + 120, detector.DecisionSample); // 2.4 s at 50 Hz
        Assert.True(detector.Features[WristFallFeatures.Turn] > 45, "the forearm turned " + detector.Features[WristFallFeatures.Turn]);
        Assert.Equal(BodyPosture.Unknown, detector.PostureAfter); // the wrist does not tell the body's posture
    }

    [Fact]
    public void Minutes_of_walking_with_arm_swing_and_sitting_down_raise_nothing()
    {
        IMotionSource wearer = MotionScenario.Create(SensorPlacement.Wrist, 11).Hold(3).Walk(180).SitDown().Hold(20).StandUp().Walk(60)
            .BuildWithNoise(0.01, 11);
        var (falls, _, _, _, _) = Feed(Sample(wearer, 270));
        Assert.Equal(0, falls);
    }

    [Fact]
    public void A_hand_slapped_on_a_table_is_an_impact_but_not_a_fall()
    {
        // Standing at a table, forearm resting face up; a 4.5 g slap (two samples) and the hand stays where it was.
        var up = new Vec(0.1, 0, 1);
        float[] trace = new SyntheticMotion(seed: 3).Still(5, up).Impact(4.5, up, samples: 2).Still(0.3, up).Impact(2.2, up, 1).Still(6, up).ToArray();

        var (falls, judged, detector, _, _) = Feed(Vectors(trace));

        Assert.Equal(1, judged);
        Assert.Equal(0, falls);
        Assert.True(detector.Features[WristFallFeatures.Turn] < 5);
    }

    [Fact]
    public void The_decision_does_not_depend_on_how_the_watch_is_turned()
    {
        Vector3[] fall = Sample(new SensorNoise(MotionScenario.Create(SensorPlacement.Wrist, 7).Hold(2).Walk(6).Fall(FallDirection.Sideways).Hold(6).Build(), 0.01, 7), 20);
        var reference = Feed(fall);
        var random = new Random(5);
        for (int k = 0; k < 4; k++)
        {
            // Any band rotation or either wrist: a rotation (or reflection) of the sensor's axes.
            var axis = Vector3.Normalize(new Vector3((float)random.NextDouble() - 0.5f, (float)random.NextDouble() - 0.5f, (float)random.NextDouble() - 0.5f));
            var rotation = Quaternion.CreateFromAxisAngle(axis, (float)(random.NextDouble() * 2 * Math.PI));
            Vector3 mirror = k % 2 == 0 ? Vector3.One : new Vector3(-1, 1, 1);
            var turned = Feed(fall.Select(a => Vector3.Transform(a, rotation) * mirror));

            Assert.Equal(reference.Falls, turned.Falls);
            Assert.Equal(reference.Judged, turned.Judged);
            for (int j = 0; j < reference.Features.Count; j++)
            {
                Assert.Equal(reference.Scores[j], turned.Scores[j], 3);
                for (int f = 0; f < WristFallFeatures.Count; f++)
                {
                    Assert.Equal(reference.Features[j][f], turned.Features[j][f], f is WristFallFeatures.Turn or WristFallFeatures.TurnAcrossImpact ? 1 : 3);
                }
            }
        }
    }

    [Fact]
    public void A_sensor_clipping_at_4_g_gives_the_same_impact_features_as_one_that_does_not()
    {
        // 8 g impacts: the ADXL345 at ±16 g reads them, a ±4 g watch (WEDA-FALL's) clips them.
        Vector3[] fall = Sample(MotionScenario.Create(SensorPlacement.Wrist, 9).Hold(2).Walk(6).Fall(FallDirection.Forward, impactG: 8).Hold(6).Build(), 20);
        Assert.True(fall.Max(a => Math.Max(Math.Abs(a.X), Math.Max(Math.Abs(a.Y), Math.Abs(a.Z)))) > 5, "the scripted impact must exceed the clip");

        var full = Feed(fall);
        var clipped = Feed(fall.Select(a => Vector3.Clamp(a, new Vector3(-4), new Vector3(4))));

        Assert.Equal(1, full.Falls);
        Assert.Equal(full.Judged, clipped.Judged);
        Assert.Equal(full.Falls, clipped.Falls);
        Assert.Equal(full.Detector.PeakSample, clipped.Detector.PeakSample);
        foreach (int f in new[] { WristFallFeatures.Peak, WristFallFeatures.ImpactActivity, WristFallFeatures.ActivityJustAfter, WristFallFeatures.ActivityLater,
            WristFallFeatures.ImpactsBefore, WristFallFeatures.FreeFall, WristFallFeatures.LocalPeaks, WristFallFeatures.Turn, WristFallFeatures.MovementLater,
            WristFallFeatures.ShakingTime })
        {
            Assert.Equal(full.Features[0][f], clipped.Features[0][f], 4);
        }
    }

    [Fact]
    public void Processing_allocates_nothing_including_the_judgement()
    {
        Vector3[] samples = Sample(MotionScenario.Create(SensorPlacement.Wrist, 4).Hold(2).Walk(10).Fall(FallDirection.Backward).Hold(8).Build(), 24);
        static WristFallDetector Build()
        {
            var detector = new WristFallDetector(FallSensing.WristDetectorSettings());
            for (int i = 0; i < 50; i++)
            {
                detector.Process(0, 0, 1);
            }

            return detector;
        }

        int falls = 0;
        long allocated = Allocation.Of(Build, detector =>
        {
            falls = 0;
            foreach (Vector3 a in samples)
            {
                falls += detector.Process(a.X, a.Y, a.Z) == FallDecision.Fall ? 1 : 0;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(1, falls);
    }

    [Fact]
    public void Reset_forgets_a_pending_impact()
    {
        var detector = new WristFallDetector(FallSensing.WristDetectorSettings());
        detector.Process(0, 0, 1);
        detector.Process(3, 0, 1);
        Assert.True(detector.Judging);
        detector.Reset();
        Assert.False(detector.Judging);
        Assert.Equal(0, detector.SampleCount);
        for (int i = 0; i < 300; i++)
        {
            Assert.Equal(FallDecision.None, detector.Process(0, 0, 1));
        }
    }

    [Fact]
    public void Settings_that_make_no_sense_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new WristFallDetector(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WristFallDetector(new WristFallDetectorSettings { SampleRateHz = 5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WristFallDetector(new WristFallDetectorSettings { TriggerG = 0.9f }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WristFallDetector(new WristFallDetectorSettings { TriggerG = 4.5f }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WristFallDetector(new WristFallDetectorSettings { DecisionScore = float.NaN }));
    }

    private static IEnumerable<Vector3> Vectors(float[] trace)
    {
        for (int i = 0; i + 2 < trace.Length; i += 3)
        {
            yield return new Vector3(trace[i], trace[i + 1], trace[i + 2]);
        }
    }
}
