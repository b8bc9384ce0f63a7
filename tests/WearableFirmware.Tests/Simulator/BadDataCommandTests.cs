using WearableFirmware.Simulator;
using Xunit;

namespace WearableFirmware.Tests.Simulator;

/// <summary>
/// Every evaluation command given a malformed data folder (issue 18 item 10) stops with one "error:" line naming the
/// problem and exit code 2, never a stack trace. The folders are small synthetic ones written here.
/// </summary>
public class BadDataCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sim-bad-" + Guid.NewGuid().ToString("N"));

    public BadDataCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static readonly string StandingRow = "  0, -256, 0, 0, 0, 0, 0, -1024, 0;\r\n";

    // Builds the bad folder, then the command line to run on it.
    public static TheoryData<string, string> Cases() => new()
    {
        { "adxl-wake-garbage", "is not an integer" },
        { "adxl-wake-truncated", "columns, SisFall has 9" },
        { "adxl-wake-badname", "not a SisFall trial name" },
        { "eval-falls-only-falls", "2 fall trials and 0 activities of daily living" },
        { "eval-falls-weda-garbage", "U01_R01 line 1: expected the header" },
        { "eval-ppg-all-zero", "zero throughout" },
        { "eval-ppg-huge", "intensity 1e300" },
        { "eval-ppg-oxiwear-garbage", "oxi" },
        { "eval-ppg-motion-bad-mat", "DATA_01_TYPE01" },
        { "fit-spo2-one-subject", "one subject (oximetry/100001), at least 2 are needed" },
    };

    private string[] Setup(string name)
    {
        switch (name)
        {
            case "adxl-wake-garbage":
                Write("SA01/F01_SA01_R01.txt", StandingRow + "\u0001\u0002garbage;\r\n");
                return ["adxl-wake", "--data", _dir];
            case "adxl-wake-truncated":
                Write("SA01/F01_SA01_R01.txt", StandingRow + "  0, -256, 0, 0;\r\n");
                return ["adxl-wake", "--data", _dir];
            case "adxl-wake-badname":
                Write("SA01/F01_SA_R01.txt", StandingRow);
                return ["adxl-wake", "--data", _dir];
            case "eval-falls-only-falls":
                Write("SA01/F01_SA01_R01.txt", string.Concat(Enumerable.Repeat(StandingRow, 400)));
                Write("SA02/F01_SA02_R01.txt", string.Concat(Enumerable.Repeat(StandingRow, 400)));
                return ["eval-falls", _dir, "--format", "sisfall"];
            case "eval-falls-weda-garbage":
                Write("F01/U01_R01_accel.csv", "not,a,weda\nfile\n");
                Write("D01/U01_R01_accel.csv", "not,a,weda\nfile\n");
                return ["eval-falls", _dir, "--format", "weda"];
            case "eval-ppg-all-zero":
                Write("welltory/data/rec1/PPG.csv", "time,R,G,B\n0,0,1,1\n33,0,1,1\n66,0,1,1\n");
                Write("welltory/data/rec1/RR.txt", "800 800\n");
                return ["eval-ppg", _dir];
            case "eval-ppg-huge":
                Write("welltory/data/rec1/PPG.csv", "time,R,G,B\n0,100,1,1\n33,1e300,1,1\n66,100,1,1\n");
                Write("welltory/data/rec1/RR.txt", "800 800\n");
                return ["eval-ppg", _dir];
            case "eval-ppg-oxiwear-garbage":
                Write("oxiwear/proto1/oxi_97.csv", "MAXM86161reg\nthis,is\nnot,data\n");
                return ["eval-ppg", _dir];
            case "eval-ppg-motion-bad-mat":
                Write("Training_data/DATA_01_TYPE01.mat", "MATLAB 5.0 MAT-file, but cut short");
                Write("Training_data/DATA_01_TYPE01_BPMtrace.mat", "garbage");
                return ["eval-ppg-motion", _dir];
            case "fit-spo2-one-subject":
                // Both hands of one subject: 2 recordings, 1 subject, 60 s of a 1 Hz pulse at 30 frames/s.
                Write("oximetry-phone-cam/data/gt/100001.csv", "Time,SpO2 1,SpO2 2,SpO2 4,SpO2 5,Pulse 1,Pulse 2,Pulse 4,Pulse 5\n"
                    + string.Concat(Enumerable.Range(0, 60).Select(t => $" 09:25:{t:00},97,97,97,97,60,60,60,60\n")));
                string frames = "R,G,B\n" + string.Concat(Enumerable.Range(0, 1800).Select(i =>
                    FormattableString.Invariant($"{100 + Math.Sin(i * 2 * Math.PI / 30):F3},{150 + Math.Sin(i * 2 * Math.PI / 30):F3},50\n")));
                Write("oximetry-phone-cam/data/ppg-csv/Left/100001.csv", frames);
                Write("oximetry-phone-cam/data/ppg-csv/Right/100001.csv", frames);
                return ["fit-spo2", _dir, "--out", Path.Combine(_dir, "curve.txt")];
            default:
                throw new ArgumentException(name);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_malformed_data_folder_is_one_error_line_and_exit_two(string name, string message)
    {
        string[] args = Setup(name);
        var output = new StringWriter();
        var error = new StringWriter();
        int code;
        try
        {
            code = SimulatorCli.Run(args, output, error);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException(name + " escaped as " + e.GetType().Name + ": " + e.Message);
        }

        string text = error.ToString().Trim();
        Assert.True(code == 2, $"{name}: exit {code}, stderr: {text}");
        Assert.StartsWith("error: ", text);
        Assert.DoesNotContain("\n", text);
        Assert.Contains(message, text, StringComparison.OrdinalIgnoreCase);
    }
}
