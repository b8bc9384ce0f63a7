using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.SimulatedBoard.Vitals;
using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Evaluation;

/// <summary>
/// Replays a recording as the device would see it: the recording lights the MAX30102 chip model, which samples it at
/// its configured rate; the driver (default <see cref="Max3010xSettings"/>) drains the FIFO every loop period
/// (<see cref="SimulatedPpgSensor.DefaultDrainIntervalMicroseconds"/>) of simulated time and the samples go through
/// the vitals pipeline. A reading is taken once a second, as the loop publishes.
/// </summary>
public static class PpgReplay
{
    /// <param name="settings">MAX30102 settings; default the firmware's (<see cref="OxiWearFile.ReplaySettings"/> for OxiWear).</param>
    public static PpgReplayResult Run(PpgRecording recording, VitalsConfiguration configuration, Max3010xSettings? settings = null)
    {
        settings ??= recording.DataSet == PpgDataSet.OxiWear ? OxiWearFile.ReplaySettings() : null;
        RecordedPpgSignal light = recording.ToSignal(settings);
        var sensor = new SimulatedPpgSensor(light, settings);
        int rate = sensor.SampleRateHz;
        if (configuration.SampleRateHz != rate)
        {
            throw new ArgumentException("the MAX30102 delivers " + rate + " sps but the pipeline is configured for " + configuration.SampleRateHz);
        }

        // The recording's first frame plays at the chip's first conversion, so sample k is recording time k / rate.
        light.StartMicroseconds = sensor.FirstSampleMicroseconds;
        var processor = new VitalsProcessor(configuration);
        // Whole microseconds: 2.53 s × 100 in floating point is 252.99999.
        long samples = recording.FrameTimesMicroseconds[^1] * rate / 1_000_000 + 1;
        var times = new List<double>();
        var readings = new List<VitalsReading>();
        var ratios = new List<double>();
        var beats = new List<double>();
        var pulse = new List<float>((int)samples);
        int beatCount = 0;
        sensor.AfterEachSample = p =>
        {
            pulse.Add(p.PulseSignal);
            if (p.BeatCount != beatCount)
            {
                beatCount = p.BeatCount;
                beats.Add((p.LastBeatSample + p.LastBeatFraction) / rate);
            }
        };

        long nextReading = rate;
        var tickTimes = new List<double>();
        var tickRates = new List<float>();
        while (sensor.SamplesDelivered < samples)
        {
            sensor.Tick(processor, samples);
            VitalsReading now = processor.Reading;
            tickTimes.Add(sensor.SamplesDelivered / (double)rate);
            tickRates.Add(now.HeartRateValid ? now.HeartRateBpm : float.NaN);
            while (sensor.SamplesDelivered >= nextReading && nextReading <= samples)
            {
                // Published after the drain that crossed the second, as the loop does.
                VitalsReading reading = processor.Reading;
                times.Add(nextReading / (double)rate);
                readings.Add(reading);
                ratios.Add(reading.SpO2Valid ? processor.SpO2Ratio : double.NaN);
                nextReading += rate;
            }
        }

        VitalsReading final = processor.Reading;
        return new PpgReplayResult
        {
            Final = final,
            FinalRatio = final.SpO2Valid ? processor.SpO2Ratio : double.NaN,
            FinalSpO2Beats = processor.SpO2Beats,
            FinalSpO2AgreeingBeats = processor.SpO2AgreeingBeats,
            ChannelOrder = sensor.Driver.ChannelOrder,
            Recording = recording,
            SampleRateHz = rate,
            Times = times.ToArray(),
            Readings = readings.ToArray(),
            Ratios = ratios.ToArray(),
            BeatTimes = beats.ToArray(),
            Pulse = pulse.ToArray(),
            TickTimes = tickTimes.ToArray(),
            TickHeartRates = tickRates.ToArray(),
            SamplesLost = sensor.SamplesLost,
        };
    }
}
