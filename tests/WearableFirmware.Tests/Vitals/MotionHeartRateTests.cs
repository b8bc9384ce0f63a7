using System.IO.Compression;
using WearableFirmware.SimulatedBoard.Signals;
using Xunit.Abstractions;
using WearableFirmware.Tests.Repository;
using WearableFirmware.Simulator.Evaluation;
using WearableFirmware.Vitals;
using Xunit;

namespace WearableFirmware.Tests.Vitals;

public class RealSpectrumTests
{
    [Fact]
    public void PowerMatchesTheDftDefinition()
    {
        var random = new Random(7);
        var spectrum = new RealSpectrum(64);
        var x = new double[64];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = random.NextDouble() * 2 - 1;
            spectrum.Input[i] = (float)x[i];
        }

        var power = new float[33];
        spectrum.Compute(power, 0, 32);
        for (int k = 0; k <= 32; k++)
        {
            double re = 0, im = 0;
            for (int n = 0; n < 64; n++)
            {
                re += x[n] * Math.Cos(2 * Math.PI * k * n / 64);
                im -= x[n] * Math.Sin(2 * Math.PI * k * n / 64);
            }

            double expected = re * re + im * im;
            Assert.True(Math.Abs(power[k] - expected) <= 1e-4 * (1 + expected), $"bin {k}: {power[k]} against {expected}");
        }
    }

    [Fact]
    public void SizeMustBeAPowerOfTwo()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealSpectrum(96));
    }
}

public class ComplexFftTests
{
    private static (double Re, double Im) Dft(double[] re, double[] im, int k)
    {
        int n = re.Length;
        double sr = 0, si = 0;
        for (int t = 0; t < n; t++)
        {
            double c = Math.Cos(2 * Math.PI * k * t / n), s = Math.Sin(2 * Math.PI * k * t / n);
            sr += re[t] * c + im[t] * s;
            si += im[t] * c - re[t] * s;
        }

        return (sr, si);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(128)]
    public void TransformMatchesTheDftDefinition(int n)
    {
        var random = new Random(11);
        var fft = new ComplexFft(n);
        var re = new double[n];
        var im = new double[n];
        for (int i = 0; i < n; i++)
        {
            re[i] = random.NextDouble() * 2 - 1;
            im[i] = random.NextDouble() * 2 - 1;
            fft.InputReal[i] = (float)re[i];
            fft.InputImaginary[i] = (float)im[i];
        }

        fft.Transform();
        for (int k = 0; k < n; k++)
        {
            var (er, ei) = Dft(re, im, k);
            Assert.True(Math.Abs(fft.Real[k] - er) <= 1e-4 * n && Math.Abs(fft.Imaginary[k] - ei) <= 1e-4 * n, $"bin {k}: {fft.Real[k]}, {fft.Imaginary[k]} against {er}, {ei}");
        }
    }

    [Fact]
    public void PairSpectrumSeparatesTwoRealSequences()
    {
        var random = new Random(5);
        const int n = 64;
        var pair = new PairSpectrum(n);
        var a = new double[n];
        var b = new double[n];
        var zero = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = random.NextDouble() * 2 - 1;
            b[i] = Math.Sin(2 * Math.PI * 5 * i / n) + 0.3 * (random.NextDouble() - 0.5);
            pair.First[i] = (float)a[i];
            pair.Second[i] = (float)b[i];
        }

