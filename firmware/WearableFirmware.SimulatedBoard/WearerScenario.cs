using WearableFirmware.Application;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Falls;

namespace WearableFirmware.SimulatedBoard;

/// <summary>
/// What the simulated wearer does and how their body responds, as one timeline: each step sets the activity (the
/// accelerometer's motion) and the physiology the PPG carries (heart rate, SpO2, perfusion, motion artefact,
/// on or off the skin). Heart rate and SpO2 move towards each step's values gradually, as a body does.
/// </summary>
public sealed class WearerScenario
{
    private readonly MotionScenario.Builder _motion;
    private readonly List<Step> _steps = new();
    private readonly List<(double Seconds, ButtonPress Press)> _presses = new();
    private double _seconds;
    private PpgRecording? _recording;

    public WearerScenario(int seed, SensorPlacement placement = SensorPlacement.Wrist)
    {
        Seed = seed;
        Placement = placement;
        _motion = MotionScenario.Create(placement, seed, WearerPose.Sitting);
    }

    public int Seed { get; }

    /// <summary>Where the device sits: the wrist by default, as the product is worn (the firmware's default placement).</summary>
    public SensorPlacement Placement { get; }

    public double DurationSeconds => _seconds;

    /// <summary>Button presses the wearer makes, at scenario times (the board queues them on its button).</summary>
    public IReadOnlyList<(double Seconds, ButtonPress Press)> Presses => _presses;

    /// <summary>Named moments (activity starts) for the report.</summary>
    public IReadOnlyList<(double Seconds, string Name)> Timeline => _steps.Select(s => (s.Start, s.Name)).ToList();

    private sealed record Step(double Start, double End, string Name, float HeartRate, float SpO2, float Perfusion, float Motion, bool OnSkin,
        float MotionHz = SyntheticPpgSignal.DefaultMotionHz, bool Gait = false);

    public WearerScenario Sit(double seconds, float heartRate = 68, float spo2 = 97.5f) =>
        Add("sit", seconds, heartRate, spo2, 2.0f, 0f, true, () => _motion.Hold(seconds, WearerPose.Sitting));

    public WearerScenario Stand(double seconds, float heartRate = 75, float spo2 = 97.5f) =>
        Add("stand", seconds, heartRate, spo2, 1.8f, 0f, true, () => _motion.Hold(seconds, WearerPose.Standing));

    /// <summary>Walking; the PPG's motion artefact comes at the gait's step rate.</summary>
    public WearerScenario Walk(double seconds, float heartRate = 98, float spo2 = 97f) =>
        Add("walk", seconds, heartRate, spo2, 1.6f, 0.02f, true, () => _motion.Walk(seconds), gait: true);

    public WearerScenario Run(double seconds, float heartRate = 140, float spo2 = 96.5f) =>
        Add("run", seconds, heartRate, spo2, 1.4f, 0.05f, true, () => _motion.Run(seconds), gait: true);

    public WearerScenario SitDown() => Transition("sit down", 2.0, () => _motion.SitDown());

    public WearerScenario StandUp() => Transition("stand up", 2.0, () => _motion.StandUp());

    /// <summary>A fall, then lying still for <paramref name="lieSeconds"/> (the alert fires unless cancelled).</summary>
    public WearerScenario Fall(FallDirection direction, double lieSeconds, float heartRate = 110)
    {
        double fallSeconds = MeasureMotion(() => _motion.Fall(direction));
        Add("fall", fallSeconds, heartRate, 97f, 1.5f, 0.05f, true, null);
        return Add("lying", lieSeconds, heartRate, 97f, 1.5f, 0f, true, () => _motion.Hold(lieSeconds));
    }

    /// <summary>The "I'm OK" double tap.</summary>
    public WearerScenario DoubleTap() => Transition("double tap", 0, () => _motion.DoubleTap());

    /// <summary>A desaturation (e.g. sleep apnoea or altitude): SpO2 drifts to <paramref name="spo2"/>.</summary>
    public WearerScenario Desaturate(double seconds, float spo2, float heartRate = 80) =>
        Add("desaturation", seconds, heartRate, spo2, 1.8f, 0f, true, () => _motion.Hold(seconds, WearerPose.Sitting));

    /// <summary>The band taken off the wrist: no contact, ambient light reaches the photodiode.</summary>
    public WearerScenario OffWrist(double seconds) =>
        Add("off wrist", seconds, 70, 97f, 0f, 0f, false, () => _motion.Hold(seconds));

    /// <summary>The band slips off the wrist unnoticed (the same light as taking it off; named for the report).</summary>
    public WearerScenario SensorFallsOff(double seconds) =>
        Add("sensor falls off", seconds, 70, 97f, 0f, 0f, false, () => _motion.Hold(seconds));

