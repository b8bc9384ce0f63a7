using WearableFirmware.Falls;
using Xunit;

namespace WearableFirmware.Tests.Falls;

public class FallDetectorTests
{
    private sealed record Judged(FallDecision Decision, long DecisionSample, float PeakG, float PreImpactSpeed, float PostureChange,
        float TiltBefore, float ActivityG, BodyPosture Posture, bool ImpactPassed, bool FreeFallPassed, bool PosturePassed, bool InactivityPassed);

    private static List<Judged> Replay(float[] samples, FallDetectorSettings? settings = null)
    {
        var detector = new FallDetector(settings ?? new FallDetectorSettings());
        var judged = new List<Judged>();
        for (int i = 0; i + 2 < samples.Length; i += 3)
        {
            FallDecision d = detector.Process(samples[i], samples[i + 1], samples[i + 2]);
            if (d != FallDecision.None)
            {
                judged.Add(new Judged(d, detector.DecisionSample, detector.PeakG, detector.PreImpactSpeed, detector.PostureChangeDegrees,
                    detector.TiltBeforeDegrees, detector.ActivityG, detector.PostureAfter, detector.ImpactPassed, detector.FreeFallPassed,
                    detector.PosturePassed, detector.InactivityPassed));
            }
        }

        return judged;
    }

    public static TheoryData<string, double, double, double> FallDirections => new()
    {
        { "forward", 0, 0, 1 },
        { "backward", 0, 0, -1 },
        { "sideways", 1, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(FallDirections))]
    public void Fall_from_walking_is_detected_with_every_stage_passing(string name, double x, double y, double z)
    {
        var lying = new Vec(x, y, z);
        float[] trace = new SyntheticMotion().Walk(4).FreeFall(0.5, 0.3, SyntheticMotion.Up, lying).Impact(4.5, lying).Still(5, lying).ToArray();

        List<Judged> judged = Replay(trace);

        Judged fall = Assert.Single(judged);
        Assert.True(fall.Decision == FallDecision.Fall, name);
        Assert.Equal(4.5f, fall.PeakG, 2);
        Assert.InRange(fall.PostureChange, 85f, 95f); // upright -> horizontal
        Assert.InRange(fall.TiltBefore, 0f, 10f);
        Assert.Equal(BodyPosture.Lying, fall.Posture);
        Assert.InRange(fall.ActivityG, 0f, 0.02f);   // only the ±0.01 g noise remains
    }

    [Fact]
    public void Pre_impact_speed_integrates_the_missing_gravity()
    {
        // 25 samples (0.5 s) at 0.3 g: 25 × 0.7 g × 9.80665 m/s² / 50 Hz = 3.432 m/s; 1 g before it adds nothing.
        float[] trace = new SyntheticMotion(noiseG: 0).Still(3, SyntheticMotion.Up).FreeFall(0.5, 0.3, SyntheticMotion.Up, SyntheticMotion.FaceDown)
            .Impact(4, SyntheticMotion.FaceDown).Still(4, SyntheticMotion.FaceDown).ToArray();

        Judged fall = Assert.Single(Replay(trace));

        Assert.Equal(3.432f, fall.PreImpactSpeed, 2);
        Assert.True(fall.FreeFallPassed);
    }

    [Fact]
    public void Decision_comes_settle_plus_confirmation_after_the_last_impact_sample()
    {
        // Defaults: 0.5 s settle (25 samples) then 1.5 s confirmation (75 samples) at 50 Hz.
        var motion = new SyntheticMotion(noiseG: 0).Still(3, SyntheticMotion.Up).FreeFall(0.5, 0.3, SyntheticMotion.Up, SyntheticMotion.OnSide)
            .Impact(5, SyntheticMotion.OnSide);
        long lastImpactSample = motion.Count - 1;
        float[] trace = motion.Still(4, SyntheticMotion.OnSide).ToArray();

        Judged fall = Assert.Single(Replay(trace));

        Assert.Equal(lastImpactSample + 25 + 75, fall.DecisionSample);
    }

    [Fact]
    public void Stages_report_progress_while_an_impact_is_judged()
    {
        var detector = new FallDetector(new FallDetectorSettings());
        Assert.Equal(FallStage.Monitoring, detector.Stage);
        for (int i = 0; i < 100; i++)
        {
            detector.Process(0, -1, 0);
        }

        Assert.Equal(FallStage.Monitoring, detector.Stage);
        detector.Process(0, -3, 0);
        Assert.Equal(FallStage.Impact, detector.Stage);
        for (int i = 0; i < 25; i++)
        {
            detector.Process(0, -1, 0);
        }

        Assert.Equal(FallStage.Impact, detector.Stage); // still settling: 25 samples = the full settle time
        detector.Process(0, -1, 0);
        Assert.Equal(FallStage.Confirming, detector.Stage);
        detector.Process(0, -2.5f, 0); // a new impact during confirmation re-opens the cluster
        Assert.Equal(FallStage.Impact, detector.Stage);
        Assert.Equal(3f, detector.PeakG);
    }

