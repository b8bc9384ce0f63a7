using System;

namespace WearableFirmware.Drivers
{
    /// <summary>
    /// The retry and accounting every driver applies to its chip's transfers: each transfer is attempted up to
    /// <see cref="MaxAttempts"/> times and every attempt is counted in the driver's <see cref="DriverHealth"/>.
    /// Allocation-free; never throws for a bus fault.
    /// </summary>
    public sealed class RetryingTransfers
    {
        private readonly IRegisterBus _bus;
        private readonly DriverHealth _health;

        // Read on every transfer: a field, not an auto-property (a call less each on nanoCLR).
        private int _maxAttempts;
        private bool _retried;

        /// <summary>Transfers on <paramref name="bus"/>, counted in <paramref name="health"/>.</summary>
        public RetryingTransfers(IRegisterBus bus, DriverHealth health, int maxAttempts)
        {
            _bus = bus;
            _health = health;
            MaxAttempts = maxAttempts;
        }

        /// <summary>Transfer attempts per register access before it counts as failed (1 = no retry).</summary>
        public int MaxAttempts
        {
            get { return _maxAttempts; }
            set
            {
                if (value < 1)
                {
                    throw new ArgumentOutOfRangeException("value", "at least one transfer attempt");
                }

                _maxAttempts = value;
            }
        }

        /// <summary>True when a transfer succeeded only after a retry since the last <see cref="ClearRetried"/>.</summary>
        public bool RetriedSinceCleared
        {
            get { return _retried; }
        }

        /// <summary>Starts a new window for <see cref="RetriedSinceCleared"/> (a driver calls it once per drain).</summary>
        public void ClearRetried()
        {
            _retried = false;
        }

        /// <summary>Writes <paramref name="count"/> bytes of <paramref name="data"/> (register address first), retried.</summary>
        public bool Write(byte[] data, int count)
        {
            for (int attempt = 0; attempt < _maxAttempts; attempt++)
            {
                BusStatus status = _bus.Write(data, count);
                if (status == BusStatus.Ok)
                {
                    Succeeded(attempt > 0);
                    return true;
                }

                _health.RecordFailure(status);
            }

            return false;
        }

        /// <summary>Write then read with a repeated start (<see cref="IRegisterBus.WriteRead"/>), retried.</summary>
        public bool WriteRead(byte[] write, int writeCount, byte[] read, int readOffset, int readCount)
        {
            // The first attempt, nearly always the only one, without the retry loop (every tick, on the interpreter).
            BusStatus status = _bus.WriteRead(write, writeCount, read, readOffset, readCount);
            if (status == BusStatus.Ok)
            {
                _health.RecordSuccess(false);
                return true;
            }

            return RetryWriteRead(status, write, writeCount, read, readOffset, readCount);
        }

        /// <summary>
        /// Like <see cref="WriteRead"/> for a read that consumes data (a FIFO burst): retried only while the chip did
        /// not acknowledge its address. A transfer that broke part-way has already popped data; repeating it would
        /// misalign what follows, so the caller accounts for it instead.
        /// </summary>
        public bool WriteReadConsuming(byte[] write, int writeCount, byte[] read, int readOffset, int readCount)
        {
            // The first attempt without the retry loop, as in WriteRead.
            BusStatus status = _bus.WriteRead(write, writeCount, read, readOffset, readCount);
            if (status == BusStatus.Ok)
            {
                _health.RecordSuccess(false);
                return true;
            }

            _health.RecordFailure(status);
            if (status != BusStatus.AddressNotAcknowledged)
            {
                return false;
            }

            for (int attempt = 1; attempt < _maxAttempts; attempt++)
            {
                status = _bus.WriteRead(write, writeCount, read, readOffset, readCount);
                if (status == BusStatus.Ok)
                {
                    Succeeded(true);
                    return true;
                }

                _health.RecordFailure(status);
                if (status != BusStatus.AddressNotAcknowledged)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>
        /// The rest of a <see cref="WriteRead"/> whose first attempt the caller made straight on the bus and which
        /// failed with <paramref name="firstFailure"/>: counts it, then makes the remaining attempts. Lets a hot loop
        /// skip the bookkeeping of a first attempt that succeeds.
        /// </summary>
        public bool RetryWriteRead(BusStatus firstFailure, byte[] write, int writeCount, byte[] read, int readOffset, int readCount)
        {
            _health.RecordFailure(firstFailure);
            for (int attempt = 1; attempt < _maxAttempts; attempt++)
            {
                BusStatus status = _bus.WriteRead(write, writeCount, read, readOffset, readCount);
                if (status == BusStatus.Ok)
                {
                    Succeeded(true);
                    return true;
                }

                _health.RecordFailure(status);
            }

            return false;
        }

        private void Succeeded(bool afterRetry)
        {
            _health.RecordSuccess(afterRetry);
            if (afterRetry)
            {
                _retried = true;
            }
        }
    }
}