    /// <summary>A fast heart rate at rest (e.g. an arrhythmia): the rate drifts to <paramref name="heartRate"/> while sitting.</summary>
    public WearerScenario Tachycardia(double seconds, float heartRate) =>
        Add("tachycardia", seconds, heartRate, 97.5f, 1.8f, 0f, true, () => _motion.Hold(seconds, WearerPose.Sitting));

    /// <summary>The wearer presses the button now (short: pause or acknowledge an alarm, cancel a fall; long: emergency).</summary>
    public WearerScenario Press(ButtonPress press = ButtonPress.Short)
    {
        _presses.Add((_seconds, press));
        return this;
    }

    /// <summary>The accelerometer source for the ADXL345 model, with sensor noise.</summary>
    public IMotionSource BuildMotion() => _motion.BuildWithNoise(0.01, Seed);

    /// <summary>The PPG source for the MAX30102 model: the timeline's synthetic pulse, or the recording.</summary>
    public IPpgSignal BuildPpg() => _recording != null ? new RecordingPpg(_recording) : new TimelinePpg(this);

    /// <summary>The recorded PPG this scenario plays, or null for a synthetic one.</summary>
    public PpgRecording? Recording => _recording;

    /// <summary>Steps per minute the wearer takes at a time (s), 0 when not walking or running: the cadence's truth.</summary>
    public double StepsPerMinuteAt(double seconds)
    {
        Step step = At(seconds);
        return step.Gait ? 60.0 * step.MotionHz : 0;
    }

    /// <summary>The step at a time (the last one after the end).</summary>
    private Step At(double seconds)
    {
        foreach (Step s in _steps)
        {
            if (seconds < s.End)
            {
                return s;
            }
        }

        return _steps[^1];
    }

    private WearerScenario Transition(string name, double seconds, Action motion)
    {
        Step last = _steps.Count > 0 ? _steps[^1] : new Step(0, 0, "start", 70, 97.5f, 2f, 0, true);
        double measured = MeasureMotion(motion);
        return Add(name, Math.Max(seconds, measured), last.HeartRate, last.SpO2, last.Perfusion, 0.03f, true, null);
    }

    private double MeasureMotion(Action motion)
    {
        double before = _motion.Build().DurationMicroseconds / 1e6;
        motion();
        return _motion.Build().DurationMicroseconds / 1e6 - before;
    }

