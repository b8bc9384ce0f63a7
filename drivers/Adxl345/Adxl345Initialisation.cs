using System;

namespace WearableFirmware.Drivers.Adxl345
{
    /// <summary>
    /// The ADXL345 configuration sequence, shared by start-up and by recovery after a fault: check DEVID, write the
    /// whole configuration in standby, enable measurement, clear latched events, enable interrupts last, read
    /// everything back. Also the read-back alone, which tells a chip that kept its configuration from one that reset.
    /// </summary>
    internal sealed class Adxl345Initialisation
    {
        // Configuration block written in one multi-byte transfer: THRESH_TAP (0x1D) .. TAP_AXES (0x2A).
        private const int TapBlockLength = (int)Register.TapAxes - (int)Register.ThreshTap + 1;

        /// <summary>Bytes the driver's write and read buffers need: the threshold block plus its register address.</summary>
        public const int TransferBufferLength = TapBlockLength + 1;

        private readonly IClock _clock;
        private readonly DriverHealth _health;
        private readonly RetryingTransfers _transfers;
        private readonly byte[] _write;
        private readonly byte[] _read;

        // Register values, computed once by the settings.
        private readonly byte _bwRate;
        private readonly byte _powerControl;
        private readonly byte _interruptEnable;
        private readonly byte _interruptMap;
        private readonly byte _dataFormat;
        private readonly byte _fifoControl;
        private readonly byte[] _expectedTapBlock = new byte[TapBlockLength];

        // The error is kept as a code plus the bytes it names and worded only when read: Drain retries an absent chip
        // every second, and composing the message on each retry would allocate on the loop.
        private readonly byte[] _errorBytes = new byte[4];

        /// <summary>A sequence over the driver's transfers and scratch buffers (<see cref="TransferBufferLength"/> bytes each).</summary>
        public Adxl345Initialisation(IClock clock, Adxl345Settings settings, DriverHealth health, RetryingTransfers transfers, byte[] write, byte[] read)
        {
            _clock = clock;
            _health = health;
            _transfers = transfers;
            _write = write;
            _read = read;
            _bwRate = settings.BwRateValue();
            _powerControl = settings.PowerControlValue();
            _interruptEnable = settings.InterruptEnableValue();
            _interruptMap = settings.InterruptMapValue();
            _dataFormat = settings.DataFormatValue();
            _fifoControl = settings.FifoControlValue();

            bool tapOn = (settings.EnabledInterrupts & (InterruptSource.SingleTap | InterruptSource.DoubleTap)) != 0;
            bool doubleTapOn = (settings.EnabledInterrupts & InterruptSource.DoubleTap) != 0;
            bool activityOn = (settings.EnabledInterrupts & InterruptSource.Activity) != 0;
            bool inactivityOn = (settings.EnabledInterrupts & InterruptSource.Inactivity) != 0;
            bool freeFallOn = (settings.EnabledInterrupts & InterruptSource.FreeFall) != 0;
            _expectedTapBlock[0] = tapOn ? settings.TapThresholdValue() : (byte)0;
            _expectedTapBlock[1] = settings.OffsetValue(settings.OffsetX, "OffsetX");
            _expectedTapBlock[2] = settings.OffsetValue(settings.OffsetY, "OffsetY");
            _expectedTapBlock[3] = settings.OffsetValue(settings.OffsetZ, "OffsetZ");
            _expectedTapBlock[4] = tapOn ? settings.TapDurationValue() : (byte)0;
            _expectedTapBlock[5] = doubleTapOn ? settings.TapLatencyValue() : (byte)0;
            _expectedTapBlock[6] = doubleTapOn ? settings.TapWindowValue() : (byte)0;
            _expectedTapBlock[7] = activityOn ? settings.ActivityThresholdValue() : (byte)0;
            _expectedTapBlock[8] = inactivityOn ? settings.InactivityThresholdValue() : (byte)0;
            _expectedTapBlock[9] = settings.InactivityTimeValue();
            _expectedTapBlock[10] = settings.ActInactControlValue();
            _expectedTapBlock[11] = freeFallOn ? settings.FreeFallThresholdValue() : (byte)0;
            _expectedTapBlock[12] = freeFallOn ? settings.FreeFallTimeValue() : (byte)0;
            _expectedTapBlock[13] = settings.TapAxesValue();
        }

        /// <summary>Why the last <see cref="Run"/> failed (None after a successful one).</summary>
        public Adxl345Error Error { get; private set; }

        /// <summary>
        /// The bytes <see cref="Error"/> names: the DEVID read (WrongDeviceId); BW_RATE..INT_MAP as read
        /// (RateReadBackMismatch); register, value read, value written (RegisterReadBackMismatch).
        /// </summary>
        public byte[] ErrorBytes => _errorBytes;

        /// <summary>The bus status of the failed DEVID read when <see cref="Error"/> is NoAnswer.</summary>
        public BusStatus ErrorBus { get; private set; }

