using WearableFirmware.Motion;

namespace WearableFirmware.Simulator.Falls;

/// <summary>Stage outputs of one judged impact cluster.</summary>
public sealed record JudgedImpact(long PeakSample, long DecisionSample, float PeakG, float PreImpactMinimumG, float PreImpactSpeed,
    float PostureChangeDegrees, float TiltBeforeDegrees, float TiltAfterDegrees, float ActivityG, bool IsFall);

/// <summary>A trial replayed through the detector: every judged cluster, and the trial's largest magnitude.</summary>
public sealed record TrialRun(SisFallTrialInfo Trial, int RateHz, int Samples, long MaxMagnitudeSample, float MaxMagnitudeG,
    IReadOnlyList<JudgedImpact> Judged)
{
    public double Seconds => (double)Samples / RateHz;

    public JudgedImpact? FirstFall => Judged.FirstOrDefault(j => j.IsFall);

    public int FallDecisions => Judged.Count(j => j.IsFall);

    /// <summary>Seconds from the trial's largest magnitude (the impact, for a fall trial) to the first fall decision.</summary>
    public double? LatencySeconds => FirstFall is { } f ? (f.DecisionSample - MaxMagnitudeSample) / (double)RateHz : null;
}

/// <summary>Replays trials through the portable <see cref="FallDetector"/>, in parallel, with progress.</summary>
public static class FallTrialRunner
{
    public static TrialRun Run(SisFallTrialInfo trial, float[] samples, FallDetectorSettings settings)
    {
        var detector = new FallDetector(settings);
        var judged = new List<JudgedImpact>();
        int frames = samples.Length / 3;
        long maxSample = 0;
        float maxG = 0;
        for (int i = 0; i < frames; i++)
        {
            FallDecision decision = detector.Process(samples[3 * i], samples[3 * i + 1], samples[3 * i + 2]);
            if (detector.Magnitude > maxG)
            {
                maxG = detector.Magnitude;
                maxSample = i;
            }

            if (decision != FallDecision.None)
            {
                judged.Add(new JudgedImpact(detector.PeakSample, detector.DecisionSample, detector.PeakG, detector.PreImpactMinimumG,
                    detector.PreImpactSpeed, detector.PostureChangeDegrees, detector.TiltBeforeDegrees, detector.TiltAfterDegrees, detector.ActivityG,
                    decision == FallDecision.Fall));
            }
        }

        return new TrialRun(trial, settings.SampleRateHz, frames, maxSample, maxG, judged);
    }

    /// <summary>Loads and replays every trial (2 at a time); prints progress to stderr about every 10 %.</summary>
    public static TrialRun[] RunAll(IReadOnlyList<SisFallTrialInfo> trials, IAccelerometerFeed feed, Func<FallDetectorSettings> settings, string what)
    {
        var runs = new TrialRun[trials.Count];
        int done = 0;
        int step = Math.Max(1, trials.Count / 10);
        try
        {
            Parallel.For(0, trials.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            {
                FallDetectorSettings s = settings();
                runs[i] = Run(trials[i], feed.Load(trials[i], s.SampleRateHz), s);
                int n = Interlocked.Increment(ref done);
                if (n % step == 0 || n == trials.Count)
                {
                    Console.Error.WriteLine($"{what}: {n}/{trials.Count} trials");
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is InvalidDataException or IOException))
        {
            // A malformed or unreadable trial stops the run with its file and line named, not a stack trace.
            throw new UsageException(e.InnerExceptions[0].Message);
        }

        return runs;
    }
}