        var pa = new float[n / 2 + 1];
        var pb = new float[n / 2 + 1];
        pair.Compute(pa, pb, 0, n / 2);
        var sum = new float[n / 2 - 2];
        pair.ComputeSum(sum, 2, n / 2 - 1);
        for (int k = 0; k <= n / 2; k++)
        {
            var (ar, ai) = Dft(a, zero, k);
            var (br, bi) = Dft(b, zero, k);
            double ea = ar * ar + ai * ai, eb = br * br + bi * bi;
            Assert.True(Math.Abs(pa[k] - ea) <= 1e-3 * (1 + ea), $"first, bin {k}: {pa[k]} against {ea}");
            Assert.True(Math.Abs(pb[k] - eb) <= 1e-3 * (1 + eb), $"second, bin {k}: {pb[k]} against {eb}");
            if (k >= 2 && k <= n / 2 - 1)
            {
                Assert.True(Math.Abs(sum[k - 2] - (ea + eb)) <= 1e-3 * (1 + ea + eb), $"sum, bin {k}");
            }
        }
    }

    [Fact]
    public void SizeMustBeAPowerOfTwo()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComplexFft(48));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComplexFft(2));
    }
}

public class MotionArtefactCancellerTests
{
    [Fact]
    public void TheArtefactTheAccelerometerPredictsIsRemovedAndThePulseStays()
    {
        // 25 Hz: a 2.5 Hz pulse plus an artefact that is a delayed, scaled copy of two accelerometer axes at 1.4 Hz
        // (arm swing) and 2.8 Hz (steps), five times the pulse.
        const double fs = 25;
        var canceller = new MotionArtefactCanceller(16, 0.01f, 0.005f);
        double residualArtefact = 0, pulseEnergy = 0;
        for (int n = 0; n < 25 * 120; n++)
        {
            double t = n / fs;
            float ax = (float)(0.8 * Math.Sin(2 * Math.PI * 1.4 * t));
            float ay = (float)(0.5 * Math.Sin(2 * Math.PI * 2.8 * t + 1));
            double artefact = 3 * Math.Sin(2 * Math.PI * 1.4 * (t - 0.08)) + 4 * Math.Sin(2 * Math.PI * 2.8 * (t - 0.04) + 1);
            double pulse = Math.Sin(2 * Math.PI * 2.5 * t);
            float residual = canceller.Process((float)(pulse + artefact), ax, ay, 0);
            if (t >= 60)
            {
                residualArtefact += (residual - pulse) * (residual - pulse);
                pulseEnergy += pulse * pulse;
            }
        }

        // The artefact carried 25 times the pulse's energy; after a minute of adaptation less than a tenth is left.
        Assert.True(residualArtefact < 0.1 * pulseEnergy, $"left {residualArtefact / pulseEnergy:F3} of the pulse's energy as artefact");
    }
}

public class SpectralHeartRateTrackerTests
{
    /// <summary>
    /// A runner: heart rate ramps 140 → 160 bpm over a minute under an artefact four times the pulse at the step rate
    /// (170/min) and half of it (arm swing), both seen by the accelerometer. Anchored at 140 from beats at rest.
    /// </summary>
    [Fact]
    public void FollowsTheHeartNotTheStepsWhenTheArtefactIsStronger()
    {
        var estimator = new MotionHeartRateEstimator(100, 50, new MotionHeartRateSettings());
        estimator.Active = false; // at rest until the anchor
        double phase = 0;
        double worst = 0;
        bool anchored = false;
        for (int n = 0; n < 100 * 90; n++)
        {
            double t = n / 100.0;
            double bpm = t < 20 ? 140 : Math.Min(160, 140 + (t - 20) / 3);
            phase += 2 * Math.PI * bpm / 60 / 100;
            double step = 2 * Math.PI * 170 / 60 * t;
            double pulse = Math.Sin(phase) + 0.3 * Math.Sin(2 * phase);
            double artefact = 4 * Math.Sin(step / 2 + 0.3) + 3 * Math.Sin(step + 1);
            if (n % 2 == 0)
            {
                estimator.AddAcceleration((float)(0.9 * Math.Sin(step / 2)), (float)(1 + 0.7 * Math.Sin(step + 0.8)), 0.1f);
            }

            estimator.AddPulse((float)(pulse + artefact));
            if (!anchored && t >= 10)
            {
                estimator.Anchor(140);
                estimator.Active = true;
                anchored = true;
            }

            if (t >= 30 && n % 200 == 0)
            {
                Assert.True(estimator.IsValid);
                worst = Math.Max(worst, Math.Abs(estimator.HeartRateBpm - bpm));
            }
        }

        // The spectrum's window averages the ramp over 8 s (±1.3 bpm) and the bins are 5.9 bpm wide, refined.
        Assert.True(worst < 4, $"worst error {worst:F1} bpm");
    }

