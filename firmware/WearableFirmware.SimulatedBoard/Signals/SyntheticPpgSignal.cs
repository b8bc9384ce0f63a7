namespace WearableFirmware.SimulatedBoard.Signals;

/// <summary>
/// Deterministic physiological PPG for the MAX30102 model (same seed and settings, same signal).
/// <para>
/// Each beat is a fixed pulse shape p(φ) in [0, 1] (fast systolic rise, slower fall with a dicrotic bump); beat
/// lengths follow the heart rate with respiratory sinus arrhythmia and Gaussian beat-to-beat variability. Light
/// returned per mA of drive is DC · (1 + baseline respiration) · (1 − m · p · (1 + amplitude respiration)), with
/// m_ir = perfusion index / 100 and m_red = R · m_ir, where R comes from the calibration for the
/// requested SpO2 through <see cref="Calibration"/>. The DC level is therefore the diastolic (p = 0) level, so (peak-to-peak / diastolic) of red over
/// IR is exactly R when noise and motion are off. Motion adds a common-mode disturbance, off-skin leaves only light
/// leakage and lets ambient light in. Settings may change during a run (e.g. take the sensor off the skin).
/// </para>
/// </summary>
public sealed class SyntheticPpgSignal : IPpgSignal
{
    /// <summary>IR light returned by a wrist or fingertip, nA per mA of drive (default <see cref="IrDcNanoampsPerMilliamp"/>).</summary>
    public const float TypicalIrDcNanoampsPerMilliamp = 900f;

    /// <summary>Red light returned, nA per mA (default <see cref="RedDcNanoampsPerMilliamp"/>).</summary>
    public const float TypicalRedDcNanoampsPerMilliamp = 550f;

    private readonly Random _random;
    private readonly double _motionPhase1;
    private readonly double _motionPhase2;
    private long _beatStart;
    private long _beatLength = -1;
    private long _lastTime = long.MinValue;

    public SyntheticPpgSignal(int seed)
    {
        _random = new Random(seed);
        _motionPhase1 = _random.NextDouble() * 2 * Math.PI;
        _motionPhase2 = _random.NextDouble() * 2 * Math.PI;
    }

    /// <summary>Mean heart rate in beats per minute (20..250).</summary>
    public float HeartRateBpm { get; set; } = 72f;

    /// <summary>Standard deviation of beat-to-beat interval changes in ms (0 = metronome).</summary>
    public float BeatToBeatSdMilliseconds { get; set; } = 25f;

    /// <summary>Breaths per minute (0 = no respiration).</summary>
    public float RespiratoryRateBpm { get; set; } = 15f;

    /// <summary>Respiratory sinus arrhythmia: fractional change of beat length over a breath.</summary>
    public float RespiratorySinusArrhythmia { get; set; } = 0.03f;

    /// <summary>Fractional baseline (DC) wander with breathing, same on both LEDs.</summary>
    public float RespiratoryBaselineFraction { get; set; } = 0.01f;

    /// <summary>Fractional pulse-amplitude change with breathing, same on both LEDs.</summary>
    public float RespiratoryAmplitudeFraction { get; set; } = 0.1f;

    /// <summary>Arterial saturation the signal encodes through R (%, 70..100).</summary>
    public float SpO2Percent { get; set; } = 97f;

    /// <summary>
    /// The curve that turns <see cref="SpO2Percent"/> into R: by default the firmware's own device calibration, so
    /// the simulated sensor is "calibrated" and an SpO2 error measures the estimator, not the curve.
    /// </summary>
    public WearableFirmware.Vitals.SpO2Calibration Calibration { get; set; } = WearableFirmware.Vitals.SpO2Calibration.Max3010xMaxim();

    /// <summary>Perfusion index: IR pulse amplitude as % of the IR DC level (0..20; 0 = skin without a pulse, e.g. an occluded finger).</summary>
    public float PerfusionIndexPercent { get; set; } = 2f;

    /// <summary>IR light returned on skin, nA of photocurrent per mA of drive (diastolic level).</summary>
    public float IrDcNanoampsPerMilliamp { get; set; } = TypicalIrDcNanoampsPerMilliamp;

