using WearableFirmware.Vitals;
using Xunit;

namespace WearableFirmware.Tests.Vitals;

public class FilterTests
{
    private const int Fs = 100;

    // Analytic magnitude of a bilinear-transform Butterworth section with a pre-warped corner.
    private static double LowPassGain(double f, double fc) => 1 / Math.Sqrt(1 + Math.Pow(Math.Tan(Math.PI * f / Fs) / Math.Tan(Math.PI * fc / Fs), 4));

    private static double HighPassGain(double f, double fc) => 1 / Math.Sqrt(1 + Math.Pow(Math.Tan(Math.PI * fc / Fs) / Math.Tan(Math.PI * f / Fs), 4));

    /// <summary>Steady-state amplitude of the filter's response to a unit sine (by projection on sin/cos over whole periods).</summary>
    private static double MeasuredGain(Func<float, float> filter, double f)
    {
        int settle = (int)(20 * Fs / Math.Min(f, 1)) + 10 * Fs;
        int periods = (int)Math.Ceiling(10 * f);
        int length = (int)Math.Round(periods * Fs / f);
        double s = 0, c = 0;
        for (int i = 0; i < settle + length; i++)
        {
            double phase = 2 * Math.PI * f * i / Fs;
            float y = filter((float)Math.Sin(phase));
            if (i >= settle)
            {
                s += y * Math.Sin(phase);
                c += y * Math.Cos(phase);
            }
        }

        return 2 * Math.Sqrt(s * s + c * c) / length;
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(5.0)]
    [InlineData(10.0)]
    [InlineData(20.0)]
    public void LowPassMatchesTheButterworthResponse(double f)
    {
        var lp = Biquad.ButterworthLowPass(Fs, 5f);
        Assert.Equal(LowPassGain(f, 5), MeasuredGain(lp.Process, f), 3);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(4.0)]
    public void HighPassMatchesTheButterworthResponse(double f)
    {
        var hp = Biquad.ButterworthHighPass(Fs, 0.5f);
        Assert.Equal(HighPassGain(f, 0.5), MeasuredGain(hp.Process, f), 3);
    }

    [Fact]
    public void CornersAreMinus3Decibels()
    {
        Assert.Equal(Math.Sqrt(0.5), MeasuredGain(Biquad.ButterworthLowPass(Fs, 5f).Process, 5), 3);
        Assert.Equal(Math.Sqrt(0.5), MeasuredGain(Biquad.ButterworthHighPass(Fs, 0.5f).Process, 0.5), 3);
    }

    /// <summary>
    /// Subtracting the DC tracker's previous level is itself a first-order high-pass:
    /// y = x − L[n−1] with L[n] = L[n−1] + α(x − L[n−1]) gives H(z) = (1 − z⁻¹) / (1 − (1 − α) z⁻¹).
    /// </summary>
    private static double DcRemovalGain(double f, double timeConstant)
    {
        double alpha = 1 - Math.Exp(-1.0 / (Fs * timeConstant));
        var z1 = System.Numerics.Complex.Exp(new System.Numerics.Complex(0, -2 * Math.PI * f / Fs));
        return ((1 - z1) / (1 - (1 - alpha) * z1)).Magnitude;
    }

    [Fact]
    public void PulseFilterPassesThePulseBandAndRemovesDc()
    {
        // DC removal × high-pass × low-pass, on top of a large DC level that must not leak through.
        foreach (double f in new[] { 0.3, 1.0, 2.0, 4.0, 8.0 })
        {
            var filter = new PulseFilter(Fs, 0.5f, 5f, 1f);
            double gain = MeasuredGain(x => filter.Process(100_000 + 1000 * x) / 1000, f);
            Assert.Equal(DcRemovalGain(f, 1) * HighPassGain(f, 0.5) * LowPassGain(f, 5), gain, 2);
        }
    }

    [Fact]
    public void DcTrackerFollowsAStepWithItsTimeConstant()
    {
        var dc = new DcTracker(Fs, 1f);
        dc.Process(0);
        float level = 0;
        for (int i = 0; i < Fs; i++)
        {
            level = dc.Process(1000);
        }

        // After one time constant a first-order lag has covered 1 - 1/e of a step.
        Assert.Equal(1000 * (1 - Math.Exp(-1)), level, 0);
        Assert.True(new DcTracker(Fs, 1f).Process(12345) == 12345, "the first sample sets the level outright");
    }

    [Fact]
    public void CornerAtOrAboveNyquistIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Biquad.ButterworthLowPass(Fs, 50f));
        Assert.Throws<ArgumentOutOfRangeException>(() => Biquad.ButterworthHighPass(Fs, 0f));
    }

    [Fact]
    public void PulseHistoryCorrelatesAtThePeriodAndNotAtHalfOfIt()
    {
        // A pulse of period 80 samples with a second harmonic (dicrotic-notch-like shape), written past the
        // ring's end so the read wraps.
        var history = new PulseHistory(200);
        Assert.True(float.IsNaN(history.Correlation(80, 100))); // nothing held yet
        for (int n = 0; n < 530; n++)
        {
            double phase = 2 * Math.PI * n / 80;
            history.Add((float)(Math.Sin(phase) + 0.4 * Math.Sin(2 * phase + 1)));
        }

        Assert.Equal(200, history.Count);
        Assert.Equal(1f, history.Correlation(80, 100), 4);  // one period back: the same waveform
        Assert.InRange(history.Correlation(40, 100), -1f, 0f); // half a period: a split beat's interval
        Assert.True(float.IsNaN(history.Correlation(120, 100))); // needs lag + length samples
        history.Clear();
        Assert.Equal(0, history.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PulseHistory(1));
    }
}
