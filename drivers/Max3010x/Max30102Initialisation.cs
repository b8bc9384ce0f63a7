namespace WearableFirmware.Drivers.Max3010x
{
    /// <summary>
    /// The MAX30102 start-up sequence as non-blocking steps, shared by start-up and by recovery after a fault: request
    /// a soft reset, poll RESET until it clears (bounded), check PART_ID, write the configuration, read it back and
    /// clear stale status. Each <see cref="Step"/> does what the chip allows now and never waits.
    /// </summary>
    internal sealed class Max30102Initialisation
    {
        private const byte ModeResetBit = 0x40;

        private readonly IClock _clock;
        private readonly RetryingTransfers _transfers;
        private readonly RegisterMismatch _mismatch;
        private readonly long _resetTimeoutMicroseconds;
        private readonly byte[] _write;
        private readonly byte[] _read;

        // Register values, computed once by the settings.
        private readonly byte _fifoConfiguration;
        private readonly byte _modeConfiguration;
        private readonly byte _spo2Configuration;
        private readonly byte _interruptEnable1;
        private readonly byte _interruptEnable2;

        private bool _resetRequested;
        private long _resetDeadline;

        /// <summary>A sequence over the driver's transfers and scratch buffers, recording read-back errors in <paramref name="mismatch"/>.</summary>
        public Max30102Initialisation(IClock clock, Max3010xSettings settings, RetryingTransfers transfers, RegisterMismatch mismatch, byte[] write, byte[] read)
        {
            _clock = clock;
            _transfers = transfers;
            _mismatch = mismatch;
            _resetTimeoutMicroseconds = settings.ResetTimeoutMicroseconds;
            _write = write;
            _read = read;
            _fifoConfiguration = settings.FifoConfigurationValue;
            _modeConfiguration = settings.ModeConfigurationValue;
            _spo2Configuration = settings.SpO2ConfigurationValue;
            _interruptEnable1 = settings.InterruptEnable1Value;
            _interruptEnable2 = settings.InterruptEnable2Value;
        }

        /// <summary>PART_ID read by the last identification (0x15 on a genuine part).</summary>
        public byte PartIdRead { get; private set; }

        /// <summary>REV_ID read by the last identification.</summary>
        public byte RevisionIdRead { get; private set; }

        /// <summary>Why the last <see cref="Step"/> failed; None when it succeeded or is still waiting for the reset.</summary>
        public Max3010xError StepError { get; private set; }

        /// <summary>Starts over from the reset request at the next step.</summary>
        public void Restart()
        {
            _resetRequested = false;
        }

        /// <summary>
        /// One step, programming the given LED amplitudes. True once the chip is configured and sampling; false while
        /// the reset is pending (<see cref="StepError"/> None) or when the step failed (<see cref="StepError"/> says why;
        /// after a bus failure while polling the reset, the next step polls again).
        /// </summary>
        public bool Step(byte redAmplitude, byte irAmplitude)
        {
            StepError = Max3010xError.None;
            if (!_resetRequested)
            {
                _write[0] = (byte)Register.ModeConfig;
                _write[1] = ModeResetBit;
                if (!_transfers.Write(_write, 2))
                {
                    return Fail(Max3010xError.BusFailure);
                }

                _resetRequested = true;
                _resetDeadline = _clock.NowMicroseconds + _resetTimeoutMicroseconds;
                return false;
            }

            if (!Read(Register.ModeConfig, 1))
            {
                return Fail(Max3010xError.BusFailure);
            }

            if ((_read[0] & ModeResetBit) != 0)
            {
                if (_clock.NowMicroseconds >= _resetDeadline)
                {
                    return Fail(Max3010xError.ResetTimeout);
                }

                return false;
            }

            _resetRequested = false;
            if (!Read(Register.RevId, 2))
            {
                return Fail(Max3010xError.BusFailure);
            }

            RevisionIdRead = _read[0];
            PartIdRead = _read[1];
            if (PartIdRead != Max30102.ExpectedPartId)
            {
                return Fail(Max3010xError.WrongPartId);
            }

            return Configure(redAmplitude, irAmplitude);
        }

        private bool Configure(byte redAmplitude, byte irAmplitude)
        {
            // Mode last: conversions start only once everything else is in place and the FIFO is empty.
            _write[0] = (byte)Register.IntEnable1;
            _write[1] = _interruptEnable1;
            _write[2] = _interruptEnable2;
            if (!_transfers.Write(_write, 3))
            {
                return Fail(Max3010xError.BusFailure);
            }

            _write[0] = (byte)Register.FifoConfig;
            _write[1] = _fifoConfiguration;
            if (!_transfers.Write(_write, 2))
            {
                return Fail(Max3010xError.BusFailure);
            }

            _write[0] = (byte)Register.SpO2Config;
            _write[1] = _spo2Configuration;
            if (!_transfers.Write(_write, 2))
            {
                return Fail(Max3010xError.BusFailure);
            }

            _write[0] = (byte)Register.Led1Pa;
            _write[1] = redAmplitude;
            _write[2] = irAmplitude;
            if (!_transfers.Write(_write, 3))
            {
                return Fail(Max3010xError.BusFailure);
            }

            _write[0] = (byte)Register.FifoWrPtr;
            _write[1] = 0;
            _write[2] = 0;
            _write[3] = 0;
            if (!_transfers.Write(_write, 4))
            {
                return Fail(Max3010xError.BusFailure);
            }

            _write[0] = (byte)Register.ModeConfig;
            _write[1] = _modeConfiguration;
            if (!_transfers.Write(_write, 2))
            {
                return Fail(Max3010xError.BusFailure);
            }

            if (!ReadBack(Register.IntEnable1, _interruptEnable1, _interruptEnable2, 2)
                || !ReadBack(Register.FifoConfig, _fifoConfiguration, _modeConfiguration, 3)
                || !ReadBack(Register.Led1Pa, redAmplitude, irAmplitude, 2))
            {
                return false;
            }

            // Clears a PWR_RDY left from power-up so only a later brown-out shows in a drain.
            if (!Read(Register.IntStatus1, 2))
            {
                return Fail(Max3010xError.BusFailure);
            }

            return true;
        }

        // Reads count (2 or 3) registers from first and compares them with first, second (and SpO2 configuration).
        private bool ReadBack(Register first, byte expected0, byte expected1, int count)
        {
            if (!Read(first, count))
            {
                return Fail(Max3010xError.BusFailure);
            }

            if (_read[0] != expected0)
            {
                return Mismatch(first, expected0, _read[0]);
            }

            if (_read[1] != expected1)
            {
                return Mismatch((Register)((int)first + 1), expected1, _read[1]);
            }

            if (count == 3 && _read[2] != _spo2Configuration)
            {
                return Mismatch((Register)((int)first + 2), _spo2Configuration, _read[2]);
            }

            return true;
        }

        private bool Mismatch(Register register, byte expected, byte read)
        {
            _mismatch.Set(register, expected, read);
            return Fail(Max3010xError.ConfigurationMismatch);
        }

        private bool Fail(Max3010xError error)
        {
            StepError = error;
            // A bus failure leaves the reset where it stands (while polling RESET, the next step polls again);
            // anything else starts over from the reset request.
            if (error != Max3010xError.BusFailure)
            {
                _resetRequested = false;
            }

            return false;
        }

        private bool Read(Register first, int count)
        {
            _write[0] = (byte)first;
            return _transfers.WriteRead(_write, 1, _read, 0, count);
        }
    }
}
