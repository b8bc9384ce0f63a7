using System;
using WearableFirmware.Application;
using WearableFirmware.Ble;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.Falls;
using WearableFirmware.Storage;
using WearableFirmware.Time;
using WearableFirmware.Vitals;

namespace WearableFirmware.Bench
{
    /// <summary>
    /// One part of the firmware driven over the bench data, one second of data at a time. <see cref="Prepare"/> does
    /// what the stage needs but is not part of it (e.g. the vitals a publication reads) and is not timed;
    /// <see cref="Run"/> is the stage. The host meters both and subtracts a run that only prepares, so a stage's
    /// instruction count excludes its construction and preparation.
    /// </summary>
    public abstract class BenchStage
    {
        protected BenchStage(BenchSignals signals)
        {
            Signals = signals;
        }

        public BenchSignals Signals { get; private set; }

        public virtual void Prepare(int second)
        {
        }

        public abstract void Run(int second);

        /// <summary>What the stage computed, in integers (float formatting differs between runtimes): the same on both.</summary>
        public abstract string Outcome { get; }

        protected static string Tenths(float value)
        {
            return ((int)(value * 10f + (value < 0 ? -0.5f : 0.5f))).ToString();
        }
    }

    /// <summary>The stages, by name, in the order the bench reports them.</summary>
    public static class BenchStages
    {
        public static readonly string[] Names = new string[] { "ppg-driver", "motion-driver", "vitals", "fall", "cadence", "publish", "app" };

        public static readonly string[] Descriptions = new string[]
        {
            "MAX30102 driver: status, pointers, FIFO burst and unpacking, every 40 ms",
            "ADXL345 driver: INT_SOURCE, FIFO_STATUS, one 6-byte read per entry, every 40 ms",
            "VitalsProcessor.AddSample for every red/IR pair (100/s)",
            "the shipped fall detector (FallSensing.CreateDetector) for every accelerometer sample (50/s)",
            "CadenceEstimator.Add for every accelerometer magnitude (50/s)",
            "VitalsPublisher once a second: reading, HRM + PLX encoding, alert vitals, spot-check",
            "WearableApplication: sampling loop over both chips, every stage and publisher (25 ticks/s)",
        };

        public static BenchStage Create(string name, BenchSignals signals)
        {
            switch (name)
            {
                case "ppg-driver":
                    return new PpgDriverStage(signals);
                case "motion-driver":
                    return new MotionDriverStage(signals);
                case "vitals":
                    return new VitalsStage(signals);
                case "fall":
                    return new FallStage(signals);
                case "cadence":
                    return new CadenceStage(signals);
                case "publish":
                    return new PublishStage(signals);
                case "app":
                    return new ApplicationStage(signals);
                default:
                    throw new ArgumentException(string.Concat("no bench stage named ", name));
            }
        }
    }

    /// <summary>A sensor driver drained every 40 ms, as the loop's acquire phase does.</summary>
    public abstract class DrainStage : BenchStage
    {
        private long _samples;
        private long _checksum;

        protected DrainStage(BenchSignals signals)
            : base(signals)
        {
        }

        protected BenchClock Clock { get; } = new BenchClock();

        /// <summary>Samples the chip produced that never reached the driver's caller.</summary>
        protected abstract long Lost { get; }

        public override void Run(int second)
        {
            for (int tick = 0; tick < 25; tick++)
            {
                Clock.SleepMicroseconds(40000);
                int n = Drain();
                _samples += n;
                if (n > 0)
                {
                    _checksum += Checksum(n);
                }
            }
        }

        public override string Outcome
        {
            get { return string.Concat("samples ", _samples.ToString(), ", checksum ", _checksum.ToString(), ", lost ", Lost.ToString()); }
        }

        protected abstract int Drain();

        /// <summary>Something of the first and last sample of a drain, so a misplaced byte shows.</summary>
        protected abstract long Checksum(int count);
    }

    /// <summary>The MAX30102 driver over the replayed chip.</summary>
    public sealed class PpgDriverStage : DrainStage
    {
        private readonly Max30102 _driver;

        public PpgDriverStage(BenchSignals signals)
            : base(signals)
        {
            _driver = new Max30102(new ReplayMax30102(Clock, signals.Red, signals.Ir, BenchSignals.PpgRateHz), Clock, new Max3010xSettings());
            if (!_driver.Start())
            {
                throw new InvalidOperationException(_driver.DescribeLastError());
            }
        }

        protected override long Lost
        {
            get { return _driver.Health.SamplesLost; }
        }

        protected override int Drain()
        {
            return _driver.Drain();
        }

        protected override long Checksum(int count)
        {
            return _driver.Red[count - 1] + _driver.Ir[0];
        }
    }

    /// <summary>The ADXL345 driver over the replayed chip.</summary>
    public sealed class MotionDriverStage : DrainStage
    {
        private readonly Adxl345 _driver;

