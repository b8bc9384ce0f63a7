using WearableFirmware.Falls;
using WearableFirmware.Simulator.Evaluation.Falls;
using WearableFirmware.Tests.Repository;
using Xunit;

namespace WearableFirmware.Tests.Falls;

/// <summary>
/// A few fixed SisFall trials (waist-worn recordings) through the same replay as eval-falls: ADXL345 chip model at
/// the firmware's rate, driver, sampling loop, AccelerometerDrain + AccelerometerProcessingStage, default detector. Expectations are the
/// decisions eval-falls reports on the development set, including the known misses and false alarms, so a change
/// in the detector or the sensor path that moves any of them shows up here. Skips visibly when the data set is not
/// beside the repo.
/// </summary>
public class SisFallSubsetTests
{
    private static string Root => Path.Combine(RepoPaths.SharedData, "sisfall-dev");

    [SkippableTheory]
    [InlineData("F01_SA01_R01", true)]  // forward slip while walking
    [InlineData("F03_SA02_R02", true)]  // lateral slip
    [InlineData("F05_SA03_R03", true)]  // trip while jogging
    [InlineData("F08_SA04_R05", true)]  // forward when trying to get up
    [InlineData("F14_SA05_R01", true)]  // backward while sitting (fainting)
    [InlineData("F07_SE06_R03", true)]  // elderly judoka, soft fall (1.9 g after the chip) with hands on a table
    [InlineData("F13_SA01_R02", false)] // known miss: slumping forward from a chair, 2.0 g and almost no free fall
    [InlineData("D01_SA01_R01", false)] // 100 s slow walking
    [InlineData("D19_SA01_R01", false)] // jump, 3.0 g landing after the chip, upright after
    [InlineData("D11_SA02_R02", false)] // collapse into a chair, 3.8 g
    [InlineData("D18_SE06_R03", false)] // stumble, 3.3 g
    [InlineData("D13_SA03_R03", false)] // lying down quickly
    [InlineData("D10_SA02_R02", true)]  // known false alarm: quick sit on a low chair, 52 degrees back, 1.2 m/s drop
    [InlineData("D13_SA08_R04", true)]  // known false alarm: lying down fast onto the bed, 2.2 g with free fall
    public void Fixed_trials_get_the_decisions_the_evaluation_reports(string name, bool expectFall)
    {
        Skip.IfNot(Directory.Exists(Root), "SisFall development data not found at " + Root + " (see ../shared/data/README.md)");
        string[] parts = name.Split('_');
        string path = Path.Combine(Root, parts[1], name + ".txt");
        Skip.IfNot(File.Exists(path), "trial file missing: " + path);
        var trial = new SisFallTrialInfo(path, parts[0], parts[1], parts[2]);

        TrialRun run = FallTrialRunner.Run(trial, FallSensing.DetectorSettings(), FallSensing.AccelerometerSettings());

        Assert.Equal(expectFall, run.FallDecisions > 0);
        if (expectFall && trial.IsFall)
        {
            Assert.InRange(run.LatencySeconds!.Value, 1.5, 5.0); // settle + confirmation after the last impact
        }
    }
}
