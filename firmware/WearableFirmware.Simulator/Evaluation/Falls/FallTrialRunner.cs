using WearableFirmware.Application;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Falls;
using WearableFirmware.Sampling;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Chips;
using WearableFirmware.SimulatedBoard.Signals;

namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>
/// Replays recorded trials the way the device would see them: the recording as the motion the simulated ADXL345
/// feels, the chip model sampling it at the configured output data rate on a virtual clock, the real driver draining
/// its FIFO from the sampling loop (default <see cref="LoopSettings"/> period) and the firmware's AccelerometerDrain +
/// AccelerometerProcessingStage stages feeding the placement's fall detector. Trials run in parallel (2 at a time) with progress.
/// </summary>
public static class FallTrialRunner
{
    /// <summary>One trial through chip model, driver, loop and the waist detector.</summary>
    public static TrialRun Run(FallTrialInfo info, FallDetectorSettings detectorSettings, Adxl345Settings chipSettings) =>
        Run(info, FallDetectorSetup.ForWaist(detectorSettings), chipSettings, ReplayOptions.AsRecorded);

    /// <summary>One trial through chip model, driver, loop and the placement's detector.</summary>
    public static TrialRun Run(FallTrialInfo info, FallDetectorSetup setup, Adxl345Settings chipSettings, ReplayOptions options)
    {
        IMotionSource motion = info.LoadMotion(options, out double durationSeconds);
        long endMicroseconds = (long)(durationSeconds * 1e6);

        // The wrist detector judges an impact seconds after it: the recording is continued (its own end state) so an
        // impact near the end is judged as a running device would judge it; impacts peaking after the end are not counted.
        long tailMicroseconds = setup.Placement == SensorPlacement.Wrist ? (long)((WristFallFeatures.SecondsAfterPeak + 0.2) * 1e6) : 0;
        if (tailMicroseconds > 0)
        {
            motion = new RecordingTail(motion, endMicroseconds);
        }

        var clock = new VirtualClock();
        var chip = new Adxl345Model(clock, motion);
        var driver = new Adxl345(chip, clock, chipSettings);
        if (!driver.Start())
        {
            throw new InvalidOperationException("ADXL345 driver did not start on the chip model: " + driver.DescribeLastError());
        }

        IFallDetector detector = setup.Create();
        var ports = new DetachedPorts();
        var alerts = new FallAlertStateMachine(new FallAlertSettings(), ports, ports, ports);
        var processing = new AccelerometerProcessingStage(driver, detector, alerts, ports);
        var recorder = new DecisionRecorder(driver, setup, processing, (int)(durationSeconds * SampleRate(chipSettings)) + 64, endMicroseconds);
        var loopSettings = new LoopSettings();
        var loop = new SamplingLoop(clock, loopSettings, ports);
        loop.AddSensor("adxl345", new AccelerometerDrain(driver), driver.Health);
        loop.AddProcessor(processing);
        loop.AddProcessor(recorder);

        // One tick past the last recorded sample, so everything the chip produced from the recording is drained.
        loop.Run(endMicroseconds + tailMicroseconds + loopSettings.PeriodMicroseconds + 1);
        if (loop.Statistics.TaskFaults != 0)
        {
            // The loop survives a faulting stage by skipping it; a replay must not: its figures would silently omit impacts.
            throw new InvalidOperationException($"{info.Name}: {loop.Statistics.TaskFaults} loop task faults (last in {loop.Statistics.LastFaultPhase}) during the replay");
        }

        if (driver.Health.SamplesLost != 0)
        {
            // On a virtual clock the loop is never late; a loss would mean the replay is not what the device sees.
            throw new InvalidOperationException($"{info.Name}: the replay lost {driver.Health.SamplesLost} samples");
        }

        return new TrialRun(info, setup.RateHz, recorder.MaxSample, recorder.MaxMicroseconds, recorder.MaxG,
            recorder.Magnitudes(), recorder.Judged.Where(j => j.PeakMicroseconds <= endMicroseconds).ToList());
    }

    /// <summary>Replays every trial with the waist detector (2 at a time); prints progress to stderr about every 10 %.</summary>
    public static TrialRun[] RunAll(IReadOnlyList<FallTrialInfo> trials, Func<FallDetectorSettings> detectorSettings,
        Func<Adxl345Settings> chipSettings, string what) =>
        RunAll(trials, () => FallDetectorSetup.ForWaist(detectorSettings()), chipSettings, ReplayOptions.AsRecorded, what);

