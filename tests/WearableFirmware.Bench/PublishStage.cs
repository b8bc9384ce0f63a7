using WearableFirmware.Application;
using WearableFirmware.Ble;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Drivers.Max3010x;
using WearableFirmware.Falls;
using WearableFirmware.Storage;
using WearableFirmware.Time;

namespace WearableFirmware.Bench
{
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
}
