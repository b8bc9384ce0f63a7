using System.Globalization;
using System.Text;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Simulator;
using WearableFirmware.Simulator.Commands;
using Xunit;
using WearableFirmware.Falls;

namespace WearableFirmware.Tests.Simulator;

/// <summary>The adxl-wake evaluation on two synthetic trials written in SisFall's file layout.</summary>
public class AdxlWakeCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "adxl-wake-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void A_synthetic_fall_wakes_the_chip_and_standing_still_does_not()
    {
        var fall = MotionScenario.Create(SensorPlacement.Waist, 1).Hold(2).Fall(FallDirection.Backward, impactG: 5).Hold(3).Build();
        var still = MotionScenario.Create(SensorPlacement.Waist, 1).Hold(8).Build();
        WriteTrial("SA99", "F02_SA99_R01", fall, 8);
        WriteTrial("SA99", "D07_SA99_R01", still, 8);

        string output = RunCommand("--data", _root);

        Assert.Contains("falls (F..): free fall in 1/1 (100.0 %), activity in 1/1 (100.0 %), either in 1", output);
        Assert.Contains("ADLs  (D..): free fall in 0/1 (0.0 %), activity in 0/1 (0.0 %), either in 0", output);
        Assert.Contains("F02         1          1         1", output);
    }

    [Fact]
    public void A_missing_folder_is_a_usage_error()
    {
        var error = new StringWriter();
        Assert.Equal(2, SimulatorCli.Invoke(new AdxlWakeCommand(), ["--data", Path.Combine(_root, "nope")], TextWriter.Null, error));
        Assert.Contains("no such folder", error.ToString());
    }

    private static string RunCommand(params string[] args)
    {
        var text = new StringWriter();
        var error = new StringWriter();
        Assert.True(SimulatorCli.Invoke(new AdxlWakeCommand(text, TextWriter.Null), args, TextWriter.Null, error) == 0, error.ToString());
        return text.ToString();
    }

    /// <summary>Writes the source at 200 Hz as SisFall does: 9 padded integers, ';', CRLF (ADXL345 at 1/256 g).</summary>
    private void WriteTrial(string subject, string name, IMotionSource source, double seconds)
    {
        string folder = Path.Combine(_root, subject);
        Directory.CreateDirectory(folder);
        var text = new StringBuilder();
        for (int i = 0; i < seconds * 200; i++)
        {
            var a = source.AccelerationAt(i * 5000L);
            int x = (int)Math.Round(a.X * 256), y = (int)Math.Round(a.Y * 256), z = (int)Math.Round(a.Z * 256);
            text.Append(string.Format(CultureInfo.InvariantCulture, "{0,4},{1,4},{2,4},   0,   0,   0,{3,5},{4,5},{5,5};\r\n",
                x, y, z, x * 4, y * 4, z * 4));
        }

        File.WriteAllText(Path.Combine(folder, name + ".txt"), text.ToString());
    }
}