    private WearerScenario Add(string name, double seconds, float heartRate, float spo2, float perfusion, float motion, bool onSkin, Action? motionStep,
        bool gait = false)
    {
        if (seconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds));
        }

        motionStep?.Invoke();
        float motionHz = gait ? (float)_motion.LastStepHz : SyntheticPpgSignal.DefaultMotionHz;
        _steps.Add(new Step(_seconds, _seconds + seconds, name, heartRate, spo2, perfusion, motion, onSkin, motionHz, gait));
        _seconds += seconds;
        return this;
    }

    /// <summary>
    /// A recorded PPG played from power-on as the light on the MAX30102 (the wearer sits still for its length); the
    /// truth is the recording's reference (chest strap, or the oximeters' pulse rate and SpO2).
    /// </summary>
    public static WearerScenario Recorded(PpgRecording recording, int seed)
    {
        var scenario = new WearerScenario(seed).Sit(recording.DurationSeconds);
        scenario._recording = recording;
        return scenario;
    }

    /// <summary>The default run: two minutes of rest, a walk and sitting down again.</summary>
    public static WearerScenario RestWalkSit(int seed) =>
        new WearerScenario(seed).Sit(40).StandUp().Walk(45).SitDown().Sit(31);

    /// <summary>A fall during a walk; the wearer lies still and the alert goes to the phone.</summary>
    public static WearerScenario FallNotCancelled(int seed) =>
        new WearerScenario(seed).Sit(20).StandUp().Walk(20).Fall(FallDirection.Forward, 50);

    /// <summary>A fall the wearer cancels with a double tap inside the cancel window.</summary>
    public static WearerScenario FallCancelled(int seed) =>
        new WearerScenario(seed).Sit(20).StandUp().Walk(20).Fall(FallDirection.Sideways, 8).DoubleTap().Sit(30);

    /// <summary>
    /// Resting, then a desaturation towards 80 % for 90 s (SpO2 below 90 % from about 37 s, below 85 % from about
    /// 45 s: a medium, then a high SpO2 alarm), recovery (the high alarm latches when SpO2 is back), and the wearer
    /// acknowledging it with a short press at 165 s.
    /// </summary>
    public static WearerScenario Desaturation(int seed) =>
        new WearerScenario(seed).Sit(30).Desaturate(90, 80).Sit(45, 70, 97.5f).Press().Sit(15, 70, 97.5f);

    /// <summary>
    /// Resting, then the heart rate climbs to 135 bpm (above 120 from about 42 s: medium), the wearer pauses the alarm
    /// at 70 s, the rate climbs on to 155 (above 140 from about 87 s: high, sounding through the pause), falls back to
    /// 75 (the high alarm latches) and the wearer acknowledges it at 150 s.
    /// </summary>
    public static WearerScenario TachycardiaAtRest(int seed) =>
        new WearerScenario(seed).Sit(30, 70).Tachycardia(40, 135).Press().Tachycardia(15, 135).Tachycardia(35, 155).Sit(30, 75).Press().Sit(10, 75);

    /// <summary>Resting; the band slips off at 40 s and stays off for 40 s (sensor-off alarm), then is put back on.</summary>
    public static WearerScenario SensorOff(int seed) =>
        new WearerScenario(seed).Sit(40).SensorFallsOff(40).Sit(40);

    /// <summary>
    /// PPG physiology following the scenario. Heart rate and SpO2 approach each step's value with a first-order lag
    /// (time constants of about 8 s and 12 s), which is what the estimators' step-response tests assume.
    /// </summary>
    private sealed class TimelinePpg : IPpgSignal
    {
        private const double HeartRateTau = 8.0;
        private const double SpO2Tau = 12.0;
        private readonly WearerScenario _scenario;
        private readonly SyntheticPpgSignal _signal;
        private readonly MotionScenario _motion;
        private System.Numerics.Vector3 _gravity;
        private double _lastSeconds = -1;
        private double _lastSecondsBefore = -1;
        private double _heartRate;
        private double _spo2;

        public TimelinePpg(WearerScenario scenario)
        {
            _scenario = scenario;
            _signal = new SyntheticPpgSignal(scenario.Seed);
            // The PPG's motion artefact comes from the same motion the accelerometer feels.
            _motion = scenario._motion.Build();
            _gravity = _motion.AccelerationAt(0);
            Step first = scenario._steps[0];
            _heartRate = first.HeartRate;
            _spo2 = first.SpO2;
        }

        public void Sample(long timeMicroseconds, out float redNanoampsPerMilliamp, out float irNanoampsPerMilliamp, out float ambientNanoamps)
        {
            double seconds = timeMicroseconds / 1e6;
            Step step = _scenario.At(seconds);
            if (_lastSeconds >= 0 && seconds > _lastSeconds)
            {
                double dt = seconds - _lastSeconds;
                _heartRate += (step.HeartRate - _heartRate) * (1 - Math.Exp(-dt / HeartRateTau));
                _spo2 += (step.SpO2 - _spo2) * (1 - Math.Exp(-dt / SpO2Tau));
            }

            _lastSeconds = seconds;
            _signal.HeartRateBpm = (float)_heartRate;
            _signal.SpO2Percent = (float)_spo2;
            _signal.OnSkin = step.OnSkin;
            if (step.OnSkin)
            {
                _signal.PerfusionIndexPercent = step.Perfusion;
            }

            _signal.MotionFraction = step.Motion;
            _signal.MotionHz = step.MotionHz;
            System.Numerics.Vector3 a = _motion.AccelerationAt(timeMicroseconds);
            // Gravity as a 1-s low-pass of the acceleration; what is left is the arm's movement.
            double lag = _lastSecondsBefore >= 0 ? Math.Min(1, (seconds - _lastSecondsBefore) / 1.0) : 1;
            _gravity += (float)lag * (a - _gravity);
            _lastSecondsBefore = seconds;
            _signal.MotionAccelerationG = a - _gravity;
            _signal.Sample(timeMicroseconds, out redNanoampsPerMilliamp, out irNanoampsPerMilliamp, out ambientNanoamps);
        }

        /// <summary>The true values at the last sample (for the report's error columns).</summary>
        public (double HeartRate, double SpO2, bool OnSkin) Truth => (_heartRate, _spo2, _signal.OnSkin);
    }

    /// <summary>The recording as light, remembering when it was last sampled so its reference can be looked up.</summary>
    private sealed class RecordingPpg(PpgRecording recording) : IPpgSignal
    {
        private readonly RecordedPpgSignal _light = recording.ToSignal();
        private double _lastSeconds;

        public void Sample(long timeMicroseconds, out float redNanoampsPerMilliamp, out float irNanoampsPerMilliamp, out float ambientNanoamps)
        {
            _lastSeconds = timeMicroseconds / 1e6;
            _light.Sample(timeMicroseconds, out redNanoampsPerMilliamp, out irNanoampsPerMilliamp, out ambientNanoamps);
        }

        public (double HeartRate, double SpO2, bool OnSkin) Truth =>
            (recording.ReferenceHeartRate(_lastSeconds, PpgRecording.ReferenceWindowSeconds), recording.ReferenceSpO2At(_lastSeconds), true);
    }

    /// <summary>The truth the PPG source carried at its last sample, or null if <paramref name="ppg"/> is not one.</summary>
    public static (double HeartRate, double SpO2, bool OnSkin)? TruthOf(IPpgSignal ppg) => ppg switch
    {
        TimelinePpg t => t.Truth,
        RecordingPpg r => r.Truth,
        _ => null,
    };
}
