using System.Text;
using WearableFirmware.Vitals;
using Xunit;

namespace WearableFirmware.Tests.Vitals;

/// <summary>
/// The loop hands the vitals a tick's samples at once (<see cref="VitalsProcessor.AddSamples"/>, filters over the
/// block in <see cref="PulseFilterPair"/>): the results must be bit for bit those of sample-by-sample processing,
/// whatever the block sizes and wherever contact starts or ends inside a block.
/// </summary>
public class BlockProcessingTests
{
    private const int Fs = 100;
    private const float G = 0.0039f;

    /// <summary>
    /// A pulse at 75 bpm on a drifting DC level with noise (seeded), and contact gaps: a 5-sample dip (debounced, not a
    /// loss), a 15-sample one and a 60-sample one (losses), and IR below the threshold for the first 40 samples.
    /// </summary>
    private static (int[] Red, int[] Ir) Recording(int seconds)
    {
        int n = seconds * Fs;
        var red = new int[n];
        var ir = new int[n];
        uint state = 12345;
        for (int i = 0; i < n; i++)
        {
            state = state * 1664525 + 1013904223;
            double noise = ((state >> 8) & 0xFFFF) / 65536.0 - 0.5;
            double t = (double)i / Fs;
            double phase = 2 * Math.PI * 1.25 * t;
            double pulse = Math.Sin(phase) + 0.4 * Math.Sin(2 * phase + 1);
            double drift = 3000 * Math.Sin(2 * Math.PI * 0.05 * t);
            ir[i] = (int)(120000 + drift - 900 * pulse + 40 * noise);
            red[i] = (int)(90000 + 0.7 * drift - 600 * pulse + 40 * noise);
        }

        void Gap(int from, int length)
        {
            for (int i = from; i < from + length && i < n; i++)
            {
                ir[i] = 2000;
                red[i] = 1500;
            }
        }

        Gap(0, 40);
        Gap(1003, 5);
        Gap(2017, 15);
        Gap(3031, 60);
        return (red, ir);
    }

    /// <summary>Everything a caller can read, floats by their bits.</summary>
    private static string State(VitalsProcessor v)
    {
        VitalsReading r = v.Reading;
        var s = new StringBuilder();
        s.Append(r.TimestampMs).Append(' ').Append(r.HeartRateValid).Append(' ').Append(Bits(r.HeartRateBpm))
            .Append(' ').Append(r.HeartRateFromSpectrum).Append(' ').Append(r.SpO2Valid).Append(' ').Append(Bits(r.SpO2Percent))
            .Append(' ').Append(r.PerfusionIndexValid).Append(' ').Append(Bits(r.PerfusionIndexPercent))
            .Append(' ').Append(r.Quality).Append(' ').Append(r.Contact).Append(' ').Append(r.BeatCount)
            .Append(' ').Append(v.SampleCount).Append(' ').Append(v.LastBeatSample).Append(' ').Append(Bits(v.LastBeatFraction))
            .Append(' ').Append(Bits(v.PulseSignal)).Append(' ').Append(Bits(v.SpO2Ratio)).Append(' ').Append(v.SpO2Beats)
            .Append(' ').Append(Bits(v.MotionHeartRate.HeartRateBpm)).Append(' ').Append(v.RrIntervals.Count);
        return s.ToString();
    }