    /// <summary>
    /// In a pause of slow walking the beats can read half the rate: a track built while moving takes the beats'
    /// rate only after <see cref="MotionHeartRateSettings.AnchorAfterRestSeconds"/> of rest.
    /// </summary>
    [Fact]
    public void BeatsReanchorATrackBuiltWhileMovingOnlyAfterTheRestDelay()
    {
        var settings = new MotionHeartRateSettings();
        var estimator = new MotionHeartRateEstimator(100, 50, settings);
        int sample = 0;
        void Feed(double seconds)
        {
            for (int end = sample + (int)(100 * seconds); sample < end; sample++)
            {
                double t = sample / 100.0;
                if (sample % 2 == 0)
                {
                    estimator.AddAcceleration((float)(0.5 * Math.Sin(2 * Math.PI * 0.8 * t)), 1, 0);
                }

                estimator.AddPulse((float)(Math.Sin(2 * Math.PI * 2 * t) + Math.Sin(2 * Math.PI * 0.8 * t)));
            }
        }

        Feed(20);
        Assert.InRange(estimator.HeartRateBpm, 116, 124);
        estimator.Active = false;
        Feed(settings.AnchorAfterRestSeconds - 2);
        estimator.Anchor(60);
        Assert.InRange(estimator.HeartRateBpm, 116, 124);
        Feed(3);
        estimator.Anchor(60);
        Assert.Equal(60f, estimator.HeartRateBpm);
    }

    /// <summary>
    /// For the first 5 s the light holds an artefact on the arm swing's line (50 /min) and its second harmonic
    /// (100 /min, stronger than the pulse at 128 /min). The first full window's strongest bin is the harmonic and its
    /// half the swing's line, where a start at once would pin the track for some 15 s; the next window, which
    /// disagrees, defers the start until two windows agree on the pulse.
    /// </summary>
    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public void TheTrackStartsOnlyOnceTwoWindowsAgree(int agreement, bool followsThePulse)
    {
        var tracker = new SpectralHeartRateTracker(new MotionHeartRateSettings { StartAgreementUpdates = agreement });
        double worst = 0;
        int updates = 0;
        for (int n = 0; n < 12.5 * 20; n++)
        {
            double t = n / 12.5;
            double artefact = t < 5 ? 1.2 * Math.Sin(2 * Math.PI * 50 / 60 * t) + 2 * Math.Sin(2 * Math.PI * 100 / 60 * t + 0.5) : 0;
            double pulse = Math.Sin(2 * Math.PI * 128 / 60 * t);
            // A little acceleration off the pulse band's rates, so the motion spectrum is not empty.
            tracker.Add((float)(pulse + artefact), (float)(0.05 * Math.Sin(2 * Math.PI * 170 / 60 * t)), 0, 0);
            if (tracker.Updates != updates)
            {
                updates = tracker.Updates;
                if (t >= 9.5)
                {
                    worst = Math.Max(worst, Math.Abs(tracker.HeartRateBpm - 128));
                }
            }
        }

        // One start at the swing's line (without the rule) stays there through the 20 s.
        Assert.Equal(followsThePulse, worst < 4);
    }

