using WearableFirmware.Application;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Motion;
using WearableFirmware.Sampling;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Chips;
using WearableFirmware.SimulatedBoard.Signals;

namespace WearableFirmware.Simulator.Falls;

/// <summary>
/// Stage outputs of one judged impact cluster. Samples are the detector's indices (0 = first sample the driver
/// delivered); <paramref name="DecisionMicroseconds"/> is the loop tick in which the firmware acted on it.
/// </summary>
public sealed record JudgedImpact(long PeakSample, long DecisionSample, long DecisionMicroseconds, float PeakG, float PreImpactMinimumG,
    float PreImpactSpeed, float PostureChangeDegrees, float TiltBeforeDegrees, float TiltAfterDegrees, float ActivityG, bool IsFall);

/// <summary>
/// A trial replayed through the firmware: every judged cluster, the magnitude of every sample the detector saw
/// (for plots), and the largest one with its time.
/// </summary>
public sealed record TrialRun(SisFallTrialInfo Trial, int RateHz, long MaxMagnitudeSample, long MaxMagnitudeMicroseconds, float MaxMagnitudeG,
    float[] Magnitudes, IReadOnlyList<JudgedImpact> Judged)
{
    public int Samples => Magnitudes.Length;

    public double Seconds => (double)Samples / RateHz;

    public JudgedImpact? FirstFall => Judged.FirstOrDefault(j => j.IsFall);

    public int FallDecisions => Judged.Count(j => j.IsFall);

    /// <summary>Seconds from the trial's largest magnitude (the impact, for a fall trial) to the tick that raised the first fall.</summary>
    public double? LatencySeconds => FirstFall is { } f ? (f.DecisionMicroseconds - MaxMagnitudeMicroseconds) / 1e6 : null;
}

/// <summary>
/// Replays SisFall trials the way the device would see them: the recording (SisFallTrial, 200 Hz) as the motion
/// the simulated ADXL345 feels, the chip model sampling it at the configured output data rate on a virtual clock,
/// the real driver draining its FIFO from the sampling loop (40 ms ticks) and the firmware's MotionDrain +
/// MotionProcessing stages feeding the fall detector. Trials run in parallel (2 at a time) with progress.
/// </summary>
public static class FallTrialRunner
{
    /// <summary>One trial through chip model, driver, loop and detector.</summary>
    public static TrialRun Run(SisFallTrialInfo info, FallDetectorSettings detectorSettings, Adxl345Settings chipSettings)
    {
        SisFallTrial trial = SisFallTrial.Load(info.Path);
        var clock = new VirtualClock();
        var chip = new Adxl345Model(clock, trial.ToMotionSource());
        var driver = new Adxl345(chip, clock, chipSettings);
        if (!driver.Start())
        {
            throw new InvalidOperationException("ADXL345 driver did not start on the chip model: " + driver.LastStartError);
        }

        var detector = new FallDetector(detectorSettings);
        var ports = new DetachedPorts();
        var alerts = new FallAlertStateMachine(new FallAlertSettings(), ports, ports, ports);
        var processing = new MotionProcessing(driver, detector, alerts, ports);
        var recorder = new DecisionRecorder(driver, detectorSettings, processing, trial.Length * SampleRate(chipSettings) / 200 + 64);
        var loopSettings = new LoopSettings();
        var loop = new SamplingLoop(clock, loopSettings, ports);
        loop.AddSensor("adxl345", new MotionDrain(driver), driver.Health);
        loop.AddProcessor(processing);
        loop.AddProcessor(recorder);

        // One tick past the last recorded sample, so everything the chip produced from the recording is drained.
        loop.Run((long)(trial.DurationSeconds * 1e6) + loopSettings.PeriodMicroseconds + 1);
        if (driver.Health.SamplesLost != 0)
        {
            // On a virtual clock the loop is never late; a loss would mean the replay is not what the device sees.
            throw new InvalidOperationException($"{info.Name}: the replay lost {driver.Health.SamplesLost} samples");
        }

        return new TrialRun(info, detectorSettings.SampleRateHz, recorder.MaxSample, recorder.MaxMicroseconds, recorder.MaxG,
            recorder.Magnitudes(), recorder.Judged);
    }

