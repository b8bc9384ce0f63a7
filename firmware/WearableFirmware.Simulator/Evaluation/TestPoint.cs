using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Evaluation;

/// <summary>
/// One test-point recording (a few seconds with one reference SpO2 and heart rate, e.g. OxiWear) replayed through the
/// chip model, driver and vitals: the spot check's result is the reading after the last sample.
/// </summary>
public sealed class TestPoint
{
    public TestPoint(PpgRecording recording, PpgReplayResult replay)
    {
        Recording = recording;
        Replay = replay;
    }

    public PpgRecording Recording { get; }

    public PpgReplayResult Replay { get; }

    public string Name => Recording.Name;

    public double ReferenceSpO2 => Recording.TestPointSpO2;

    public double ReferenceHeartRate => Recording.TestPointHeartRate;

    public bool HasSpO2 => Replay.Final.SpO2Valid;

    /// <summary>The ratio of ratios behind the SpO2 reading (NaN without one).</summary>
    public double Ratio => Replay.FinalRatio;

    /// <summary>SpO2 this test point reads with <paramref name="calibration"/> (NaN without a reading). The gates do
    /// not depend on the curve, so this is what the firmware reports when configured with it.</summary>
    public double SpO2With(SpO2Calibration calibration) => HasSpO2 ? SpO2Fit.Estimate(calibration, Ratio) : double.NaN;

    /// <summary>Why there is no SpO2 reading, in the estimator's terms; empty when there is one.</summary>
    public string WhyNoSpO2
    {
        get
        {
            if (HasSpO2)
            {
                return "";
            }

            VitalsReading r = Replay.Final;
            int beats = Replay.FinalSpO2Beats;
            int agreeing = Replay.FinalSpO2AgreeingBeats;
            if (r.Quality != SignalQuality.Good)
            {
                return "signal quality " + r.Quality;
            }

            return beats < 2
                ? beats + " clean beat ratio" + (beats == 1 ? "" : "s") + " (" + r.BeatCount + " beats detected)"
                : agreeing + " of " + beats + " clean beat ratios agree";
        }
    }
}