    /// <summary>
    /// The pulse (150 /min) with a weaker peak two bins below it (138 /min); from 20 to 28 s the arm swing's second
    /// harmonic lies on the pulse, the strongest line in the accelerometer, and the gain and the penalty erase the pulse's
    /// bin with it. Held (at most <see cref="MotionHeartRateSettings.MotionLineHoldUpdates"/> updates, scored over
    /// those), the shown rate stays on the pulse; free, it drifts to the weaker peak (140.6 at 28 s).
    /// </summary>
    [Theory]
    [InlineData(5, true)]
    [InlineData(0, false)]
    public void TheShownRateHoldsWhileThePulseIsOnTheStrongestMotionLine(int holdUpdates, bool holds)
    {
        // A penalty that erases the pulse with the line (the shipped one leaves this synthetic pulse standing).
        var tracker = new SpectralHeartRateTracker(new MotionHeartRateSettings { MotionLineHoldUpdates = holdUpdates, MotionPenalty = 0.9f });
        double worst = 0;
        int updates = 0;
        for (int n = 0; n < 12.5 * 30; n++)
        {
            double t = n / 12.5;
            bool onLine = t >= 20 && t < 28;
            double swing = 2 * Math.PI * 75 / 60 * t;
            double pulse = Math.Sin(2 * Math.PI * 150 / 60 * t) + 0.85 * Math.Sin(2 * Math.PI * 138 / 60 * t);
            double artefact = onLine ? Math.Sin(2 * swing + 0.4) : 0;
            // Off the line the arm swings faster, its harmonic far above the pulse.
            double ax = onLine ? 0.3 * Math.Sin(swing) + Math.Sin(2 * swing) : 0.3 * Math.Sin(2 * Math.PI * 110 / 60 * t);
            tracker.Add((float)(pulse + artefact), (float)ax, 0, 0);
            if (tracker.Updates != updates)
            {
                updates = tracker.Updates;
                if (t >= 20)
                {
                    worst = Math.Max(worst, Math.Abs(tracker.HeartRateBpm - 150));
                }
            }
        }

        Assert.Equal(holds, worst < 4);
    }

    [Fact]
    public void WithoutAnAnchorTheStrongestUnexplainedPeakIsFound()
    {
        var estimator = new MotionHeartRateEstimator(100, 50, new MotionHeartRateSettings());
        for (int n = 0; n < 100 * 20; n++)
        {
            double t = n / 100.0;
            if (n % 2 == 0)
            {
                estimator.AddAcceleration(0, 0, 1);
            }

            estimator.AddPulse((float)Math.Sin(2 * Math.PI * 96 / 60 * t));
        }

        Assert.True(estimator.IsValid);
        Assert.InRange(estimator.HeartRateBpm, 94, 98);
        Assert.False(estimator.Tracker.Anchored);
    }
}

public class VitalsUnderMotionTests
{
    [Fact]
    public void MovingTheProcessorAllocatesNothingAndSendsNoRrIntervals()
    {
        var rr = new ushort[16];
        (VitalsProcessor Vitals, Random Random) Build()
        {
            var copy = (Vitals: new VitalsProcessor(new VitalsConfiguration()) { WearerMoving = true }, Random: new Random(3));
            Feed(copy, 0, 2000); // contact, filters and tracker state exist before measuring
            copy.Vitals.RrIntervals.Take(rr);
            return copy;
        }

        static void Feed((VitalsProcessor Vitals, Random Random) copy, int n0, int count)
        {
            for (int n = n0; n < n0 + count; n++)
            {
                double t = n / 100.0;
                if (n % 2 == 0)
                {
                    copy.Vitals.AddAcceleration((float)Math.Sin(2 * Math.PI * 1.4 * t), 1f, (float)(0.3 * copy.Random.NextDouble()));
                }

                double pulse = Math.Sin(2 * Math.PI * 2 * t) + 2 * Math.Sin(2 * Math.PI * 1.4 * t);
                int ir = (int)(100000 - 800 * pulse);
                copy.Vitals.AddSample((int)(0.6 * ir), ir);
            }
        }

        long allocated = Allocation.Of(Build, copy => Feed(copy, 2000, 6000), out var measured);
        VitalsProcessor vitals = measured.Vitals;
        VitalsReading r = vitals.Reading;
        Assert.Equal(0, allocated);
        Assert.Equal(0, vitals.RrIntervals.Take(rr));
        Assert.True(r.HeartRateValid && r.HeartRateFromSpectrum, "the rate comes from the spectrum while moving");
        Assert.InRange(r.HeartRateBpm, 115, 125);
    }
}

