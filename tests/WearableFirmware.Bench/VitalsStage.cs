using WearableFirmware.Sampling;
using WearableFirmware.Vitals;

namespace WearableFirmware.Bench
{
    /// <summary>Every red/IR pair into the vitals pipeline, a tick at a time, told about movement and steps as the loop tells it.</summary>
    public sealed class VitalsStage : BenchStage
    {
        private static readonly int TickSamples = (int)((long)BenchSignals.PpgRateHz * new LoopSettings().PeriodMicroseconds / 1000000);
        private readonly VitalsProcessor _vitals = new VitalsProcessor(new VitalsConfiguration());
        private readonly int[] _tickRed = new int[TickSamples];
        private readonly int[] _tickIr = new int[TickSamples];
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
            // A loop tick's samples at a time (100 ms, 10 pairs), handed over as the sampling loop hands them.
            int[] red = Signals.Red;
            int[] ir = Signals.Ir;
            int end = (second + 1) * BenchSignals.PpgRateHz;
            for (int i = second * BenchSignals.PpgRateHz; i < end; i += TickSamples)
            {
                for (int k = 0; k < TickSamples; k++)
                {
                    _tickRed[k] = red[i + k];
                    _tickIr[k] = ir[i + k];
                }

                _vitals.AddSamples(_tickRed, _tickIr, TickSamples);
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
}
