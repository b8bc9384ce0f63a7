using System;
using WearableFirmware.Application;
using WearableFirmware.Vitals;

namespace WearableFirmware.Bench
{
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
                new BenchFlash(16, 8192), new BenchFlash(WearableApplication.SettingsFlashSegments, WearableApplication.SettingsFlashSegmentBytes), board, board, board, board, new byte[] { 1, 2, 3, 4, 5, 6 }, new ApplicationSettings());
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