public class PulselessMotionTests(ITestOutputHelper output)
{
    private const double PulseBpm = 128;

    /// <summary>Readings are checked from here on: the gate needs 16 s of weak peaks, and noise has stronger stretches.</summary>
    private const int CheckedFrom = 60;

    /// <summary>
    /// Walking and running with the sensor on skin that has no pulse under it (perfusion index 0): each light carries
    /// only its own noise (0.005-0.2 % of DC) while the accelerometer swings with the arm and the steps. The spectral
    /// track followed the strongest leftover peak of the noise and showed it as the heart rate (100-150 bpm, every
    /// second). Now the peak's prominence withholds it once no pulse has stood out for a sustained time (16 s of net weak updates).
    /// </summary>
    [Theory]
    [InlineData(0.9, 0.6, 0.0005, 0)]  // walking
    [InlineData(1.4, 1.5, 0.0005, 0)]  // running
    [InlineData(0.9, 0.6, 0.002, 1)]
    [InlineData(1.4, 1.5, 0.00005, 2)]
    [InlineData(1.4, 1.5, 0.002, 3)]
    public void MovingWithoutAPulseGivesNoHeartRate(double swingHz, double swingG, double noiseFraction, int seed)
    {
        int shown = Move(swingHz, swingG, 0f, 0, noiseFraction, seed, (second, r) =>
        {
            Assert.False(r.SpO2Valid || r.PerfusionIndexValid, "SpO2 or PI while moving without a pulse at " + second + " s");
            Assert.True(!r.HeartRateValid, "heart rate " + r.HeartRateBpm + " bpm without a pulse at " + second + " s");
            Assert.Equal(SignalQuality.NonPulsatile, r.Quality);
        });
        Assert.Equal(0, shown);
    }

    /// <summary>
    /// The same motion with a pulse (128 bpm): perfusion index 1 % and 0.3 %, without an artefact, and walking with an
    /// artefact of 1 % of DC per g in both lights; the rate is shown nearly all the time and right.
    /// </summary>
    [Theory]
    [InlineData(1.4, 1.5, 1f, 0.0)]
    [InlineData(1.4, 1.5, 0.3f, 0.0)]
    [InlineData(0.9, 0.6, 1f, 0.0)]
    [InlineData(0.9, 0.6, 1f, 0.01)]
    public void AMovingPulseIsStillMeasured(double swingHz, double swingG, float perfusionPercent, double artefactPerG)
    {
        int wrong = 0;
        int shown = Move(swingHz, swingG, perfusionPercent, artefactPerG, 0.0005, 0, (second, r) =>
        {
            if (r.HeartRateValid && Math.Abs(r.HeartRateBpm - PulseBpm) > 0.1 * PulseBpm)
            {
                wrong++;
            }
        });
        Assert.True(shown >= 58 && wrong == 0, "rate shown " + shown + " of 61 s, " + wrong + " wrong");
    }

