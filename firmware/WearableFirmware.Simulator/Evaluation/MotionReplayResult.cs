using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Evaluation;

/// <summary>What the firmware showed at the end of each SP Cup window.</summary>
public sealed class MotionReplayResult
{
    public required SpCupRecording Recording { get; init; }

    /// <summary>End of each scored window (s).</summary>
    public required double[] Times { get; init; }

    public required VitalsReading[] Readings { get; init; }

    /// <summary>Step rate the firmware's accelerometer path saw (steps/min, 0 = none).</summary>
    public required double[] StepRates { get; init; }

    /// <summary>True while the firmware considered the wearer moving.</summary>
    public required bool[] Moving { get; init; }

    /// <summary>The motion estimator's acceleration level (g rms, gravity removed).</summary>
    public required double[] MotionLevels { get; init; }

    /// <summary>True while the spectral track had been anchored by beats at rest.</summary>
    public required bool[] Anchored { get; init; }

    /// <summary>Gain applied to the recorded acceleration so that it reads 1 g where the wrist is stillest.</summary>
    public required double AccelerationGain { get; init; }

    public required long PpgSamplesLost { get; init; }

    public required long MotionSamplesLost { get; init; }
}
