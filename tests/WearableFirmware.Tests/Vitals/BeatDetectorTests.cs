using WearableFirmware.Vitals;
using Xunit;

namespace WearableFirmware.Tests.Vitals;

public class BeatDetectorTests
{
    private const int Fs = 100;

    private static float Gauss(double t, double centre, double width) => (float)Math.Exp(-0.5 * (t - centre) * (t - centre) / (width * width));

    /// <summary>Pulses at known times (irregular, off the sample grid), each with a dicrotic wave 0.3 s later.</summary>
    private static (float[] Signal, List<double> Peaks) Pulses(int count, double meanInterval, double dicrotic, int seed)
    {
        var random = new Random(seed);
        var peaks = new List<double>();
        double t = 0.5;
        for (int i = 0; i < count; i++)
        {
            peaks.Add(t);
            t += meanInterval * (0.9 + 0.2 * random.NextDouble());
        }

        var signal = new float[(int)((t + 1) * Fs)];
        for (int i = 0; i < signal.Length; i++)
        {
            double ti = i / (double)Fs;
            float v = 0;
            foreach (double p in peaks)
            {
                v += Gauss(ti, p, 0.06) + (float)dicrotic * Gauss(ti, p + 0.3, 0.08);
            }

            signal[i] = v - 0.3f;
        }

        return (signal, peaks);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.6)]
    [InlineData(0.3)]
    public void FindsEveryPulseAtItsTime(double interval)
    {
        var (signal, peaks) = Pulses(30, interval, 0, seed: 3);
        var detector = new BeatDetector(Fs, 240, 0.4f, 1.5f);
        var found = new List<double>();
        foreach (float x in signal)
        {
            if (detector.Process(x))
            {
                found.Add((detector.LastBeatSample + detector.LastBeatFraction) / Fs);
            }
        }

        // The last pulse is confirmed only after its refractory period; all but possibly it are found.
        Assert.InRange(found.Count, peaks.Count - 1, peaks.Count);
        for (int i = 0; i < found.Count; i++)
        {
            // Parabolic refinement puts a 60 ms-wide Gaussian's peak within 2 ms (the sample period is 10 ms).
            Assert.InRange(found[i] - peaks[i], -0.002, 0.002);
        }
    }

    [Fact]
    public void DicroticWaveIsNotABeatOnceTheIntervalIsKnown()
    {
        var (signal, peaks) = Pulses(30, 1.0, 0.6, seed: 5);
        var detector = new BeatDetector(Fs, 240, 0.4f, 1.5f);
        detector.SetExpectedInterval(1.0f * Fs);
        int beats = 0;
        foreach (float x in signal)
        {
            if (detector.Process(x))
            {
                beats++;
            }
        }

        Assert.InRange(beats, peaks.Count - 1, peaks.Count);
    }

    [Fact]
    public void HigherPeakWithinTheRefractoryPeriodReplacesTheCandidate()
    {
        // A small bump, then 150 ms later the real (higher) systolic peak: one beat, at the higher peak.
        var detector = new BeatDetector(Fs, 240, 0.4f, 1.5f);
        var found = new List<double>();
        for (int i = 0; i < 3 * Fs; i++)
        {
            double t = i / (double)Fs;
            float x = 0.6f * Gauss(t, 1.0, 0.03) + Gauss(t, 1.15, 0.04) - 0.1f;
            if (detector.Process(x))
            {
                found.Add((detector.LastBeatSample + detector.LastBeatFraction) / Fs);
            }
        }

        Assert.Single(found);
        Assert.InRange(found[0], 1.14, 1.16);
    }

    [Fact]
    public void RefractoryPeriodCapsTheRateAt240Bpm()
    {
        // Pulses every 150 ms (400 bpm): at most one beat per 250 ms is reported.
        var detector = new BeatDetector(Fs, 240, 0.4f, 1.5f);
        long last = -1000;
        int beats = 0;
        for (int i = 0; i < 10 * Fs; i++)
        {
            float x = (float)Math.Sin(2 * Math.PI * i / 15.0);
            if (detector.Process(x))
            {
                Assert.True(detector.LastBeatSample - last >= 25, "beats closer than the refractory period");
                last = detector.LastBeatSample;
                beats++;
            }
        }

        Assert.InRange(beats, 20, 40);
    }

    [Fact]
    public void FollowsAnAmplitudeDropThroughTheDecayingEnvelope()
    {
        // Amplitude falls tenfold halfway: beats resume after the envelope has decayed.
        var detector = new BeatDetector(Fs, 240, 0.4f, 1.5f);
        int late = 0;
        for (int i = 0; i < 40 * Fs; i++)
        {
            double t = i / (double)Fs;
            float amplitude = t < 20 ? 1f : 0.1f;
            if (detector.Process(amplitude * (float)Math.Sin(2 * Math.PI * t)) && t > 30)
            {
                late++;
            }
        }

        Assert.InRange(late, 9, 10);
    }
}
