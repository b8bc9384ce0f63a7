namespace WearableFirmware.Simulator.Falls;

/// <summary>
/// Where the evaluation's accelerometer samples come from: the one piece to swap for the ADXL345 chip model +
/// driver + sampling loop once those are merged.
/// </summary>
public interface IAccelerometerFeed
{
    /// <summary>Samples of the trial at <paramref name="rateHz"/>, x, y, z in g interleaved.</summary>
    float[] Load(SisFallTrialInfo trial, int rateHz);
}

/// <summary>
/// Reads the recorded 200 Hz ADXL345 columns and decimates them to the device rate through an anti-alias FIR, as the
/// chip's own output filter (bandwidth = rate / 2) would before the driver sees them.
/// </summary>
public sealed class DecimatedRecordingFeed : IAccelerometerFeed
{
    public float[] Load(SisFallTrialInfo trial, int rateHz)
    {
        float[] raw = SisFallAdxl345Reader.Read(trial.Path);
        return Decimator.Decimate(raw, 3, SisFallAdxl345Reader.RateHz, rateHz);
    }
}

/// <summary>Integer-factor decimation with a Hamming-windowed-sinc low-pass (cut-off 0.4 × output rate).</summary>
public static class Decimator
{
    public static float[] Decimate(float[] interleaved, int channels, int inputRateHz, int outputRateHz)
    {
        if (outputRateHz <= 0 || inputRateHz % outputRateHz != 0)
        {
            throw new ArgumentException($"output rate must divide {inputRateHz} Hz (got {outputRateHz})");
        }

        int factor = inputRateHz / outputRateHz;
        int frames = interleaved.Length / channels;
        if (factor == 1)
        {
            return (float[])interleaved.Clone();
        }

        double[] taps = LowPassTaps(0.4 * outputRateHz / inputRateHz, 8 * factor + 1);
        int half = taps.Length / 2;
        int outFrames = frames / factor;
        var output = new float[outFrames * channels];
        for (int o = 0; o < outFrames; o++)
        {
            int centre = o * factor;
            for (int c = 0; c < channels; c++)
            {
                double sum = 0;
                for (int k = 0; k < taps.Length; k++)
                {
                    // Edges repeat the first/last sample, so a trial starts at rest instead of ramping up from zero.
                    int i = Math.Clamp(centre + k - half, 0, frames - 1);
                    sum += taps[k] * interleaved[i * channels + c];
                }

                output[o * channels + c] = (float)sum;
            }
        }

        return output;
    }

    /// <summary>Unity-DC-gain low-pass; <paramref name="cutoff"/> as a fraction of the input rate.</summary>
    public static double[] LowPassTaps(double cutoff, int length)
    {
        var taps = new double[length];
        int half = length / 2;
        double sum = 0;
        for (int n = 0; n < length; n++)
        {
            int m = n - half;
            double sinc = m == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * m) / (Math.PI * m);
            double window = 0.54 - 0.46 * Math.Cos(2 * Math.PI * n / (length - 1));
            taps[n] = sinc * window;
            sum += taps[n];
        }

        for (int n = 0; n < length; n++)
        {
            taps[n] /= sum;
        }

        return taps;
    }
}
