using System;
using WearableFirmware.Falls;

namespace WearableFirmware.Bench
{
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
}