    /// <summary>
    /// Two minutes of moving, by hand: the arm swing along x, the steps (twice its rate) along y and z; both lights
    /// carry the pulse (red half as deep), the artefact (linear in the acceleration plus the blood's slosh, squared) and
    /// their own white noise. Calls <paramref name="check"/> each second from <see cref="CheckedFrom"/>; returns the seconds with a rate.
    /// </summary>
    private int Move(double swingHz, double swingG, float perfusionPercent, double artefactPerG, double noiseFraction, int seed, Action<int, VitalsReading> check)
    {
        var vitals = new VitalsProcessor(new VitalsConfiguration()) { WearerMoving = true };
        var random = new Random(seed);
        double beatPhase = 0;
        int shown = 0;
        for (int n = 0; n < 100 * 120; n++)
        {
            double t = n / 100.0;
            double ax = swingG * Math.Sin(2 * Math.PI * swingHz * t);
            double ay = 0.4 * swingG * Math.Sin(2 * Math.PI * 2 * swingHz * t + 0.7);
            double az = 0.2 * swingG * Math.Sin(2 * Math.PI * 2 * swingHz * t + 1.9);
            if (n % 2 == 0)
            {
                vitals.AddAcceleration((float)ax, (float)(1 + ay), (float)az);
            }

            beatPhase += PulseBpm / 60.0 / 100.0;
            double pulse = perfusionPercent / 100.0 * SyntheticPpgSignal.PulseShape(beatPhase - Math.Floor(beatPhase));
            double artefact = artefactPerG * (ax + 0.5 * ay + 0.3 * az + 0.4 * ax * ax);
            double ir = 100_000 * (1 - pulse + artefact + noiseFraction * Gaussian(random));
            double red = 60_000 * (1 - 0.5 * pulse + artefact + noiseFraction * Gaussian(random));
            vitals.AddSample((int)red, (int)ir);
            if (n % 100 == 99)
            {
                int second = (n + 1) / 100;
                VitalsReading r = vitals.Reading;
                if (second % 10 == 0)
                {
                    output.WriteLine($"{second} s: {(r.HeartRateValid ? r.HeartRateBpm.ToString("F0") + " bpm" : "no rate")} {r.Quality}");
                }

                if (second >= CheckedFrom)
                {
                    Assert.False(r.SpO2Valid, "SpO2 while moving at " + second + " s");
                    check(second, r);
                    if (r.HeartRateValid)
                    {
                        shown++;
                    }
                }
            }
        }

        output.WriteLine($"rate shown {shown} of {121 - CheckedFrom} s from {CheckedFrom} s");
        return shown;
    }

