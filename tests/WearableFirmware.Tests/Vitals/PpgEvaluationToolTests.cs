using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.SimulatedBoard.Vitals;
using WearableFirmware.Simulator.Evaluation;
using WearableFirmware.Vitals;
using Xunit;

namespace WearableFirmware.Tests.Vitals;

/// <summary>The host side of the evaluation: loader, calibration file and fit, on small files written here.</summary>
public class PpgEvaluationToolTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vitals-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void WelltoryRecordIsResampledAndItsBeatsAccumulated()
    {
        string record = Path.Combine(_dir, "subject_99");
        Directory.CreateDirectory(record);
        // Irregular frame times (ms); R ramps 100 -> 110 over 1 s.
        File.WriteAllText(Path.Combine(record, "PPG.csv"), "time,R,G,B\n0,100,0,0\n400,104,0,0\n1000,110,0,0\n");
        File.WriteAllText(Path.Combine(record, "RR.txt"), "1000 800 1200 ");
        PpgRecording rec = PpgRecording.LoadWelltory(record, 100);
        Assert.Equal(101, rec.Red.Length);
        Assert.Equal(100_000f, rec.Red[0]);
        Assert.Equal(102_000f, rec.Red[20], 1);   // halfway between 0 and 400 ms
        Assert.Equal(107_000f, rec.Red[70], 1);   // halfway between 400 and 1000 ms
        Assert.Equal(new[] { 0, 1.0, 1.8, 3.0 }, rec.ReferenceBeatTimes);
        // Reference HR at 3 s over 8 s: 3 intervals in 3 s = 60 bpm.
        Assert.Equal(60, rec.ReferenceHeartRate(3.0, 8), 6);
    }

    [Fact]
    public void MalformedRecordingNamesTheFileAndLine()
    {
        string record = Path.Combine(_dir, "subject_98");
        Directory.CreateDirectory(record);
        File.WriteAllText(Path.Combine(record, "PPG.csv"), "time,R,G,B\n0,100,0,0\n33,abc,0,0\n");
        File.WriteAllText(Path.Combine(record, "RR.txt"), "1000");
        var e = Assert.Throws<InvalidDataException>(() => PpgRecording.LoadWelltory(record, 100));
        Assert.Contains("PPG.csv:3", e.Message);
    }

    [Fact]
    public void OximetryReferenceAveragesTheReportingOximeters()
    {
        string ppg = Path.Combine(_dir, "p.csv");
        File.WriteAllLines(ppg, new[] { "R,G,B" }.Concat(Enumerable.Range(0, 90).Select(i => "40,80,45")));
        string gt = Path.Combine(_dir, "g.csv");
        File.WriteAllText(gt, "\uFEFFTime,SpO2 1,SpO2 2,SpO2 3,SpO2 4,SpO2 5,Pulse 1,Pulse 2,Pulse 3,Pulse 4,Pulse 5,x,,,\n"
            + " 23:59:59,97,95,0,0,96,60,62,0,0,61,1,,,\n"
            + " 00:00:00,90,0,0,92,,70,0,0,72,,1,,,\n"
            + "Collection Halted\n");
        PpgRecording rec = PpgRecording.LoadOximetry(ppg, gt, "1", "Left", 100, 'G');
        Assert.Equal(new[] { 0.0, 1.0 }, rec.ReferenceTimes);  // across midnight
        Assert.Equal(96, rec.ReferenceSpO2At(0.5), 6);          // 0 means "no value" and is left out
        Assert.Equal(91, rec.ReferenceSpO2At(1.2), 6);
        Assert.Equal(71, rec.ReferenceHeartRate(1.0, 8), 6);
        Assert.Equal(80_000f, rec.Ir[0]);                        // G stands in for IR
        Assert.Equal(40_000f, rec.Red[0]);
    }

    [Fact]
    public void FitRecoversAKnownLineAndTheFileRoundTrips()
    {
        var pairs = new List<(double, double)>();
        for (double r = 0.4; r <= 1.6; r += 0.05)
        {
            pairs.Add((r, 110 - 25 * r));
        }

        SpO2Calibration fitted = SpO2Fit.Fit(pairs, 1, "test line");
        Assert.Equal(110f, fitted.Constant, 3);
        Assert.Equal(-25f, fitted.Linear, 3);
        Assert.Equal(0f, fitted.Quadratic);

        string file = Path.Combine(_dir, "cal.txt");
        SpO2CalibrationFile.Save(file, fitted, "unit test");
        SpO2Calibration loaded = SpO2CalibrationFile.Load(file);
        Assert.Equal(fitted.Constant, loaded.Constant);
        Assert.Equal(fitted.Linear, loaded.Linear);
        Assert.Equal("test line", loaded.Source);
    }

    [Fact]
    public void BadCalibrationFileIsRefusedWithItsLine()
    {
        string file = Path.Combine(_dir, "bad.txt");
        File.WriteAllText(file, "constant = 100\nslope = -20\n");
        var e = Assert.Throws<InvalidDataException>(() => SpO2CalibrationFile.Load(file));
        Assert.Contains(":2:", e.Message);
        File.WriteAllText(file, "constant = 50\nlinear = 20\n");
        Assert.Throws<InvalidDataException>(() => SpO2CalibrationFile.Load(file)); // SpO2 rising with R
    }
}