        /// <summary>Clock time (us) at which the last successful <see cref="Run"/> switched the chip to measurement.</summary>
        public long MeasureStartMicroseconds { get; private set; }

        /// <summary>
        /// Identifies and configures the chip and reads the configuration back. True once it is measuring; false with
        /// <see cref="Error"/> set when the chip is absent, is not an ADXL345 or did not keep the values.
        /// </summary>
        public bool Run()
        {
            if (!ReadRegisters(Register.DevId, 1))
            {
                ErrorBus = _health.LastError;
                return Fail(Adxl345Error.NoAnswer);
            }

            if (_read[0] != Adxl345.ExpectedDeviceId)
            {
                _errorBytes[0] = _read[0];
                return Fail(Adxl345Error.WrongDeviceId);
            }

            // Standby and interrupts off while configuring, as the datasheet recommends.
            if (!WriteRegister(Register.PowerCtl, 0) || !WriteRegister(Register.IntEnable, 0))
            {
                return Fail(Adxl345Error.StandbyWriteFailed);
            }

            _write[0] = (byte)Register.ThreshTap;
            Array.Copy(_expectedTapBlock, 0, _write, 1, TapBlockLength);
            if (!_transfers.Write(_write, TapBlockLength + 1))
            {
                return Fail(Adxl345Error.ThresholdBlockWriteFailed);
            }

            // Bypass first empties the FIFO, so stale entries from before a reset are not delivered.
            if (!WriteRegister(Register.BwRate, _bwRate) || !WriteRegister(Register.DataFormat, _dataFormat)
                || !WriteRegister(Register.IntMap, _interruptMap) || !WriteRegister(Register.FifoCtl, 0)
                || !WriteRegister(Register.FifoCtl, _fifoControl))
            {
                return Fail(Adxl345Error.FormatWriteFailed);
            }

            if (!WriteRegister(Register.PowerCtl, _powerControl))
            {
                return Fail(Adxl345Error.MeasureWriteFailed);
            }

            long measureStartUs = _clock.NowMicroseconds;

            // Latched events from before now would fire at once: read INT_SOURCE, then enable.
            if (!ReadRegisters(Register.IntSource, 1) || !WriteRegister(Register.IntEnable, _interruptEnable))
            {
                return Fail(Adxl345Error.InterruptEnableFailed);
            }

            if (!Verify(true))
            {
                return Fail(Error);
            }

            MeasureStartMicroseconds = measureStartUs;
            Error = Adxl345Error.None;
            return true;
        }

        /// <summary>True when DEVID and the whole configuration read back as written: the chip kept its FIFO too.</summary>
        public bool IsIntact()
        {
            return ReadRegisters(Register.DevId, 1) && _read[0] == Adxl345.ExpectedDeviceId && Verify(true);
        }

        /// <summary>
        /// Reads back BW_RATE..INT_MAP; <paramref name="full"/> also checks the threshold block, DATA_FORMAT and
        /// FIFO_CTL. False with <see cref="Error"/> set when a read failed or a value differs.
        /// </summary>
        public bool Verify(bool full)
        {
            if (!ReadRegisters(Register.BwRate, 4))
            {
                Error = Adxl345Error.RateReadBackFailed;
                return false;
            }

            if (_read[0] != _bwRate || _read[1] != _powerControl || _read[2] != _interruptEnable || _read[3] != _interruptMap)
            {
                Array.Copy(_read, _errorBytes, 4);
                Error = Adxl345Error.RateReadBackMismatch;
                return false;
            }

            if (!full)
            {
                return true;
            }

            if (!ReadRegisters(Register.ThreshTap, TapBlockLength))
            {
                Error = Adxl345Error.ThresholdBlockReadBackFailed;
                return false;
            }

            for (int i = 0; i < TapBlockLength; i++)
            {
                if (_read[i] != _expectedTapBlock[i])
                {
                    _errorBytes[0] = (byte)((int)Register.ThreshTap + i);
                    _errorBytes[1] = _read[i];
                    _errorBytes[2] = _expectedTapBlock[i];
                    Error = Adxl345Error.RegisterReadBackMismatch;
                    return false;
                }
            }

            if (!ReadRegisters(Register.DataFormat, 1) || _read[0] != _dataFormat)
            {
                Error = Adxl345Error.DataFormatReadBackFailed;
                return false;
            }

            if (!ReadRegisters(Register.FifoCtl, 1) || _read[0] != _fifoControl)
            {
                Error = Adxl345Error.FifoControlReadBackFailed;
                return false;
            }

            return true;
        }

        private bool Fail(Adxl345Error error)
        {
            Error = error == Adxl345Error.None ? Adxl345Error.ConfigurationReadBackFailed : error;
            return false;
        }

        private bool WriteRegister(Register register, byte value)
        {
            _write[0] = (byte)register;
            _write[1] = value;
            return _transfers.Write(_write, 2);
        }

        private bool ReadRegisters(Register first, int count)
        {
            _write[0] = (byte)first;
            return _transfers.WriteRead(_write, 1, _read, 0, count);
        }
    }
}