    /// <summary>Red light returned on skin, nA per mA (lower than IR: more absorption, lower diode responsivity).</summary>
    public float RedDcNanoampsPerMilliamp { get; set; } = TypicalRedDcNanoampsPerMilliamp;

    /// <summary>Ambient photocurrent in nA reaching the photodiode on skin.</summary>
    public float AmbientNanoamps { get; set; }

    /// <summary>Ambient photocurrent in nA once the sensor is off the skin.</summary>
    public float OffSkinAmbientNanoamps { get; set; } = 2000f;

    /// <summary>Share of the on-skin DC that still leaks to the photodiode off skin.</summary>
    public float OffSkinLeakFraction { get; set; } = 0.02f;

    /// <summary>White noise, standard deviation as a fraction of each DC level.</summary>
    public float NoiseFraction { get; set; } = 0.0005f;

    /// <summary>Motion artefact amplitude as a fraction of each DC level (0 = still).</summary>
    public float MotionFraction { get; set; }

    /// <summary>Main frequency of the motion artefact (Hz): the step rate while walking or running.</summary>
    public float MotionHz { get; set; } = DefaultMotionHz;

    /// <summary>
    /// Acceleration of the sensor with gravity removed (g), set before each sample by a source that knows the
    /// wearer's motion; null = none known, the artefact is then the fixed two-tone of <see cref="MotionHz"/>. When set,
    /// the artefact follows it: the blood under the sensor and the sensor's seat move with the arm (linear in the
    /// acceleration along the strap, across it and into the skin) and venous blood sloshes (a square term, which adds
    /// harmonics), so it comes at the arm swing's and the steps' rates and their harmonics, like the accelerometer's.
    /// <see cref="MotionFraction"/> is then the artefact per <see cref="ArtefactReferenceG"/> of acceleration.
    /// </summary>
    public System.Numerics.Vector3? MotionAccelerationG { get; set; }

    /// <summary>Acceleration that gives an artefact of <see cref="MotionFraction"/>.</summary>
    public const float ArtefactReferenceG = 0.5f;

    /// <summary>Artefact frequency when no gait sets it (a wrist moving about).</summary>
    public const float DefaultMotionHz = 1.7f;

    /// <summary>False once the sensor has been taken off the skin.</summary>
    public bool OnSkin { get; set; } = true;

    /// <summary>The ratio of ratios encoded for the current <see cref="SpO2Percent"/>.</summary>
    public float RatioOfRatios => Calibration.RatioFor(SpO2Percent);

    /// <summary>Where in a beat the systolic peak (most light absorbed) falls.</summary>
    public const double SystolicPeakPhase = 0.15;

    /// <summary>Raised when a beat is generated, with the time of its systolic peak in µs (the truth for beat timing tests).</summary>
    public event Action<long>? BeatGenerated;

    /// <summary>Pulse shape over one beat, φ in [0, 1): 0 at both ends, 1 at the systolic peak (φ = <see cref="SystolicPeakPhase"/>).</summary>
    public static float PulseShape(double phase)
    {
        if (phase <= 0 || phase >= 1)
        {
            return 0f;
        }

        if (phase < SystolicPeakPhase)
        {
            return (float)(0.5 * (1 - Math.Cos(Math.PI * phase / SystolicPeakPhase)));
        }

        double fall = 1 - (phase - SystolicPeakPhase) / (1 - SystolicPeakPhase);
        double value = fall * fall;
        if (phase > 0.35 && phase < 0.6)
        {
            double s = Math.Sin(Math.PI * (phase - 0.35) / 0.25);
            value += 0.15 * s * s;
        }

        return (float)value;
    }