    [Fact]
    public void Movement_after_the_impact_fails_the_inactivity_stage()
    {
        float[] trace = new SyntheticMotion().Walk(4).FreeFall(0.5, 0.3, SyntheticMotion.Up, SyntheticMotion.FaceDown).Impact(4, SyntheticMotion.FaceDown)
            .Still(0.6, SyntheticMotion.FaceDown).ToArray();
        // Then crawling: ±0.4 g bounce around face-down gravity, below the trigger; std of a sine = 0.4/√2 ≈ 0.28 g.
        var crawl = new List<float>(trace);
        for (int i = 0; i < 150; i++)
        {
            crawl.AddRange([0f, 0f, 1f + 0.4f * (float)Math.Sin(2 * Math.PI * 2 * i / 50.0)]);
        }

        Judged judged = Assert.Single(Replay(crawl.ToArray()));

        Assert.Equal(FallDecision.Rejected, judged.Decision);
        Assert.False(judged.InactivityPassed);
        Assert.InRange(judged.ActivityG, 0.25f, 0.31f);
        Assert.True(judged.ImpactPassed && judged.FreeFallPassed && judged.PosturePassed);
    }

    [Fact]
    public void Rolling_over_while_lying_fails_the_posture_stage()
    {
        float[] trace = new SyntheticMotion().Still(4, SyntheticMotion.OnBack).FreeFall(0.4, 0.5, SyntheticMotion.OnBack, SyntheticMotion.OnSide)
            .Impact(2.6, SyntheticMotion.OnSide).Still(4, SyntheticMotion.OnSide).ToArray();

        Judged judged = Assert.Single(Replay(trace));

        Assert.Equal(FallDecision.Rejected, judged.Decision);
        Assert.InRange(judged.TiltBefore, 85f, 95f); // was lying: not a fall from upright or sitting
        Assert.InRange(judged.PostureChange, 85f, 95f);
        Assert.False(judged.PosturePassed);
    }

    [Fact]
    public void Sitting_down_hard_is_judged_and_rejected_on_posture()
    {
        float[] trace = new SyntheticMotion().Walk(3).FreeFall(0.6, 0.6, SyntheticMotion.Up, SyntheticMotion.Seated)
            .Impact(2.6, SyntheticMotion.Seated).Still(5, SyntheticMotion.Seated).ToArray();

        Judged judged = Assert.Single(Replay(trace));

        Assert.Equal(FallDecision.Rejected, judged.Decision);
        Assert.True(judged.ImpactPassed);
        Assert.InRange(judged.PostureChange, 32f, 38f); // 35° recline: sitting, not lying (tilt after below 45°)
        Assert.False(judged.PosturePassed);
        Assert.Equal(BodyPosture.Inclined, judged.Posture);
    }

    [Fact]
    public void Jump_lands_upright_and_is_rejected()
    {
        float[] trace = new SyntheticMotion().Still(3, SyntheticMotion.Up).Impact(1.8, SyntheticMotion.Up, 8)
            .FreeFall(0.35, 0.1, SyntheticMotion.Up, SyntheticMotion.Up).Impact(4, SyntheticMotion.Up).Still(4, SyntheticMotion.Up).ToArray();

        Judged judged = Assert.Single(Replay(trace));

        Assert.Equal(FallDecision.Rejected, judged.Decision);
        Assert.True(judged.FreeFallPassed && judged.ImpactPassed && judged.InactivityPassed);
        Assert.InRange(judged.PostureChange, 0f, 5f);
    }

    [Fact]
    public void Lying_down_slowly_never_opens_an_impact()
    {
        float[] trace = new SyntheticMotion().Still(3, SyntheticMotion.Up).Turn(2, SyntheticMotion.Up, SyntheticMotion.Seated)
            .Turn(1.5, SyntheticMotion.Seated, SyntheticMotion.OnBack).Still(6, SyntheticMotion.OnBack).ToArray();

        Assert.Empty(Replay(trace));
    }

    [Fact]
    public void A_minute_of_walking_raises_nothing()
    {
        Assert.Empty(Replay(new SyntheticMotion().Walk(60).ToArray()));
    }

    [Fact]
    public void Running_then_stopping_is_judged_but_not_a_fall()
    {
        List<Judged> judged = Replay(new SyntheticMotion().Run(60).Still(4, SyntheticMotion.Up).ToArray());

        Assert.NotEmpty(judged); // foot strikes reach 2.8 g: the impact stage does fire
        Assert.All(judged, j => Assert.Equal(FallDecision.Rejected, j.Decision));
    }

    [Fact]
    public void Bad_settings_are_refused_with_the_setting_named()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new FallDetector(new FallDetectorSettings { HardImpactG = 1.0f }));
        Assert.Equal("HardImpactG", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FallDetector(new FallDetectorSettings { SampleRateHz = 5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FallDetector(new FallDetectorSettings { UprightAxisY = 0f }));
        Assert.Throws<ArgumentNullException>(() => new FallDetector(null!));
    }

    [Fact]
    public void Processing_samples_allocates_nothing()
    {
        float[] trace = new SyntheticMotion().Walk(10).FreeFall(0.5, 0.3, SyntheticMotion.Up, SyntheticMotion.FaceDown)
            .Impact(4.5, SyntheticMotion.FaceDown).Still(5, SyntheticMotion.FaceDown).Run(20).Still(3, SyntheticMotion.Up).ToArray();
        int decisions = 0;
        long allocated = Allocation.Of(() => new FallDetector(new FallDetectorSettings()), detector =>
        {
            decisions = 0;
            for (int pass = 0; pass < 5; pass++)
            {
                decisions += Feed(detector, trace);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(decisions > 0); // the loop really judged impacts
    }

    private static int Feed(FallDetector detector, float[] trace)
    {
        int decisions = 0;
        for (int i = 0; i + 2 < trace.Length; i += 3)
        {
            decisions += detector.Process(trace[i], trace[i + 1], trace[i + 2]) != FallDecision.None ? 1 : 0;
        }

        return decisions;
    }
}
