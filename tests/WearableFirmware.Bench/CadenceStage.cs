using System;
using WearableFirmware.Falls;
using WearableFirmware.Sampling;

namespace WearableFirmware.Bench
{
    /// <summary>Every accelerometer magnitude into the step-rate estimator, a loop tick's at a time.</summary>
    public sealed class CadenceStage : BenchStage
    {
        private static readonly int TickSamples = (int)((long)BenchSignals.MotionRateHz * new LoopSettings().PeriodMicroseconds / 1000000);
        private readonly float[] _tick = new float[TickSamples];
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
            for (int i = second * BenchSignals.MotionRateHz; i < end; i += TickSamples)
            {
                // The block is band-passed in place.
                Array.Copy(_magnitude, i, _tick, 0, TickSamples);
                _cadence.Add(_tick, TickSamples);
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
