using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Evaluation;

/// <summary>What the vitals pipeline produced on one recording: the once-a-second readings and every beat.</summary>
public sealed class PpgReplayResult
{
    public required PpgRecording Recording { get; init; }

    /// <summary>Time of each once-a-second reading (s from the recording start).</summary>
    public required double[] Times { get; init; }

    public required VitalsReading[] Readings { get; init; }

    /// <summary>Averaged ratio of ratios behind each reading (NaN where SpO2 was not valid).</summary>
    public required double[] Ratios { get; init; }

    /// <summary>Detected beat times (s), sub-sample refined.</summary>
    public required double[] BeatTimes { get; init; }

    /// <summary>The band-passed pulse the detector saw (systole up), one value per sample.</summary>
    public required float[] Pulse { get; init; }
}

/// <summary>
/// Replays a recording through the vitals pipeline sample by sample and takes a reading once a second, as the
/// sampling loop does on the device.
/// </summary>
public static class PpgReplay
{
    public static PpgReplayResult Run(PpgRecording recording, VitalsConfiguration configuration)
    {
        if (configuration.SampleRateHz != recording.SampleRateHz)
        {
            throw new ArgumentException("recording resampled to " + recording.SampleRateHz + " sps but the pipeline is configured for " + configuration.SampleRateHz);
        }

        var processor = new VitalsProcessor(configuration);
        int n = recording.Red.Length;
        int rate = recording.SampleRateHz;
        var times = new List<double>();
        var readings = new List<VitalsReading>();
        var ratios = new List<double>();
        var beats = new List<double>();
        var pulse = new float[n];
        int beatCount = 0;
        for (int i = 0; i < n; i++)
        {
            FeedSample(processor, recording, i);
            pulse[i] = processor.PulseSignal;
            if (processor.BeatCount != beatCount)
            {
                beatCount = processor.BeatCount;
                beats.Add((processor.LastBeatSample + processor.LastBeatFraction) / rate);
            }

            if ((i + 1) % rate == 0)
            {
                VitalsReading reading = processor.Reading;
                times.Add((i + 1) / (double)rate);
                readings.Add(reading);
                ratios.Add(reading.SpO2Valid ? processor.SpO2Ratio : double.NaN);
            }
        }

        return new PpgReplayResult
        {
            Recording = recording,
            Times = times.ToArray(),
            Readings = readings.ToArray(),
            Ratios = ratios.ToArray(),
            BeatTimes = beats.ToArray(),
            Pulse = pulse,
        };
    }

    /// <summary>
    /// The pipeline feed: one sample of the recording into the processor. This is the single place where samples
    /// enter; on the simulated board it is to go through the MAX30102 chip model's replay source and the driver's
    /// FIFO read instead of reading the arrays directly.
    /// </summary>
    public static void FeedSample(VitalsProcessor processor, PpgRecording recording, int index)
    {
        processor.AddSample((int)recording.Red[index], (int)recording.Ir[index]);
    }
}
