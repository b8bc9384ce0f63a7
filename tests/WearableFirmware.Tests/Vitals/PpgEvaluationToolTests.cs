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
        // Irregular frame times (ms) starting at 5 ms; R ramps 100 -> 110 over 1 s.
        File.WriteAllText(Path.Combine(record, "PPG.csv"), "time,R,G,B\n5,100,0,0\n405,104,0,0\n1005,110,0,0\n");
        File.WriteAllText(Path.Combine(record, "RR.txt"), "1000 800 1200 ");
        PpgRecording rec = PpgRecording.LoadWelltory(record);
        Assert.Equal(new long[] { 0, 400_000, 1_000_000 }, rec.FrameTimesMicroseconds);
        Assert.Equal(new[] { 100f, 104f, 110f }, rec.Red);

        // The light the chip model sees: each channel scaled to its typical skin level (mean red 550, IR 900 nA/mA),
        // interpolated at the model's conversion times.
        RecordedPpgSignal light = rec.ToSignal();
        light.StartMicroseconds = 50_000;
        float redScale = 550f / (314f / 3);
        float irScale = 900f / (314f / 3);
        light.Sample(50_000 + 200_000, out float red, out float ir, out _);
        Assert.Equal(102 * redScale, red, 2);   // halfway between 0 and 400 ms
        Assert.Equal(102 * irScale, ir, 2);     // Welltory: IR stand-in is R again
        light.Sample(50_000 + 700_000, out red, out _, out _);
        Assert.Equal(107 * redScale, red, 2);   // halfway between 400 and 1000 ms
        Assert.Equal(new[] { 0, 1.0, 1.8, 3.0 }, rec.ReferenceBeatTimes);
        // Reference HR at 3 s over 8 s: 3 intervals in 3 s = 60 bpm.
        Assert.Equal(60, rec.ReferenceHeartRate(3.0, 8), 6);
    }

    [Fact]
    public void TheReplayTakesTheRecordingsSamplesAndNoMore()
    {
        // 2.53 s of frames: samples at 0, 10, ..., 2530 ms, 254 of them. The recording ends inside a loop tick (100 ms
        // ticks would deliver 260, 40 ms ticks 256); past its end the light would hold its last frame.
        string record = Path.Combine(_dir, "subject_96");
        Directory.CreateDirectory(record);
        File.WriteAllText(Path.Combine(record, "PPG.csv"), "time,R,G,B\n0,100,0,0\n1000,104,0,0\n2530,100,0,0\n");
        File.WriteAllText(Path.Combine(record, "RR.txt"), "1000 1000 ");
        PpgRecording rec = PpgRecording.LoadWelltory(record);

        PpgReplayResult result = PpgReplay.Run(rec, new VitalsConfiguration());

        Assert.Equal(254, result.Pulse.Length);
        Assert.Equal(2.54, result.TickTimes[^1], 9); // the time after 254 samples
    }

    [Fact]
    public void ReadingsMoreThanTwentyPercentOffAreCountedAtEveryTick()
    {
        string record = Path.Combine(_dir, "subject_97");
        Directory.CreateDirectory(record);
        File.WriteAllText(Path.Combine(record, "PPG.csv"), "time,R,G,B\n0,100,0,0\n3000,100,0,0\n");
        File.WriteAllText(Path.Combine(record, "RR.txt"), string.Join(" ", Enumerable.Repeat("1000", 12)));
        PpgRecording rec = PpgRecording.LoadWelltory(record); // reference 60 bpm once the first interval has ended (1 s)
        var result = new PpgReplayResult
        {
            Recording = rec,
            SampleRateHz = 100,
            Times = [],
            Readings = [],
            Ratios = [],
            BeatTimes = [],
            Pulse = [],
            SamplesLost = 0,
            TickTimes = [0.5, 2.0, 2.04, 2.08, 2.12, 2.16, 2.20],
            // no reference yet; right; 25 % high; 19.8 % high; not valid; 19.2 % low; 20.8 % low
            TickHeartRates = [120f, 60f, 75f, 71.9f, float.NaN, 48.5f, 47.5f],
        };
        PpgScore score = PpgScore.Of(result);
        Assert.Equal(5, score.ValidTicks);
        Assert.Equal(2, score.WrongTicks);
        Assert.Equal(0.08, score.WrongSeconds, 9); // each wrong tick stands for the 40 ms since the one before
    }

    [Fact]
    public void MalformedRecordingNamesTheFileAndLine()
    {
        string record = Path.Combine(_dir, "subject_98");
        Directory.CreateDirectory(record);
        File.WriteAllText(Path.Combine(record, "PPG.csv"), "time,R,G,B\n0,100,0,0\n33,abc,0,0\n");
        File.WriteAllText(Path.Combine(record, "RR.txt"), "1000");
        var e = Assert.Throws<InvalidDataException>(() => PpgRecording.LoadWelltory(record));
        Assert.Contains("PPG.csv:3", e.Message);
        File.WriteAllText(Path.Combine(record, "PPG.csv"), "time,R,G,B\n0,100,0,0\n33,101,0,0\n33,102,0,0\n");
        e = Assert.Throws<InvalidDataException>(() => PpgRecording.LoadWelltory(record));
        Assert.Contains("PPG.csv:4", e.Message);
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
        PpgRecording rec = PpgRecording.LoadOximetry(ppg, gt, "1", "Left", 'G');
        Assert.Equal(new[] { 0.0, 1.0 }, rec.ReferenceTimes);  // across midnight
        Assert.Equal(96, rec.ReferenceSpO2At(0.5), 6);          // 0 means "no value" and is left out
        Assert.Equal(91, rec.ReferenceSpO2At(1.2), 6);
        Assert.Equal(71, rec.ReferenceHeartRate(1.0, 8), 6);
        Assert.Equal(80f, rec.Ir[0]);                            // G stands in for IR
        Assert.Equal(40f, rec.Red[0]);
        Assert.Equal(33_333L, rec.FrameTimesMicroseconds[1]);   // 30 fps
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
