using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.SimulatedBoard.Vitals;
using WearableFirmware.Vitals;
using Xunit;

namespace WearableFirmware.Tests.Signals;

/// <summary>
/// Values no sensor or strap can produce are refused when a recording is read (issue 18 item 11), with the file named,
/// rather than replayed as if measured. The files are small synthetic ones written here.
/// </summary>
public class RecordingValidationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rec-check-" + Guid.NewGuid().ToString("N"));

    public RecordingValidationTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A Welltory record: PPG.csv (time ms, R, G, B, one header line) and RR.txt (ms).
    private string Welltory(string[] rows, string rr)
    {
        string record = Path.Combine(_dir, "rec");
        Directory.CreateDirectory(record);
        File.WriteAllText(Path.Combine(record, "PPG.csv"), "time,R,G,B\n" + string.Join("\n", rows) + "\n");
        File.WriteAllText(Path.Combine(record, "RR.txt"), rr);
        return record;
    }

    private static readonly string[] GoodRows = ["0,120,80,60", "33,121,80,60", "66,119,80,60"];

    [Fact]
    public void A_well_formed_welltory_record_loads()
    {
        PpgRecording recording = PpgRecording.LoadWelltory(Welltory(GoodRows, "800 810\n"));
        Assert.Equal(3, recording.Red.Length);
        Assert.Equal(new[] { 0, 0.8, 1.61 }, recording.ReferenceBeatTimes.Select(t => Math.Round(t, 6)));
    }

    [Theory]
    [InlineData("800 -810", "RR interval -810")]
    [InlineData("800 0", "RR interval 0")]
    [InlineData("800 1e300", "RR interval 1e300")]
    public void Rr_intervals_that_are_not_a_heart_beat_are_refused(string rr, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => PpgRecording.LoadWelltory(Welltory(GoodRows, rr)));
        Assert.Contains(message, e.Message);
        Assert.Contains("RR.txt", e.Message);
    }

    [Fact]
    public void A_frame_time_of_1e300_is_refused()
    {
        var e = Assert.Throws<InvalidDataException>(() => PpgRecording.LoadWelltory(Welltory(["0,120,80,60", "1e300,121,80,60"], "800")));
        Assert.Contains("PPG.csv:3: frame time 1e300", e.Message);
    }

    [Fact]
    public void An_intensity_of_1e300_is_refused()
    {
        var e = Assert.Throws<InvalidDataException>(() => PpgRecording.LoadWelltory(Welltory(["0,120,80,60", "33,1e300,80,60"], "800")));
        Assert.Contains("PPG.csv:3: intensity 1e300", e.Message);
    }

    [Fact]
    public void An_all_zero_channel_is_refused()
    {
        var e = Assert.Throws<InvalidDataException>(() => PpgRecording.LoadWelltory(Welltory(["0,0,80,60", "33,0,80,60", "66,0,80,60"], "800")));
        Assert.Contains("zero throughout", e.Message);
    }

    [Theory]
    [InlineData("4096, 0, 0, 0, 0, 0, 0, 0, 1024;", "column 1: 4096 is beyond the ADXL345")]
    [InlineData("0, 0, -4097, 0, 0, 0, 0, 0, 1024;", "column 3: -4097 is beyond the ADXL345")]
    [InlineData("0, 0, 256, 0, 0, 0, 0, 8192, 0;", "column 8: 8192 is beyond the MMA8451Q")]
    public void Sisfall_counts_beyond_the_chips_range_are_refused(string row, string message)
    {
        var e = Assert.Throws<FormatException>(() => SisFallTrial.Parse(new StringReader(row + "\r\n"), "D01_SA01_R01"));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("F01_SA_R01")]
    [InlineData("F01_SA01_01")]
    [InlineData("X01_SA01_R01")]
    [InlineData("F01_SB01_R01")]
    public void Names_not_shaped_like_sisfall_trials_are_refused(string name)
    {
        Assert.False(SisFallTrial.IsTrialName(name));
        var e = Assert.Throws<FormatException>(() => SisFallTrial.Parse(new StringReader("0, 0, 256, 0, 0, 0, 0, 0, 1024;\r\n"), name));
        Assert.Contains("not a SisFall trial name", e.Message);

        // In a data folder it stops the listing (rather than being read under subject "SA" or quietly left out).
        string subject = Path.Combine(_dir, "SA01");
        Directory.CreateDirectory(subject);
        File.WriteAllText(Path.Combine(_dir, "Readme.txt"), "not a trial");
        File.WriteAllText(Path.Combine(subject, "F01_SA01_R01.txt"), "0, 0, 256, 0, 0, 0, 0, 0, 1024;\r\n");
        File.WriteAllText(Path.Combine(subject, name + ".txt"), "0, 0, 256, 0, 0, 0, 0, 0, 1024;\r\n");
        var listing = Assert.Throws<FormatException>(() => SisFallTrial.FindTrialFiles(_dir));
        Assert.Contains(name + ".txt", listing.Message);
    }

    [Fact]
    public void Sisfall_listing_skips_the_readme()
    {
        string subject = Path.Combine(_dir, "SE06");
        Directory.CreateDirectory(subject);
        File.WriteAllText(Path.Combine(_dir, "Readme.txt"), "not a trial");
        File.WriteAllText(Path.Combine(subject, "F01_SE06_R01.txt"), "0, 0, 256, 0, 0, 0, 0, 0, 1024;\r\n");
        Assert.Equal([Path.Combine(subject, "F01_SE06_R01.txt")], SisFallTrial.FindTrialFiles(_dir));
    }

    [Fact]
    public void A_calibration_that_dips_and_rises_between_its_end_points_is_refused()
    {
        // 100 - 60 R + 25 R²: 89.0 % at R 0.2 and 80.0 % at R 2 (falls end to end), but its minimum is at R 1.2
        // (64 %), so R 1.2-2 reads higher SpO2 for more red absorption and one reading has two ratios.
        var dipping = new SpO2Calibration(100f, -60f, 25f, "test");
        Assert.True(dipping.Evaluate(0.3f) > dipping.Evaluate(2f));
        Assert.Throws<ArgumentException>(() => dipping.Validate());

        string file = Path.Combine(_dir, "dip.cal");
        File.WriteAllText(file, "constant = 100\nlinear = -60\nquadratic = 25\n");
        var e = Assert.Throws<InvalidDataException>(() => SpO2CalibrationFile.Load(file));
        Assert.Contains("dip.cal", e.Message);

        // The shipped curves fall throughout.
        SpO2Calibration.Max3010xMaxim().Validate();
        SpO2Calibration.Maxm86161Finger().Validate();
    }
}
