using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.SimulatedBoard.Vitals;
using WearableFirmware.Vitals;
using Xunit;

namespace WearableFirmware.Tests.Vitals;

/// <summary>The OxiWear MAXM86161 reader on files written here, in the layout the data set's readme describes.</summary>
public class OxiWearFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oxiwear-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    // Register header as in the recordings: names on lines 1-2, their values on lines 3-4 (0x11 = 0x2b: 16 µA range;
    // 0x20 = 0x32: LEDC1 = LED2 = IR, LEDC2 = LED3 = red; 0x21 = 0x09: LEDC3 = ambient).
    private static string Header(string sequence1 = "0x32", string ppgConfig1 = "0x2b") =>
        "MAXM86161reg0x0D,MAXM86161reg0x11,MAXM86161reg0x20,MAXM86161reg0x21,\r\n"
        + "MAXM86161reg0xFF,KX122reg0x18,RTCpreScale,\r\n"
        + "0x02," + ppgConfig1 + "," + sequence1 + ",0x09,\r\n"
        + "0x36,0x10,0x1f,\r\n"
        + "start time,1596741378956\r\n"
        + "expected tags,1,2,3,\r\n"
        + "timestamp,sampleNum,tagLEDC1,tagLEDC2,tagLEDC3,LEDC1,LEDC2,LEDC3,ACCX,ACCY,ACCZ,temperature,RTC,sensor,regAddr,val,I2Caddr,\r\n";

    // Host timestamps deliberately uneven (packets): timing must come from the sample number at 64 Hz.
    private const string Rows =
        "1596741379171.5,1,0,0,0,57861.000000,57994.000000,1339.000000,60,75,-993,,,,,,,\r\n"
        + "1596741379187.1,2,0,0,0,79273.000000,91065.000000,1340.000000,127,4,-1075,,,,,,,\r\n"
        + "1596741379290.0,3,0,0,0,64000.000000,96000.000000,1600.000000,146,-60,-1093,,,,,,,\r\n"
        + "1596741379290.0,4,0,0,0,64320.000000,96640.000000,1632.000000,113,-137,-1069,,,,,,,\r\n"
        + "1596741379301.1,5,0,0,0,64640.000000,97280.000000,1664.000000,145,6,-1047,0.000000,6146,,,,,\r\n";

    private const string Trailer = "stop time,1596741385181\r\nelapsed capture time: 0h00m06s\r\nmissed packet count: 0\r\nincorrect tag count: 191\r\n";

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void TestPointIsReadWithItsReferenceChannelsAndSampleTiming()
    {
        string path = Write("1516-95-73_.csv", Header() + Rows + Trailer);
        Assert.True(OxiWearFile.IsOxiWearFile(path));
        PpgRecording rec = OxiWearFile.Load(path);
        Assert.Equal("oxiwear/1516-95-73_", rec.Name);
        Assert.Equal(PpgDataSet.OxiWear, rec.DataSet);
        Assert.Equal(95, rec.TestPointSpO2);
        Assert.Equal(73, rec.TestPointHeartRate);
        Assert.Equal(95, rec.ReferenceSpO2At(2.0));
        Assert.Equal(73, rec.ReferenceHeartRate(2.0, 8));

        // The two start-up rows are dropped; 64 Hz by sample number: 0, 15.625 ms, 31.25 ms.
        Assert.Equal(new long[] { 0, 15_625, 31_250 }, rec.FrameTimesMicroseconds);

        // 19-bit counts over 16384 nA: 1/32 nA per count. LEDC1 is IR, LEDC2 red, LEDC3 ambient.
        Assert.Equal(new[] { 2000f, 2010f, 2020f }, rec.Ir);
        Assert.Equal(new[] { 3000f, 3020f, 3040f }, rec.Red);
        Assert.Equal(new[] { 50f, 51f, 52f }, rec.Ambient);
    }

    [Fact]
    public void ReplayedCountsAreTheRecordedPhotocurrentLessAmbientOnTheMax30102Range()
    {
        PpgRecording rec = OxiWearFile.Load(Write("1520-95-79.csv", Header() + Rows + Trailer));
        RecordedPpgSignal light = rec.ToSignal();
        // LED light per mA of the firmware's 7 mA drive, the ambient as photocurrent for the chip's cancellation.
        light.Sample(0, out float red, out float ir, out float ambient);
        Assert.Equal((3000f - 50f) / 7f, red, 3);
        Assert.Equal((2000f - 50f) / 7f, ir, 3);
        Assert.Equal(50f, ambient, 3);

        // Through the chip model and driver: the MAX30102's 18-bit counts over the same 16384 nA are the
        // MAXM86161's 19-bit counts, less ambient, halved: red (96000 - 1600) / 2 = 47200, IR (64000 - 1600) / 2 = 31200.
        var sensor = new SimulatedPpgSensor(light, OxiWearFile.ReplaySettings());
        light.StartMicroseconds = sensor.FirstSampleMicroseconds;
        var vitals = new VitalsProcessor(new VitalsConfiguration());
        Assert.True(sensor.Tick(vitals) > 0);
        Assert.InRange(sensor.Driver.Red[0], 47199, 47200);
        Assert.InRange(sensor.Driver.Ir[0], 31199, 31200);
    }

    [Fact]
    public void ChannelsFollowTheLedSequenceRegisters()
    {
        // 0x23: LEDC1 = LED3 (red), LEDC2 = LED2 (IR).
        PpgRecording rec = OxiWearFile.Load(Write("1521-96-77.csv", Header(sequence1: "0x23") + Rows + Trailer));
        Assert.Equal(3000f, rec.Ir[0]);
        Assert.Equal(2000f, rec.Red[0]);

        // 32 µA range (code 3): 1/16 nA per count.
        rec = OxiWearFile.Load(Write("1522-96-77.csv", Header(ppgConfig1: "0x2f") + Rows + Trailer));
        Assert.Equal(4000f, rec.Ir[0]);
    }

    [Fact]
    public void MalformedFilesAreRefusedNamingFileAndLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => OxiWearFile.Load(Write("recording.csv", Header() + Rows + Trailer)));
        Assert.Contains("<HHMM>-<SpO2>-<HR>", e.Message);

        e = Assert.Throws<InvalidDataException>(() => OxiWearFile.Load(Write("1530-90-66.csv", Header() + Rows.Replace("96640.000000", "x") + Trailer)));
        Assert.Contains("1530-90-66.csv:11", e.Message);

        e = Assert.Throws<InvalidDataException>(() => OxiWearFile.Load(Write("1535-93-78.csv", Header() + Rows.Replace(",5,0,0,0,", ",4,0,0,0,") + Trailer)));
        Assert.Contains("1535-93-78.csv:12", e.Message);

        e = Assert.Throws<InvalidDataException>(() => OxiWearFile.Load(Write("1537-93-70.csv", Header(sequence1: "0x21") + Rows + Trailer)));
        Assert.Contains("red (LED3)", e.Message);

        e = Assert.Throws<InvalidDataException>(() => OxiWearFile.Load(Write("1538-89-74.csv", Header().Replace("timestamp,sampleNum,", "time,sample,") + Rows)));
        Assert.Contains("column header", e.Message);
    }

    [Fact]
    public void FolderLayoutsAreFoundAndOtherFilesSkipped()
    {
        string proto1 = Path.Combine(_dir, "ppg-redir", "oxiwear", "proto1");
        Directory.CreateDirectory(proto1);
        File.WriteAllText(Path.Combine(proto1, "1612-70-72_.csv"), Header() + Rows + Trailer);
        File.WriteAllText(Path.Combine(proto1, "1555-84-82.csv"), Header() + Rows + Trailer);
        File.WriteAllText(Path.Combine(proto1, "notes.csv"), "a,b\r\n1,2\r\n");
        foreach (string root in new[] { Path.Combine(_dir, "ppg-redir"), Path.Combine(_dir, "ppg-redir", "oxiwear"), proto1 })
        {
            IReadOnlyList<PpgRecording> all = PpgRecording.LoadAll(root);
            Assert.Equal(new[] { "oxiwear/1555-84-82", "oxiwear/1612-70-72_" }, all.Select(r => r.Name)); // clock order
        }

        Assert.Null(OxiWearFile.FindFolder(_dir));
    }
}