    /// <summary>Replays every trial (2 at a time); prints progress to stderr about every 10 %.</summary>
    public static TrialRun[] RunAll(IReadOnlyList<SisFallTrialInfo> trials, Func<FallDetectorSettings> detectorSettings,
        Func<Adxl345Settings> chipSettings, string what)
    {
        var runs = new TrialRun[trials.Count];
        int done = 0;
        int step = Math.Max(1, trials.Count / 10);
        try
        {
            Parallel.For(0, trials.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            {
                runs[i] = Run(trials[i], detectorSettings(), chipSettings());
                int n = Interlocked.Increment(ref done);
                if (n % step == 0 || n == trials.Count)
                {
                    Console.Error.WriteLine($"{what}: {n}/{trials.Count} trials");
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is FormatException or IOException))
        {
            // A malformed or unreadable trial stops the run with its file and line named, not a stack trace.
            throw new UsageException(e.InnerExceptions[0].Message);
        }

        return runs;
    }

    /// <summary>The ADXL345 rate code for a whole-Hz rate the evaluation offers.</summary>
    public static OutputDataRate DataRate(int hz) => hz switch
    {
        25 => OutputDataRate.Hz25,
        50 => OutputDataRate.Hz50,
        100 => OutputDataRate.Hz100,
        200 => OutputDataRate.Hz200,
        _ => throw new UsageException($"--rate must be 25, 50, 100 or 200 Hz (an ADXL345 output data rate), got {hz}"),
    };

    /// <summary>The chip's output data rate in whole Hz (the rates used here are 12.5 Hz and up).</summary>
    public static int SampleRate(Adxl345Settings chip) =>
        (int)Math.Round(1e9 / Adxl345Settings.RatePeriodNanoseconds(chip.DataRate));

    /// <summary>
    /// Runs after MotionProcessing in the same tick and replays the tick's samples, exactly as MotionProcessing fed
    /// them (counts × GPerCount), into a twin detector with the same settings, to keep every decision's stage outputs
    /// (the firmware's detector only keeps the latest, and a new impact may follow a decision within one tick). The
    /// twin must reach the same fall decisions MotionProcessing counted; any difference stops the replay.
    /// </summary>
    private sealed class DecisionRecorder(Adxl345 driver, FallDetectorSettings settings, MotionProcessing processing, int capacity) : ILoopTask
    {
        private readonly FallDetector _twin = new(settings);
        private readonly List<float> _magnitudes = new(capacity);
        private int _falls;

        public List<JudgedImpact> Judged { get; } = new();

        public long MaxSample { get; private set; }

        public long MaxMicroseconds { get; private set; }

        public float MaxG { get; private set; }

        public float[] Magnitudes() => _magnitudes.ToArray();

        public void Run(long nowMicroseconds)
        {
            int count = driver.Count;
            float scale = driver.GPerCount;
            for (int i = 0; i < count; i++)
            {
                FallDecision decision = _twin.Process(driver.X[i] * scale, driver.Y[i] * scale, driver.Z[i] * scale);
                float m = _twin.Magnitude;
                _magnitudes.Add(m);
                if (m > MaxG)
                {
                    MaxG = m;
                    MaxSample = _twin.SampleCount - 1;
                    MaxMicroseconds = driver.NewestSampleMicroseconds - (count - 1 - i) * driver.SamplePeriodNanoseconds / 1000;
                }

                if (decision != FallDecision.None)
                {
                    _falls += decision == FallDecision.Fall ? 1 : 0;
                    Judged.Add(new JudgedImpact(_twin.PeakSample, _twin.DecisionSample, nowMicroseconds, _twin.PeakG, _twin.PreImpactMinimumG,
                        _twin.PreImpactSpeed, _twin.PostureChangeDegrees, _twin.TiltBeforeDegrees, _twin.TiltAfterDegrees, _twin.ActivityG,
                        decision == FallDecision.Fall));
                }
            }

            if (_falls != processing.FallsDetected)
            {
                throw new InvalidOperationException($"replay twin detector found {_falls} falls, MotionProcessing {processing.FallsDetected}");
            }
        }
    }

    /// <summary>The device's other ports, absent in a replay: no button, silent alarm, no phone, no record store, no watchdog reset.</summary>
    private sealed class DetachedPorts : IButtonInput, IAlarmOutput, IFallAlertLink, IFallEventSink, IWatchdog
    {
        public bool IsConnected => false;

        public ButtonPress TakePress() => ButtonPress.None;

        public void Start()
        {
        }

        public void Stop()
        {
        }

        public bool Send(FallAlertEvent alert) => false;

        public void Record(FallAlertEvent alert)
        {
        }

        public void Feed()
        {
        }
    }
}