        public MotionDriverStage(BenchSignals signals)
            : base(signals)
        {
            _driver = new Adxl345(new ReplayAdxl345(Clock, signals.Xmg, signals.Ymg, signals.Zmg, BenchSignals.MotionRateHz), Clock,
                FallSensing.AccelerometerSettings());
            if (!_driver.Start())
            {
                throw new InvalidOperationException(_driver.DescribeLastError());
            }
        }

        protected override long Lost
        {
            get { return _driver.Health.SamplesLost; }
        }

        protected override int Drain()
        {
            return _driver.Drain();
        }

        protected override long Checksum(int count)
        {
            return _driver.X[count - 1] + _driver.Y[0] + _driver.Z[0];
        }
    }

    /// <summary>Every red/IR pair into the vitals pipeline, told about movement and steps as the loop tells it.</summary>
    public sealed class VitalsStage : BenchStage
    {
        private readonly VitalsProcessor _vitals = new VitalsProcessor(new VitalsConfiguration());
        private VitalsReading _reading;
        private int _heartRateSeconds;

        public VitalsStage(BenchSignals signals)
            : base(signals)
        {
            _vitals.WearerMoving = signals.StepsPerMinute > 0;
            _vitals.MotionCadenceBpm = signals.StepsPerMinute;
        }

        public VitalsProcessor Processor
        {
            get { return _vitals; }
        }

        public override void Run(int second)
        {
            int[] red = Signals.Red;
            int[] ir = Signals.Ir;
            int end = (second + 1) * BenchSignals.PpgRateHz;
            for (int i = second * BenchSignals.PpgRateHz; i < end; i++)
            {
                _vitals.AddSample(red[i], ir[i]);
            }

            _vitals.Read(ref _reading);
            if (_reading.HeartRateValid)
            {
                _heartRateSeconds++;
            }
        }

        public override string Outcome
        {
            get
            {
                VitalsReading r = _vitals.Reading;
                return string.Concat("beats ", r.BeatCount.ToString(), ", heart rate valid ", _heartRateSeconds.ToString(), " s, last ",
                    Tenths(r.HeartRateBpm), "/10 bpm, SpO2 ", Tenths(r.SpO2Percent), "/10 %, quality ", ((int)r.Quality).ToString());
            }
        }
    }

    /// <summary>Every accelerometer sample into the shipped fall detector, in g as the loop passes it (counts x 1/256).</summary>
    public sealed class FallStage : BenchStage
    {
        private readonly IFallDetector _detector = FallSensing.CreateDetector(FallSensing.DefaultPlacement, FallSensing.WristDetectorSettings(),
            FallSensing.DetectorSettings());
        private readonly float[] _x;
        private readonly float[] _y;
        private readonly float[] _z;
        private int _falls;

        public FallStage(BenchSignals signals)
            : base(signals)
        {
            _x = InG(signals.Xmg);
            _y = InG(signals.Ymg);
            _z = InG(signals.Zmg);
        }

        public override void Run(int second)
        {
            int end = (second + 1) * BenchSignals.MotionRateHz;
            for (int i = second * BenchSignals.MotionRateHz; i < end; i++)
            {
                if (_detector.Process(_x[i], _y[i], _z[i]) == FallDecision.Fall)
                {
                    _falls++;
                }
            }
        }

        public override string Outcome
        {
            get { return string.Concat("falls ", _falls.ToString(), ", last magnitude ", Tenths(_detector.Magnitude * 100f), "/1000 g"); }
        }

        /// <summary>Milli-g as the ADXL345 delivers them at full resolution, in g.</summary>
        public static float[] InG(int[] milliG)
        {
            float[] g = new float[milliG.Length];
            for (int i = 0; i < g.Length; i++)
            {
                g[i] = (milliG[i] * 256 / 1000) / 256f;
            }

            return g;
        }
    }

    /// <summary>Every accelerometer magnitude into the step-rate estimator.</summary>
    public sealed class CadenceStage : BenchStage
    {
        private readonly CadenceEstimator _cadence = new CadenceEstimator(BenchSignals.MotionRateHz);
        private readonly float[] _magnitude;
        private int _validSeconds;

        public CadenceStage(BenchSignals signals)
            : base(signals)
        {
            float[] x = FallStage.InG(signals.Xmg);
            float[] y = FallStage.InG(signals.Ymg);
            float[] z = FallStage.InG(signals.Zmg);
            _magnitude = new float[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                _magnitude[i] = (float)Math.Sqrt(x[i] * x[i] + y[i] * y[i] + z[i] * z[i]);
            }
        }

        public override void Run(int second)
        {
            int end = (second + 1) * BenchSignals.MotionRateHz;
            for (int i = second * BenchSignals.MotionRateHz; i < end; i++)
            {
                _cadence.Add(_magnitude[i]);
            }

            if (_cadence.IsValid)
            {
                _validSeconds++;
            }
        }

