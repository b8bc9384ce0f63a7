namespace WearableFirmware.Simulator.Evaluation.Falls;

/// <summary>
/// A trial replayed through the firmware: every judged impact, the magnitude of every sample the detector saw
/// (for plots), and the largest one with its time.
/// </summary>
public sealed record TrialRun(FallTrialInfo Trial, int RateHz, long MaxMagnitudeSample, long MaxMagnitudeMicroseconds, float MaxMagnitudeG,
    float[] Magnitudes, IReadOnlyList<JudgedImpact> Judged)
{
    /// <summary>How far (s) a detection's impact peak may lie outside a hand-set fall window and still count (the labels are approximate).</summary>
    public const double FallWindowMarginSeconds = 1.0;

    public int Samples => Magnitudes.Length;

    public double Seconds => (double)Samples / RateHz;

    public JudgedImpact? FirstFall => Judged.FirstOrDefault(j => j.IsFall);

    public int FallDecisions => Judged.Count(j => j.IsFall);

    /// <summary>True when the impact lies in the trial's fall window (always, for a trial without one).</summary>
    public bool InFallWindow(JudgedImpact j) => Trial.FallWindow is not var (start, end)
        || (j.PeakMicroseconds >= (start - FallWindowMarginSeconds) * 1e6 && j.PeakMicroseconds <= (end + FallWindowMarginSeconds) * 1e6);

    /// <summary>The first fall decision that detects this trial's fall (null for an activity trial or a miss).</summary>
    public JudgedImpact? FirstDetection => Trial.IsFall ? Judged.FirstOrDefault(j => j.IsFall && InFallWindow(j)) : null;

    public bool Detected => FirstDetection != null;

    /// <summary>Fall decisions of a fall trial away from its fall (walking before it, getting up after it).</summary>
    public int AlarmsOutsideFall => Trial.IsFall ? Judged.Count(j => j.IsFall && !InFallWindow(j)) : 0;

    /// <summary>
    /// Seconds from the impact to the tick that raised the alarm: from the detected impact's peak where the data set
    /// marks the fall, else (SisFall) from the trial's largest magnitude.
    /// </summary>
    public double? LatencySeconds => FirstDetection is { } f
        ? (f.DecisionMicroseconds - (Trial.FallWindow != null ? f.PeakMicroseconds : MaxMagnitudeMicroseconds)) / 1e6 : null;
}
