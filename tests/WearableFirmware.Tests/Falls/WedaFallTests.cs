using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Falls;
using WearableFirmware.Simulator.Evaluation.Falls;
using WearableFirmware.Tests.Repository;
using Xunit;

namespace WearableFirmware.Tests.Falls;

/// <summary>
/// The wrist detector on WEDA-FALL (a smartwatch on the wrist) through the eval-falls replay: chip model at the
/// firmware's rate, driver, sampling loop, AccelerometerProcessingStage. Fixed trials get the decisions eval-falls reports
/// (including known misses and false alarms), and the shipped model is what tune-falls fits on this data. Skips
/// visibly when the data set is not beside the repo.
/// </summary>
public class WedaFallTests
{
    private static string Root => Path.Combine(RepoPaths.SharedData, "wrist-falls", "weda-fall");

    private static IReadOnlyList<WedaTrialInfo> Trials()
    {
        Skip.IfNot(Directory.Exists(Root), "WEDA-FALL development data not found at " + Root + " (see ../shared/data/README.md)");
        return WedaTrialInfo.Discover(Root);
    }

    [SkippableTheory]
    [InlineData("F01/U01_R01", true)]  // forward slip while walking
    [InlineData("F03/U07_R01", true)]  // backward slip, a second hit 0.8 s after the first
    [InlineData("F07/U02_R02", true)]  // backward from a chair (fainting)
    [InlineData("F08/U01_R02", true)]  // sideways from a chair
    [InlineData("F05/U07_R02", false)] // known miss: falling back while sitting down, 2.7 g and little movement after
    [InlineData("D02/U01_R01", false)] // jogging, 5.4 g strides
    [InlineData("D09/U21_R01", false)] // an elderly user hitting a table
    [InlineData("D10/U22_R01", false)] // an elderly user clapping, 4 g
    [InlineData("D01/U03_R01", false)] // walking
    [InlineData("D09/U01_R02", true)]  // known false alarm: a hand slapped on a table after raising the arm, forearm turned 58°
    public void Fixed_trials_get_the_decisions_the_evaluation_reports(string name, bool expectAlarm)
    {
        WedaTrialInfo trial = Trials().Single(t => t.Name == name);

        TrialRun run = FallTrialRunner.Run(trial, FallDetectorSetup.ForWrist(FallSensing.WristDetectorSettings()),
            FallSensing.AccelerometerSettings(), ReplayOptions.AsRecorded);

        Assert.Equal(expectAlarm, run.FallDecisions > 0);
        if (trial.IsFall)
        {
            Assert.Equal(expectAlarm, run.Detected); // the alarm's impact lies in the marked fall
        }

        if (run.Detected)
        {
            Assert.InRange(run.LatencySeconds!.Value, 2.4, 2.5); // 2.4 s after the impact's peak, plus the tick
        }
    }

    [SkippableFact]
    public void An_impact_just_before_the_recording_ends_is_judged_and_the_continuation_is_not_counted_as_trial_time()
    {
        // D09/U04_R02: the hand hits the table 2.2 s before the recording stops, less than the detector's 2.4 s wait.
        WedaTrialInfo trial = Trials().Single(t => t.Name == "D09/U04_R02");
        double duration = WedaFallTrial.Load(trial.Path).DurationSeconds;

        TrialRun run = FallTrialRunner.Run(trial, FallDetectorSetup.ForWrist(FallSensing.WristDetectorSettings()),
            FallSensing.AccelerometerSettings(), ReplayOptions.AsRecorded);

        Assert.Contains(run.Judged, j => j.PeakMicroseconds / 1e6 > duration - WristFallFeatures.SecondsAfterPeak && j.PeakMicroseconds / 1e6 <= duration);
        Assert.InRange(run.Seconds, duration - 0.1, duration + 0.1);
    }

    [SkippableFact]
    public void The_shipped_model_is_what_tune_falls_fits_on_this_data()
    {
        IReadOnlyList<WedaTrialInfo> trials = Trials();

        TrialRun[] runs = WristFallTuning.Replay(trials, ReplayOptions.AsRecorded, FallSensing.SampleRateHz, "replaying WEDA-FALL");
        LogisticRegression fitted = WristFallTuning.Fit(runs);

        for (int i = 0; i < WristFallFeatures.Count; i++)
        {
            Assert.Equal(WristFallModelCoefficients.Means[i], fitted.Means[i], 4);
            Assert.Equal(WristFallModelCoefficients.Scales[i], fitted.Scales[i], 4);
            Assert.Equal(WristFallModelCoefficients.Weights[i], fitted.Weights[i], 4);
        }

        Assert.Equal(WristFallModelCoefficients.Bias, fitted.Bias, 4);
    }
}