        public override string Outcome
        {
            get { return string.Concat("step rate valid ", _validSeconds.ToString(), " s, last ", Tenths(_cadence.StepsPerMinute), "/10 steps/min"); }
        }
    }

    /// <summary>
    /// The once-a-second publication over a phone subscribed to everything: the vitals are fed (prepared, not
    /// timed), then VitalsPublisher reads them and encodes the Heart Rate and PLX measurements, hands the alert state
    /// machine its vitals and stores a spot-check every 5 minutes.
    /// </summary>
    public sealed class PublishStage : BenchStage
    {
        private readonly BenchClock _clock = new BenchClock();
        private readonly VitalsStage _vitals;
        private readonly BenchPhone _phone = new BenchPhone();
        private readonly VitalsPublisher _publisher;
        private readonly SpotCheckRecorder _spotChecks;
        private readonly RecordStore _store;

        public PublishStage(BenchSignals signals)
            : base(signals)
        {
            _vitals = new VitalsStage(signals);
            BenchBoard board = new BenchBoard();
            WallClock wallClock = new WallClock(_clock);
            _store = new RecordStore(new BenchFlash(16, 8192), wallClock);
            HealthProfile profile = new HealthProfile(wallClock, new byte[] { 1, 2, 3, 4, 5, 6 });
            profile.AttachNotifier(_phone);
            FallAlertStateMachine alerts = new FallAlertStateMachine(new FallAlertSettings(), board, board, board);
            Max30102 ppg = new Max30102(new ReplayMax30102(_clock, signals.Red, signals.Ir, BenchSignals.PpgRateHz), _clock, new Max3010xSettings());
            Adxl345 motion = new Adxl345(new ReplayAdxl345(_clock, signals.Xmg, signals.Ymg, signals.Zmg, BenchSignals.MotionRateHz), _clock,
                FallSensing.AccelerometerSettings());
            ppg.Start();
            motion.Start();
            _spotChecks = new SpotCheckRecorder(_store, new SpotCheckScheduler(SpotCheckScheduler.DefaultIntervalSeconds));
            _publisher = new VitalsPublisher(_vitals.Processor, profile, alerts, _spotChecks, ppg, motion);
        }

        public override void Prepare(int second)
        {
            _vitals.Run(second);
            _clock.SleepMicroseconds(1000000);
        }

        public override void Run(int second)
        {
            _publisher.Run(_clock.NowMicroseconds);
        }

        public override string Outcome
        {
            get
            {
                return string.Concat("notifications ", _phone.Sent.ToString(), ", bytes ", _phone.BytesSent.ToString(), ", spot-checks ",
                    _spotChecks.Stored.ToString());
            }
        }
    }

    /// <summary>
    /// The whole firmware as the ESP32 builds it (WearableApplication) over the replayed chips, a RAM flash and an idle
    /// board, with a phone connected and subscribed: the sampling loop's acquire, process and publish phases.
    /// </summary>
    public sealed class ApplicationStage : BenchStage
    {
        private readonly BenchClock _clock = new BenchClock();
        private readonly BenchPhone _phone = new BenchPhone();
        private readonly WearableApplication _app;
        private readonly long _start;

        public ApplicationStage(BenchSignals signals)
            : base(signals)
        {
            BenchBoard board = new BenchBoard();
            _app = new WearableApplication(_clock,
                new ReplayMax30102(_clock, signals.Red, signals.Ir, BenchSignals.PpgRateHz),
                new ReplayAdxl345(_clock, signals.Xmg, signals.Ymg, signals.Zmg, BenchSignals.MotionRateHz),
                new BenchFlash(16, 8192), new BenchFlash(4, 128), board, board, board, board, new byte[] { 1, 2, 3, 4, 5, 6 }, new ApplicationSettings());
            _app.Profile.AttachNotifier(_phone);
            if (!_app.Start(0))
            {
                throw new InvalidOperationException("a replayed sensor did not start");
            }

            _app.OnPhoneConnected(_phone);
            _start = _clock.NowMicroseconds;
        }

        public WearableApplication Application
        {
            get { return _app; }
        }

        public override void Run(int second)
        {
            _app.Run(_start + (second + 1) * 1000000L);
        }

        public override string Outcome
        {
            get
            {
                VitalsReading r = _app.Vitals.Reading;
                return string.Concat("ticks ", _app.Loop.Statistics.Ticks.ToString(), ", faults ", _app.Loop.Statistics.TaskFaults.ToString(),
                    ", beats ", r.BeatCount.ToString(), ", falls ", _app.AccelerometerProcessingStage.FallsDetected.ToString(), ", notifications ",
                    _phone.Sent.ToString(), ", last ", Tenths(r.HeartRateBpm), "/10 bpm");
            }
        }
    }
}