    /// <summary>Replays every trial (2 at a time); prints progress to stderr about every 10 %.</summary>
    public static TrialRun[] RunAll(IReadOnlyList<FallTrialInfo> trials, Func<FallDetectorSetup> setup,
        Func<Adxl345Settings> chipSettings, ReplayOptions options, string what)
    {
        var runs = new TrialRun[trials.Count];
        int done = 0;
        int step = Math.Max(1, trials.Count / 10);
        try
        {
            Parallel.For(0, trials.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            {
                runs[i] = Run(trials[i], setup(), chipSettings(), options);
                int n = Interlocked.Increment(ref done);
                if (n % step == 0 || n == trials.Count)
                {
                    Console.Error.WriteLine($"{what}: {n}/{trials.Count} trials");
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is FormatException or IOException or UsageException))
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
    /// Runs after AccelerometerProcessingStage in the same tick and replays the tick's samples, exactly as AccelerometerProcessingStage fed
    /// them (counts × GPerCount), into a twin detector with the same settings, to keep every decision's outputs (the
    /// firmware's detector only keeps the latest, and a new impact may follow a decision within one tick). The twin
    /// must reach the same fall decisions AccelerometerProcessingStage counted; any difference stops the replay.
    /// </summary>
    private sealed class DecisionRecorder(Adxl345 driver, FallDetectorSetup setup, AccelerometerProcessingStage processing, int capacity, long endMicroseconds) : ILoopTask
    {
        private readonly IFallDetector _twin = setup.Create();
        private readonly List<float> _magnitudes = new(capacity);
        private readonly List<long> _times = new(capacity);
        private int _falls;

        public List<JudgedImpact> Judged { get; } = new();

        public long MaxSample { get; private set; }

        public long MaxMicroseconds { get; private set; }

        public float MaxG { get; private set; }

        public float[] Magnitudes() => _magnitudes.ToArray();

        public void Run(long nowMicroseconds)
        {
            int count = driver.SampleCount;
            float scale = driver.GPerCount;
            for (int i = 0; i < count; i++)
            {
                FallDecision decision = _twin.Process(driver.X[i] * scale, driver.Y[i] * scale, driver.Z[i] * scale);
                float m = _twin.Magnitude;
                long t = driver.NewestSampleMicroseconds - (count - 1 - i) * driver.SamplePeriodNanoseconds / 1000;
                _times.Add(t);

                // The continuation past the recording's end only lets a pending impact be judged: not part of the trial.
                if (t <= endMicroseconds)
                {
                    _magnitudes.Add(m);
                    if (m > MaxG)
                    {
                        MaxG = m;
                        MaxSample = _magnitudes.Count - 1;
                        MaxMicroseconds = t;
                    }
                }

                if (decision != FallDecision.None)
                {
                    _falls += decision == FallDecision.Fall ? 1 : 0;
                    Judged.Add(Record(decision, nowMicroseconds));
                }
            }

            if (_falls != processing.FallsDetected)
            {
                throw new InvalidOperationException($"replay twin detector found {_falls} falls, AccelerometerProcessingStage {processing.FallsDetected}");
            }
        }

        private JudgedImpact Record(FallDecision decision, long nowMicroseconds)
        {
            bool fall = decision == FallDecision.Fall;
            if (_twin is FallDetector w)
            {
                return new JudgedImpact(w.PeakSample, w.DecisionSample, nowMicroseconds, w.PeakG, w.PreImpactMinimumG, w.PreImpactSpeed,
                    w.PostureChangeDegrees, w.TiltBeforeDegrees, w.TiltAfterDegrees, w.ActivityG, fall) { PeakMicroseconds = TimeOf(w.PeakSample) };
            }

            var d = (WristFallDetector)_twin;
            return new JudgedImpact(d.PeakSample, d.DecisionSample, nowMicroseconds, d.PeakG, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN,
                float.NaN, fall) { PeakMicroseconds = TimeOf(d.PeakSample), Features = (float[])d.Features.Clone(), Score = d.Score };
        }

        // Sample indices restart after a detector reset; replays have no gaps, so they are the recorder's indices.
        private long TimeOf(long sample) => sample >= 0 && sample < _times.Count ? _times[(int)sample] : -1;
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
