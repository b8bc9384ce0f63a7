using System;
using WearableFirmware.Drivers.Adxl345;
using WearableFirmware.Falls;

namespace WearableFirmware.Bench
{
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
}