    public void Sample(long timeMicroseconds, out float redNanoampsPerMilliamp, out float irNanoampsPerMilliamp, out float ambientNanoamps)
    {
        Validate();
        if (timeMicroseconds < _lastTime)
        {
            throw new ArgumentOutOfRangeException(nameof(timeMicroseconds), timeMicroseconds, "signal time went backwards");
        }

        _lastTime = timeMicroseconds;
        double seconds = timeMicroseconds / 1e6;
        double breath = RespiratoryRateBpm > 0 ? Math.Sin(2 * Math.PI * RespiratoryRateBpm / 60.0 * seconds) : 0;
        double pulse = PulseShape(BeatPhase(timeMicroseconds, breath));

        if (!OnSkin)
        {
            redNanoampsPerMilliamp = (float)(RedDcNanoampsPerMilliamp * OffSkinLeakFraction * (1 + NoiseFraction * Gaussian()));
            irNanoampsPerMilliamp = (float)(IrDcNanoampsPerMilliamp * OffSkinLeakFraction * (1 + NoiseFraction * Gaussian()));
            ambientNanoamps = OffSkinAmbientNanoamps;
            return;
        }

        double irDepth = PerfusionIndexPercent / 100.0;
        double redDepth = RatioOfRatios * irDepth;
        double amplitude = 1 + RespiratoryAmplitudeFraction * breath;
        double baseline = 1 + RespiratoryBaselineFraction * breath;
        double motion = MotionFraction > 0 && MotionAccelerationG is { } a
            ? MotionFraction * (0.7 * a.X + 0.5 * a.Y + 0.4 * a.Z + 0.6 * (a.LengthSquared() - ArtefactReferenceG * ArtefactReferenceG) / ArtefactReferenceG) / ArtefactReferenceG
            : MotionFraction > 0
            ? MotionFraction * (0.6 * Math.Sin(2 * Math.PI * MotionHz * seconds + _motionPhase1)
                + 0.4 * Math.Sin(2 * Math.PI * MotionHz * (3.1 / 1.7) * seconds + _motionPhase2)) // 1.7 and 3.1 Hz by default
            : 0;

        redNanoampsPerMilliamp = (float)(RedDcNanoampsPerMilliamp * (baseline * (1 - redDepth * pulse * amplitude) + motion + NoiseFraction * Gaussian()));
        irNanoampsPerMilliamp = (float)(IrDcNanoampsPerMilliamp * (baseline * (1 - irDepth * pulse * amplitude) + motion + NoiseFraction * Gaussian()));
        ambientNanoamps = AmbientNanoamps;
    }

    private double BeatPhase(long time, double breath)
    {
        if (_beatLength < 0)
        {
            _beatStart = time;
            _beatLength = NextBeatLength(breath);
            BeatGenerated?.Invoke(_beatStart + (long)(SystolicPeakPhase * _beatLength));
        }

        while (time >= _beatStart + _beatLength)
        {
            _beatStart += _beatLength;
            _beatLength = NextBeatLength(breath);
            BeatGenerated?.Invoke(_beatStart + (long)(SystolicPeakPhase * _beatLength));
        }

        return (time - _beatStart) / (double)_beatLength;
    }

    private long NextBeatLength(double breath)
    {
        double meanMs = 60000.0 / HeartRateBpm;
        double ms = meanMs * (1 + RespiratorySinusArrhythmia * breath) + BeatToBeatSdMilliseconds * Gaussian();
        return (long)(Math.Max(ms, 250.0) * 1000);
    }

    private double Gaussian()
    {
        // Box-Muller; 1 - NextDouble() keeps the logarithm finite.
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private void Validate()
    {
        if (!(HeartRateBpm >= 20 && HeartRateBpm <= 250))
        {
            throw new ArgumentOutOfRangeException(nameof(HeartRateBpm), HeartRateBpm, "heart rate must be 20..250 bpm");
        }

        if (!(SpO2Percent >= 70 && SpO2Percent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(SpO2Percent), SpO2Percent, "SpO2 must be 70..100 % (the linear calibration curve's range)");
        }

        if (!(PerfusionIndexPercent >= 0 && PerfusionIndexPercent <= 20))
        {
            throw new ArgumentOutOfRangeException(nameof(PerfusionIndexPercent), PerfusionIndexPercent, "perfusion index must be 0..20 %");
        }

        if (!(RespiratoryRateBpm >= 0 && RespiratoryRateBpm <= 60) || !(BeatToBeatSdMilliseconds >= 0) || !(MotionFraction >= 0) || !(NoiseFraction >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(RespiratoryRateBpm), "respiration 0..60 /min; variability, motion and noise must be non-negative");
        }
    }
}