    private static int Bits(float f) => BitConverter.SingleToInt32Bits(f);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(32)]
    [InlineData(45)]
    public void BlocksOfAnySizeGiveTheSampleBySampleResults(int blockSize)
    {
        var (red, ir) = Recording(60);
        var reference = new VitalsProcessor(new VitalsConfiguration());
        var blocks = new VitalsProcessor(new VitalsConfiguration());
        var ax = new int[2];
        int[] ay = { -256, -256 };
        int[] az = { 25, 25 };
        var redBlock = new int[blockSize];
        var irBlock = new int[blockSize];
        int beats = 0;
        for (int start = 0, tick = 0; start < red.Length; start += blockSize, tick++)
        {
            // The second half moving, so the spectral estimator's pulse input is compared too.
            bool moving = start >= red.Length / 2;
            reference.WearerMoving = moving;
            blocks.WearerMoving = moving;
            // Two accelerometer samples a tick (raw counts at 3.9 mg), as the tick's block; the reference takes them one
            // by one in time order among the tick's pulse samples (each stream spread evenly over the tick, the
            // accelerometer first on a tie).
            for (int a = 0; a < 2; a++)
            {
                ax[a] = (int)(80 * MathF.Sin(tick * 0.7f + a));
            }

            blocks.AddAccelerations(ax, ay, az, 2, G);

            int n = Math.Min(blockSize, red.Length - start);
            int fed = 0;
            for (int i = 0; i < n; i++)
            {
                while (fed < 2 && (fed + 1) * n <= (i + 1) * 2)
                {
                    reference.AddAcceleration(ax[fed] * G, ay[0] * G, az[0] * G);
                    fed++;
                }

                reference.AddSample(red[start + i], ir[start + i]);
            }

            for (; fed < 2; fed++)
            {
                reference.AddAcceleration(ax[fed] * G, ay[0] * G, az[0] * G);
            }

            Array.Copy(red, start, redBlock, 0, n);
            Array.Copy(ir, start, irBlock, 0, n);
            blocks.AddSamples(redBlock, irBlock, n);
            Assert.Equal(State(reference), State(blocks));
            beats = reference.BeatCount;
        }

        Assert.True(beats > 40, "the recording has beats: " + beats);
    }

    /// <summary>
    /// The motion estimator pairs each pulse sample with the acceleration of the same time whatever the loop's tick:
    /// the PPG at 100 sps and the accelerometer at 50 Hz handed over in ticks of 40, 100 or 200 ms give, bit for bit,
    /// what the samples give one at a time in time order (accelerometer sample j at (j + 1) × 20 ms, pulse sample i at
    /// (i + 1) × 10 ms, the accelerometer first on a tie). Contact starts on sample 40, so the estimator's 80 ms
    /// blocks of pulse and of acceleration end at different times.
    /// </summary>
    [Theory]
    [InlineData(40)]
    [InlineData(100)]
    [InlineData(200)]
    public void TheMotionEstimateDoesNotDependOnTheTickLength(int tickMs)
    {
        var (red, ir) = Recording(40);
        int accelerations = red.Length / 2;
        var x = new int[accelerations];
        var y = new int[accelerations];
        var z = new int[accelerations];
        for (int j = 0; j < accelerations; j++)
        {
            // Arm swing at 1.3 Hz, which the pulse carries as an artefact.
            double t = (j + 1) / 50.0;
            x[j] = (int)(120 * Math.Sin(2 * Math.PI * 1.3 * t));
            y[j] = (int)(-256 + 60 * Math.Cos(2 * Math.PI * 1.3 * t));
            z[j] = 25;
            double artefact = 700 * Math.Sin(2 * Math.PI * 1.3 * (t - 0.03));
            for (int i = 2 * j; i < 2 * j + 2; i++)
            {
                if (ir[i] > 10000)
                {
                    ir[i] += (int)artefact;
                    red[i] += (int)(0.8 * artefact);
                }
            }
        }

        var reference = new VitalsProcessor(new VitalsConfiguration()) { WearerMoving = true };
        var ticks = new VitalsProcessor(new VitalsConfiguration()) { WearerMoving = true };
        int perTick = tickMs / 10;
        var redTick = new int[perTick];
        var irTick = new int[perTick];
        var xTick = new int[perTick / 2];
        var yTick = new int[perTick / 2];
        var zTick = new int[perTick / 2];
        var expected = new List<int>();
        var actual = new List<int>();
        int valid = 0;
        for (int start = 0; start < red.Length; start += perTick)
        {
            for (int i = start; i < start + perTick; i++)
            {
                if (i % 2 == 1)
                {
                    int j = i / 2;
                    reference.AddAcceleration(x[j] * G, y[j] * G, z[j] * G);
                }

                reference.AddSample(red[i], ir[i]);
            }

            Array.Copy(x, start / 2, xTick, 0, perTick / 2);
            Array.Copy(y, start / 2, yTick, 0, perTick / 2);
            Array.Copy(z, start / 2, zTick, 0, perTick / 2);
            Array.Copy(red, start, redTick, 0, perTick);
            Array.Copy(ir, start, irTick, 0, perTick);
            ticks.AddAccelerations(xTick, yTick, zTick, perTick / 2, G);
            ticks.AddSamples(redTick, irTick, perTick);
            if ((start + perTick) % 200 == 0)
            {
                // Every 2 s: a whole number of ticks at each length.
                expected.Add(Bits(reference.MotionHeartRate.HeartRateBpm));
                actual.Add(Bits(ticks.MotionHeartRate.HeartRateBpm));
                valid += reference.MotionHeartRate.IsValid ? 1 : 0;
            }
        }

        Assert.True(valid >= 10, "the motion estimate is valid at " + valid + " of " + expected.Count + " instants");
        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// A tick whose PPG samples never reached the vitals (an exception in the loop's process phase) leaves its
    /// accelerations untaken; the driver then refills the same arrays for the next tick. Those are fed once, exactly as
    /// if the faulting tick had brought no accelerations at all, not twice.
    /// </summary>
    [Fact]
    public void AFaultingTicksAccelerationsAreDroppedNotFedFromRefilledArrays()
    {
        var (red, ir) = Recording(20);
        var faulted = new VitalsProcessor(new VitalsConfiguration()) { WearerMoving = true };
        var clean = new VitalsProcessor(new VitalsConfiguration()) { WearerMoving = true };
        var x = new int[5];
        var y = new int[5];
        var z = new int[5];
        var redTick = new int[10];
        var irTick = new int[10];

        void Drain(int tick)
        {
            for (int j = 0; j < 5; j++)
            {
                x[j] = (int)(120 * MathF.Sin((tick * 5 + j) * 0.16f));
                y[j] = -256;
                z[j] = 25;
            }
        }

        for (int tick = 0; tick < 150; tick++)
        {
            Drain(tick);
            faulted.AddAccelerations(x, y, z, 5, G);
            if (tick == 80)
            {
                continue; // the fault: the faulted device's AddSamples never ran; the clean one had no tick at all
            }

            clean.AddAccelerations(x, y, z, 5, G);

            Array.Copy(red, tick * 10, redTick, 0, 10);
            Array.Copy(ir, tick * 10, irTick, 0, 10);
            faulted.AddSamples(redTick, irTick, 10);
            clean.AddSamples(redTick, irTick, 10);
        }

        Assert.True(clean.MotionHeartRate.MotionLevelG > 0.01f, "the wrist moves: " + clean.MotionHeartRate.MotionLevelG);
        Assert.Equal(Bits(clean.MotionHeartRate.MotionLevelG), Bits(faulted.MotionHeartRate.MotionLevelG));
        Assert.Equal(Bits(clean.MotionHeartRate.HeartRateBpm), Bits(faulted.MotionHeartRate.HeartRateBpm));
    }

    [Fact]
    public void ThePairComputesWhatTwoPulseFiltersCompute()
    {
        var (red, ir) = Recording(20);
        var redFilter = new PulseFilter(Fs, 0.5f, 5f, 1f);
        var irFilter = new PulseFilter(Fs, 0.5f, 5f, 1f);
        var pair = new PulseFilterPair(Fs, 0.5f, 5f, 1f);
        int[] sizes = { 1, 4, 3, 32, 5, 4, 4, 17 };
        int start = 0;
        for (int b = 0; start < red.Length; b++)
        {
            if (b % 11 == 10)
            {
                redFilter.Reset();
                irFilter.Reset();
                pair.Reset();
            }

            int n = Math.Min(sizes[b % sizes.Length], red.Length - start);
            pair.Process(red, ir, start, n);
            for (int k = 0; k < n; k++)
            {
                Assert.Equal(Bits(redFilter.Process(red[start + k])), Bits(pair.RedAc[k]));
                Assert.Equal(Bits(irFilter.Process(ir[start + k])), Bits(pair.IrAc[k]));
                Assert.Equal(Bits(redFilter.Dc), Bits(pair.RedDcAfter(k)));
                Assert.Equal(Bits(irFilter.Dc), Bits(pair.IrDcAfter(k)));
            }

            start += n;
        }
    }

    [Fact]
    public void APulseFilterBlockComputesWhatADcTrackerAndBandPassCompute()
    {
        var (_, ir) = Recording(20);
        var dc = new DcTracker(Fs, 1f);
        var bandPass = Biquad.ButterworthBandPass(Fs, 0.5f, 5f);
        var filter = new PulseFilter(Fs, 0.5f, 5f, 1f);
        int[] sizes = { 1, 4, 3, 32, 5, 0, 4, 17 };
        var block = new float[32];
        int start = 0;
        for (int b = 0; start < ir.Length; b++)
        {
            if (b % 11 == 10)
            {
                dc.Reset();
                bandPass.Reset();
                filter.Reset();
            }

            int n = Math.Min(sizes[b % sizes.Length], ir.Length - start);
            for (int k = 0; k < n; k++)
            {
                block[k] = ir[start + k];
            }

            filter.Process(block, n);
            for (int k = 0; k < n; k++)
            {
                float raw = ir[start + k];
                Assert.Equal(Bits(bandPass.Process(raw - dc.Track(raw))), Bits(block[k]));
            }

            Assert.Equal(Bits(dc.Level), Bits(filter.Dc));
            start += n;
        }
    }

    [Fact]
    public void BlockCopiesIntoTheBeatWindowAndPulseHistoryActAsSampleBySample()
    {
        // Blocks of varied sizes, past the window's capacity (its spill path) and round the history's ring; the history
        // takes the negated pulse sample by sample and the signal as it is in blocks (the correlation ignores the sign).
        var (red, ir) = Recording(10);
        var windowBySample = new BeatWindow(50);
        var windowByBlock = new BeatWindow(50);
        var historyBySample = new PulseHistory(130);
        var historyByBlock = new PulseHistory(130);
        var redAc = new float[32];
        var irAc = new float[32];
        int[] sizes = { 1, 4, 3, 32, 5, 0, 4, 17, 29 };
        int start = 0;
        for (int b = 0; start + 32 <= red.Length; b++)
        {
            int n = sizes[b % sizes.Length];
            for (int k = 0; k < n; k++)
            {
                redAc[k] = red[start + k] - 90000f;
                irAc[k] = ir[start + k] - 120000f;
                windowBySample.Add(redAc[k], irAc[k]);
                historyBySample.Add(-irAc[k]);
            }

            windowByBlock.Add(redAc, irAc, 0, n);
            historyByBlock.Add(irAc, 0, n);
            start += n;
            Assert.Equal(windowBySample.Count, windowByBlock.Count);
            if (b % 3 == 2)
            {
                Assert.Equal(Bits(windowBySample.IrPeakToPeak), Bits(windowByBlock.IrPeakToPeak));
                Assert.Equal(Bits(windowBySample.Correlation), Bits(windowByBlock.Correlation));
                Assert.Equal(Bits(windowBySample.AcRatio), Bits(windowByBlock.AcRatio));
                Assert.Equal(Bits(historyBySample.Correlation(40, 60)), Bits(historyByBlock.Correlation(40, 60)));
                Assert.Equal(Bits(historyBySample.Correlation(13, 100)), Bits(historyByBlock.Correlation(13, 100)));
            }

            if (b % 5 == 4)
            {
                windowBySample.Clear();
                windowByBlock.Clear();
            }
        }
    }

    [Fact]
    public void ContactRunsAheadAsSampleBySample()
    {
        // IR above the threshold with single dips below it (3 %) and three 12-sample ones (10 end contact).
        var ir = new int[2000];
        uint state = 7;
        for (int i = 0; i < ir.Length; i++)
        {
            state = state * 1664525 + 1013904223;
            ir[i] = (state >> 24) < 8 ? 5000 : 50000;
        }

        foreach (int from in new[] { 500, 1000, 1500 })
        {
            for (int i = from; i < from + 12; i++)
            {
                ir[i] = 5000;
            }
        }

        var reference = new ContactDetector(10000, 25, 10);
        var ahead = new ContactDetector(10000, 25, 10);
        int losses = 0;
        for (int i = 0; i < ir.Length;)
        {
            if (ahead.State != SensorContact.Contact)
            {
                Assert.Equal(reference.Process(ir[i]), ahead.Process(ir[i]));
                i++;
                continue;
            }

            int end = Math.Min(ir.Length, i + 1 + (i % 9));
            int stop = ahead.KeepsContactUntil(ir, i, end);
            for (; i < end; i++)
            {
                SensorContact expected = reference.Process(ir[i]);
                Assert.Equal(i < stop || i > stop ? SensorContact.Contact : SensorContact.NoContact, expected);
                if (i == stop)
                {
                    losses++;
                    i++;
                    break;
                }
            }

            Assert.Equal(reference.State, ahead.State);
        }

        Assert.True(losses >= 2, "contact was lost: " + losses);
    }
}
