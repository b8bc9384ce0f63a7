using WearableFirmware.Vitals;

namespace WearableFirmware.Bench
{
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
}
