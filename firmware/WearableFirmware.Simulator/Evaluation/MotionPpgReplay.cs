using WearableFirmware.Application;
using WearableFirmware.SimulatedBoard;
using WearableFirmware.SimulatedBoard.Signals;
using WearableFirmware.SimulatedBoard.Storage;
using WearableFirmware.Vitals;

namespace WearableFirmware.Simulator.Evaluation;

/// <summary>
/// Plays an SP Cup recording through the whole firmware as the ESP32 runs it (<see cref="WearableApplication"/>:
/// sampling loop, MAX30102 and ADXL345 drivers, motion and vitals processing, publishing) on the simulated
/// board's chip models. The first PPG channel is the light the MAX30102's IR LED returns, the second its red
/// (both are green light in the recording: stand-ins); the accelerometer is the motion the ADXL345 model feels.
/// Both chips sample at the firmware's rates (100 sps, 50 Hz) on one virtual clock whose zero is the recording's.
/// </summary>
public static class MotionPpgReplay
{
    /// <summary>Typical pulse size of the stand-in IR channel: its median 8-s standard deviation becomes this share of the DC light.</summary>
    public const float IrPulseFraction = 0.003f;

    public static MotionReplayResult Run(SpCupRecording rec, ApplicationSettings settings)
    {
        // The recordings' PPG is absorbance-like (it rises as the pulse arrives) without its DC: light falls with it.
        float[] ir = AsLight(rec.Ppg1, SyntheticPpgSignal.TypicalIrDcNanoampsPerMilliamp, IrPulseFraction);
        float redFraction = IrPulseFraction * settings.Vitals.Calibration.RatioFor(97f);
        float[] red = AsLight(rec.Ppg2, SyntheticPpgSignal.TypicalRedDcNanoampsPerMilliamp, redFraction);
        double gain = AccelerationGain(rec);
        var motion = new RecordedMotion(Scale(rec.AccX, gain), Scale(rec.AccY, gain), Scale(rec.AccZ, gain), SpCupRecording.SampleRateHz);

        var clock = new VirtualClock();
        var ppgChip = new WearableFirmware.SimulatedBoard.Chips.Max30102Model(clock, RecordedPpgSignal.AtFixedRate(red, ir, SpCupRecording.SampleRateHz));
        var motionChip = new WearableFirmware.SimulatedBoard.Chips.Adxl345Model(clock, motion);
        var app = new WearableApplication(clock, ppgChip, motionChip, new SimulatedFlash(16, 8192), new SimulatedFlash(SimulatedWearable.SettingsSegments, SimulatedWearable.SettingsSegmentBytes),
            new RecordingWatchdog(clock),
            new RecordingAlarm(clock), new ScriptedButton(clock), new SimulatedBattery(clock), SimulatedWearable.BluetoothAddress, settings);
        if (!app.Start(resetCause: 0))
        {
            throw new InvalidOperationException(rec.Name + ": a sensor did not start on the chip models");
        }

        int windows = rec.ReferenceBpm.Length;
        var times = new double[windows];
        var readings = new VitalsReading[windows];
        var steps = new double[windows];
        var moving = new bool[windows];
        var levels = new double[windows];
        var anchored = new bool[windows];
        for (int i = 0; i < windows; i++)
        {
            double end = SpCupRecording.WindowEnd(i);
            // The reading published at the window's end: the loop's first tick at or after it.
            app.Run((long)Math.Round(end * 1e6));
            app.Loop.RunOneTick();
            times[i] = end;
            readings[i] = app.Vitals.Reading;
            steps[i] = app.AccelerometerProcessingStage.CadenceStepsPerMinute;
            moving[i] = app.AccelerometerProcessingStage.Moving;
            levels[i] = app.Vitals.MotionHeartRate.MotionLevelG;
            anchored[i] = app.Vitals.MotionHeartRate.Tracker.Anchored;
        }

        return new MotionReplayResult
        {
            Recording = rec,
            Times = times,
            Readings = readings,
            StepRates = steps,
            Moving = moving,
            MotionLevels = levels,
            Anchored = anchored,
            AccelerationGain = gain,
            PpgSamplesLost = app.Ppg.Health.SamplesLost,
            MotionSamplesLost = app.Accelerometer.Health.SamplesLost,
        };
    }

    /// <summary>
    /// The recordings' accelerometer reads 0.85-0.92 at rest, not 1 g. A device calibrates at rest; here the gain
    /// makes the median magnitude of the stillest tenth of 2-s stretches 1 g (any recording with a still moment).
    /// </summary>
    public static double AccelerationGain(SpCupRecording rec)
    {
        int span = (int)(2 * SpCupRecording.SampleRateHz);
        var stretches = new List<(double Sd, double Mean)>();
        for (int start = 0; start + span <= rec.Samples; start += span)
        {
            double sum = 0, sum2 = 0;
            for (int i = start; i < start + span; i++)
            {
                double m = Math.Sqrt(rec.AccX[i] * rec.AccX[i] + rec.AccY[i] * rec.AccY[i] + rec.AccZ[i] * rec.AccZ[i]);
                sum += m;
                sum2 += m * m;
            }

            double mean = sum / span;
            stretches.Add((Math.Sqrt(Math.Max(0, sum2 / span - mean * mean)), mean));
        }

        if (stretches.Count == 0)
        {
            throw new InvalidDataException(rec.Name + ": shorter than 2 s");
        }

        var stillest = stretches.OrderBy(s => s.Sd).Take(Math.Max(1, stretches.Count / 10)).Select(s => s.Mean).Order().ToList();
        double g = stillest[stillest.Count / 2];
        if (!(g > 0.2 && g < 5))
        {
            throw new InvalidDataException($"{rec.Name}: the accelerometer reads {g:F2} where it is stillest; not in g");
        }

        return 1 / g;
    }

    private static float[] AsLight(float[] values, float dc, float pulseFraction)
    {
        int span = (int)(SpCupRecording.WindowSeconds * SpCupRecording.SampleRateHz);
        var sds = new List<double>();
        for (int start = 0; start + span <= values.Length; start += span)
        {
            double mean = 0, m2 = 0;
            for (int i = start; i < start + span; i++)
            {
                mean += values[i];
            }

            mean /= span;
            for (int i = start; i < start + span; i++)
            {
                m2 += (values[i] - mean) * (values[i] - mean);
            }

            sds.Add(Math.Sqrt(m2 / span));
        }

        sds.Sort();
        double typical = sds.Count > 0 ? sds[sds.Count / 2] : 1;
        double k = typical > 0 ? pulseFraction / typical : 0;
        var light = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            light[i] = (float)(dc * Math.Max(0.01, 1 - k * values[i]));
        }

        return light;
    }

    private static float[] Scale(float[] values, double gain)
    {
        var r = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            r[i] = (float)(values[i] * gain);
        }

        return r;
    }
}
