using System;
using WearableFirmware.Drivers.Max3010x;

namespace WearableFirmware.Bench
{
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
}
