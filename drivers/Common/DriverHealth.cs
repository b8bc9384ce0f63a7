namespace WearableFirmware.Drivers
{
    /// <summary>
    /// Error accounting shared by every driver: counts, not exceptions, so the sampling loop can report faults
    /// without allocating. A driver calls <see cref="RecordSuccess"/> or <see cref="RecordFailure"/> once per transfer
    /// attempt and decides on recovery from <see cref="ConsecutiveFailures"/>.
    /// </summary>
    public sealed class DriverHealth
    {
        // A field, not an auto-property: every successful transfer clears it (a call less each on nanoCLR).
        private int _consecutiveFailures;

        /// <summary>Current state; drivers set it when they start, fail or recover.</summary>
        public HealthState State { get; set; } = HealthState.Failed;

        /// <summary>Transfers that did not complete, over the driver's lifetime.</summary>
        public int TransferErrors { get; private set; }

        /// <summary>Failed transfers in a row; reset by the next success.</summary>
        public int ConsecutiveFailures
        {
            get { return _consecutiveFailures; }
        }

        /// <summary>Transfers that succeeded only after a retry.</summary>
        public int Retries { get; private set; }

        /// <summary>Times the driver re-initialised its chip (after failures or a power-on reset).</summary>
        public int Recoveries { get; private set; }

        /// <summary>Samples the chip produced that never reached the firmware (FIFO overflow, lost bursts).</summary>
        public long SamplesLost { get; private set; }

        /// <summary>Status of the last failed transfer, for diagnostics.</summary>
        public BusStatus LastError { get; private set; }

        public void RecordSuccess(bool afterRetry)
        {
            _consecutiveFailures = 0;
            if (afterRetry)
            {
                Retries++;
            }
        }

        public void RecordFailure(BusStatus status)
        {
            TransferErrors++;
            _consecutiveFailures++;
            LastError = status;
        }

        public void RecordRecovery()
        {
            Recoveries++;
            _consecutiveFailures = 0;
        }

        public void RecordSamplesLost(int count)
        {
            if (count > 0)
            {
                SamplesLost += count;
            }
        }
    }
}
