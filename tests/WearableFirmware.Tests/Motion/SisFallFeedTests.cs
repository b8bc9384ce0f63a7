using WearableFirmware.Simulator.Falls;
using Xunit;

namespace WearableFirmware.Tests.Motion;

public class SisFallFeedTests
{
    [Fact]
    public void Decimation_keeps_gravity_and_removes_what_would_alias()
    {
        // 200 Hz -> 50 Hz: a 40 Hz vibration would fold onto 10 Hz, inside the body-motion band, if not filtered.
        const int n = 2000;
        var input = new float[n * 3];
        for (int i = 0; i < n; i++)
        {
            input[3 * i] = 0f;
            input[3 * i + 1] = -1f;                                        // gravity
            input[3 * i + 2] = (float)Math.Sin(2 * Math.PI * 40 * i / 200.0); // 1 g at 40 Hz
        }

        float[] output = Decimator.Decimate(input, 3, 200, 50);

        Assert.Equal(n / 4 * 3, output.Length);
        for (int i = 10; i < n / 4 - 10; i++)
        {
            Assert.Equal(-1f, output[3 * i + 1], 4);
            Assert.InRange(output[3 * i + 2], -0.05f, 0.05f);
        }
    }

    [Fact]
    public void Decimation_passes_slow_motion_unchanged()
    {
        const int n = 2000;
        var input = new float[n];
        for (int i = 0; i < n; i++)
        {
            input[i] = (float)Math.Sin(2 * Math.PI * 2 * i / 200.0); // 2 Hz, walking cadence
        }

        float[] output = Decimator.Decimate(input, 1, 200, 50);

        for (int i = 10; i < n / 4 - 10; i++)
        {
            Assert.Equal(Math.Sin(2 * Math.PI * 2 * i / 50.0), output[i], 2);
        }
    }

    [Fact]
    public void Reader_scales_counts_to_g_and_names_the_bad_line()
    {
        string path = Path.Combine(Path.GetTempPath(), "sisfall-reader-" + Guid.NewGuid().ToString("N") + ".txt");
        try
        {
            File.WriteAllText(path, "  -9,-257, -25,  84, 247,  27,-120,-987,  63;\r\n 256,   0, 128, 1, 2, 3, 4, 5, 6;\r\n");
            float[] g = SisFallAdxl345Reader.Read(path);
            Assert.Equal([-9f / 256, -257f / 256, -25f / 256, 1f, 0f, 0.5f], g);

            File.AppendAllText(path, "  1, 2, x, 4, 5, 6, 7, 8, 9;\r\n");
            var e = Assert.Throws<InvalidDataException>(() => SisFallAdxl345Reader.Read(path));
            Assert.Contains(":3:", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