    private static double Gaussian(Random random)
    {
        double u = 1 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}

public class MatFileTests
{
    [Fact]
    public void ReadsCompressedAndPlainMatricesOfAHandMadeFile()
    {
        // 'sig': 2 × 3 doubles, compressed (as MATLAB saves with -v7); 'BPM0': 3 × 1 stored as int16 (MATLAB may
        // store whole numbers compactly), plain; 'note': a char array, which the reader refuses by name.
        byte[] sig = Matrix("sig", 6, 2, 3, 9, Doubles(1.5, -2, 3.25, 4, 5, -6.5));
        byte[] bpm = Matrix("BPM0", 6, 3, 1, 3, Int16s(70, 71, 140));
        byte[] note = Matrix("note", 4, 1, 2, 4, Int16s('h', 'i'));
        byte[] file = Concat(Header(), Compressed(sig), bpm, note);
        string path = Path.Combine(Path.GetTempPath(), "matfile-" + Guid.NewGuid() + ".mat");
        File.WriteAllBytes(path, file);
        try
        {
            MatFile.Contents c = MatFile.Read(path);
            MatMatrix s = c.Matrix("sig");
            Assert.Equal((2, 3), (s.Rows, s.Columns));
            Assert.Equal(new[] { 1.5, -2, 3.25, 4, 5, -6.5 }, s.Values);
            Assert.Equal(3.25, s[0, 1]);
            Assert.Equal(new float[] { -2, 4, -6.5f }, s.Row(1));
            Assert.Equal(new double[] { 70, 71, 140 }, c.Matrix("BPM0").Values);
            var e = Assert.Throws<InvalidDataException>(() => c.Matrix("note"));
            Assert.Contains("char", e.Message);
            e = Assert.Throws<InvalidDataException>(() => c.Matrix("BPM1"));
            Assert.Contains("sig", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void UnreadableFilesGiveAClearError()
    {
        byte[] good = Concat(Header(), Compressed(Matrix("x", 6, 1, 1, 9, Doubles(1))));
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => MatFile.Parse(good[..^3], "f.mat")).Message);
        byte[] v73 = Header();
        System.Text.Encoding.ASCII.GetBytes("MATLAB 7.3 MAT-file").CopyTo(v73, 0);
        Assert.Contains("7.3", Assert.Throws<InvalidDataException>(() => MatFile.Parse(v73, "f.mat")).Message);
        Assert.Contains("not a MAT file", Assert.Throws<InvalidDataException>(() => MatFile.Parse(new byte[200], "f.mat")).Message);
        byte[] corrupt = (byte[])good.Clone();
        corrupt[140] ^= 0xFF;
        Assert.Throws<InvalidDataException>(() => MatFile.Parse(corrupt, "f.mat"));
    }

    [SkippableFact]
    public void ReadsEverySpCupTrainingRecording()
    {
        string dir = Path.Combine(RepoPaths.SharedData, "ppg-motion", "spcup2015", "Training_data");
        Skip.IfNot(Directory.Exists(dir), "SP Cup data not found at " + dir + " (../shared/data beside the repository)");
        IReadOnlyList<SpCupRecording> recs = SpCupRecording.LoadAll(dir);
        Assert.Equal(12, recs.Count);
        foreach (SpCupRecording r in recs)
        {
            // The data README: floor((N − 1000) / 250) + 1 windows, 69-177 bpm (rounded).
            Assert.Equal((r.Samples - 1000) / 250 + 1, r.ReferenceBpm.Length);
            Assert.All(r.ReferenceBpm, v => Assert.InRange(v, 68.5, 177.5));
            Assert.InRange(MotionPpgReplay.AccelerationGain(r), 1.0, 1.25);
        }
    }

    private static byte[] Header()
    {
        var h = new byte[128];
        System.Text.Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, hand-made for a test".PadRight(116)).CopyTo(h, 0);
        h[124] = 0x00;
        h[125] = 0x01;
        h[126] = (byte)'I';
        h[127] = (byte)'M';
        return h;
    }

    private static byte[] Matrix(string name, int mxClass, int rows, int columns, int dataType, byte[] data)
    {
        byte[] flags = Element(6, new byte[] { (byte)mxClass, 0, 0, 0, 0, 0, 0, 0 });
        byte[] dims = Element(5, Concat(BitConverter.GetBytes(rows), BitConverter.GetBytes(columns)));
        // A name of up to 4 characters goes in the small-element format.
        byte[] nameBytes = System.Text.Encoding.ASCII.GetBytes(name);
        byte[] nameElement = new byte[8];
        BitConverter.GetBytes(1 | (nameBytes.Length << 16)).CopyTo(nameElement, 0);
        nameBytes.CopyTo(nameElement, 4);
        byte[] body = Concat(flags, dims, nameElement, Element(dataType, data));
        return Element(14, body);
    }

    private static byte[] Element(int type, byte[] data)
    {
        int padded = (data.Length + 7) & ~7;
        var e = new byte[8 + padded];
        BitConverter.GetBytes(type).CopyTo(e, 0);
        BitConverter.GetBytes(data.Length).CopyTo(e, 4);
        data.CopyTo(e, 8);
        return e;
    }

    private static byte[] Compressed(byte[] element)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(element);
        }

        byte[] deflated = output.ToArray();
        var e = new byte[8 + deflated.Length];
        BitConverter.GetBytes(15).CopyTo(e, 0);
        BitConverter.GetBytes(deflated.Length).CopyTo(e, 4);
        deflated.CopyTo(e, 8);
        return e;
    }

    private static byte[] Doubles(params double[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    private static byte[] Int16s(params int[] v) => v.SelectMany(x => BitConverter.GetBytes((short)x)).ToArray();

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
