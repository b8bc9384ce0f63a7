using WearableFirmware.Falls;

namespace WearableFirmware.Bench
{
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
}
