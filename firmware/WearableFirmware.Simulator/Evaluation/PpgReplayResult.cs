using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Evaluation;

/// <summary>What the vitals pipeline produced on one recording: the once-a-second readings and every beat.</summary>
public sealed class PpgReplayResult
{
    public required PpgRecording Recording { get; init; }

    /// <summary>Samples per second the chip delivered (the pipeline's rate).</summary>
    public required int SampleRateHz { get; init; }

    /// <summary>Time of each once-a-second reading (s from the recording start).</summary>
    public required double[] Times { get; init; }

    public required VitalsReading[] Readings { get; init; }

    /// <summary>Averaged ratio of ratios behind each reading (NaN where SpO2 was not valid).</summary>
    public required double[] Ratios { get; init; }

    /// <summary>Detected beat times (s), sub-sample refined.</summary>
    public required double[] BeatTimes { get; init; }

    /// <summary>The band-passed pulse the detector saw (systole up), one value per sample.</summary>
    public required float[] Pulse { get; init; }

    /// <summary>Time (s) after each drain tick, when the loop could read the vitals.</summary>
    public required double[] TickTimes { get; init; }

    /// <summary>Heart rate as the vitals showed it after each tick (NaN while not valid): what a 1 Hz reading can miss.</summary>
    public required float[] TickHeartRates { get; init; }

    /// <summary>Samples the driver reported lost (expected 0: the FIFO holds 320 ms, the loop drains every 100 ms).</summary>
    public required long SamplesLost { get; init; }

    /// <summary>The reading after the recording's last sample: a spot check's result (test-point recordings).</summary>
    public VitalsReading Final { get; init; }

    /// <summary>Averaged ratio of ratios behind <see cref="Final"/> (NaN when its SpO2 is not valid).</summary>
    public double FinalRatio { get; init; } = double.NaN;

    /// <summary>Clean beats in the SpO2 ring at the end, and how many of them agreed.</summary>
    public int FinalSpO2Beats { get; init; }

    public int FinalSpO2AgreeingBeats { get; init; }

    /// <summary>What the driver's red/IR order check found.</summary>
    public ChannelOrder ChannelOrder { get; init; }
}
