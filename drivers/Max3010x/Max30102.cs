namespace WearableFirmware.Drivers.Max3010x
{
    /// <summary>
    /// Allocation-free MAX30102 driver (register-compatible MAX30101/MAX30105 in the red/IR modes) over an
    /// <see cref="IRegisterBus"/>.
    /// <para>
    /// Start-up (<see cref="Start"/>, blocking, at boot): soft reset, poll RESET with a bounded timeout through
    /// <see cref="IClock"/>, check PART_ID = 0x15, write the configuration, read it back, clear stale status.
    /// </para>
    /// <para>
    /// Sampling loop, once per tick:
    /// <code>
    /// int n = sensor.Drain();
    /// for (int i = 0; i &lt; n; i++) { Use(sensor.Red[i], sensor.Ir[i]); }   // oldest first
    /// if ((sensor.LastDrainFlags &amp; DrainFlags.SamplesLost) != 0) { InsertGap(sensor.SamplesLostThisDrain); }
    /// </code>
    /// A drain costs one 7-byte read (status, enables, FIFO pointers) plus one burst read of every pending sample
    /// (at most 32 × 2 × 3 bytes), never sleeps and allocates nothing. Samples are right-justified ADC counts at
    /// the configured resolution (0 .. 2^bits − 1). With rollover on, lost samples precede the drained ones.
    /// </para>
    /// <para>
    /// Faults: every transfer is retried up to <see cref="Max3010xSettings.MaxTransferAttempts"/> times and counted
    /// in <see cref="Health"/>. After <see cref="Max3010xSettings.FailuresBeforeReinit"/> failed attempts in a row, a
    /// PWR_RDY flag, or enable registers that no longer match, the driver resets and reconfigures the chip step by
    /// step over the following drains (no waiting inside a drain), then reports the gap it caused as lost samples.
    /// </para>
    /// </summary>
    public sealed class Max30102
    {
        /// <summary>7-bit I2C address (write 0xAE, read 0xAF).</summary>
        public const int DefaultAddress = 0x57;

        /// <summary>PART_ID of the MAX30101, MAX30102 and MAX30105.</summary>
        public const byte ExpectedPartId = 0x15;

        /// <summary>FIFO depth in samples.</summary>
        public const int FifoDepth = 32;

        private const int MaxChannels = 2;
        private const int BytesPerChannel = 3;
        private const int PointerMask = 0x1F;

        private const byte StatusAlmostFull = 0x80;
        private const byte StatusAmbientOverflow = 0x20;
        private const byte StatusPowerReady = 0x01;
        private const byte StatusDieTemperatureReady = 0x02;
        private const byte TemperatureEnable = 0x01;

        private readonly IClock _clock;
        private readonly Max3010xSettings _settings;
        private readonly DriverHealth _health = new DriverHealth();
        private readonly RetryingTransfers _transfers;

        private readonly byte[] _write = new byte[8];
        private readonly byte[] _read = new byte[8];
        private readonly byte[] _fifo = new byte[FifoDepth * MaxChannels * BytesPerChannel];
        private readonly int[] _red = new int[FifoDepth];
        private readonly int[] _ir = new int[FifoDepth];

        // Register values, computed once so neither drain nor recovery allocates.
        private byte _redAmplitude;
        private byte _irAmplitude;
        private readonly byte _interruptEnable1;
        private readonly byte _interruptEnable2;
        private readonly int _channels;
        private readonly int _shift;
        private readonly long _outputPeriodMicroseconds;
        private readonly ChannelOrderCheck _orderCheck;
        private readonly RegisterMismatch _mismatch = new RegisterMismatch();
        private readonly Max30102Initialisation _initialisation;

        private bool _running;
        private bool _recovering;
        private long _lossWindowStart;
        private long _lastDrainMicroseconds;
        private bool _checkPopsAfterFailedBurst;
        private int _readPointerBeforeFailedBurst;
        private bool _ledCurrentsChanged;

        private int _count;
        private int _lostThisDrain;
        private DrainFlags _flags;

        private bool _swap;

        /// <summary>Builds the driver; validates the settings (throws <see cref="System.ArgumentException"/> with the reason).</summary>
        public Max30102(IRegisterBus bus, IClock clock, Max3010xSettings settings)
        {
            settings.ThrowIfInvalid();
            _clock = clock;
            _settings = settings;
            _transfers = new RetryingTransfers(bus, _health, settings.MaxTransferAttempts);
            _redAmplitude = settings.RedPulseAmplitudeValue;
            _irAmplitude = settings.IrPulseAmplitudeValue;
            _interruptEnable1 = settings.InterruptEnable1Value;
            _interruptEnable2 = settings.InterruptEnable2Value;
            _channels = settings.Channels;
            _shift = 18 - settings.ResolutionBits;
            _outputPeriodMicroseconds = settings.OutputPeriodMicroseconds;
            // On skin: both channels above 1/16 of full scale.
            _orderCheck = new ChannelOrderCheck(1 << (settings.ResolutionBits - 4));
            _initialisation = new Max30102Initialisation(clock, settings, _transfers, _mismatch, _write, _read);
            _health.State = HealthState.Failed;
        }

        /// <summary>Error counters and Ok / Degraded / Failed state for the device status report.</summary>
        public DriverHealth Health
        {
            get { return _health; }
        }

        /// <summary>The settings the driver was built with (do not change them after construction).</summary>
        public Max3010xSettings Settings
        {
            get { return _settings; }
        }

        /// <summary>LED1_PA the driver programs (0.2 mA per LSB): the settings' value until <see cref="SetLedCurrents"/>.</summary>
        public byte RedPulseAmplitude
        {
            get { return _redAmplitude; }
        }

        /// <summary>LED2_PA the driver programs (0.2 mA per LSB).</summary>
        public byte IrPulseAmplitude
        {
            get { return _irAmplitude; }
        }

        /// <summary>Successful runtime LED current changes (<see cref="SetLedCurrents"/>).</summary>
        public int LedCurrentChanges { get; private set; }

        /// <summary>True once the chip is configured and sampling.</summary>
        public bool IsRunning
        {
            get { return _running; }
        }

        /// <summary>Why start-up, the last re-initialisation or a runtime LED change (<see cref="SetLedCurrents"/>) failed.</summary>
        public Max3010xError LastError { get; private set; }

        /// <summary>PART_ID read at the last start-up (0x15 on a genuine part).</summary>
        public byte PartIdRead
        {
            get { return _initialisation.PartIdRead; }
        }

        /// <summary>REV_ID read at the last start-up.</summary>
        public byte RevisionIdRead
        {
            get { return _initialisation.RevisionIdRead; }
        }

        /// <summary>Register that read back wrongly when <see cref="LastError"/> is ConfigurationMismatch.</summary>
        public Register MismatchRegister
        {
            get { return _mismatch.Register; }
        }

        /// <summary>Value written to <see cref="MismatchRegister"/>.</summary>
        public byte MismatchExpected
        {
            get { return _mismatch.Expected; }
        }

        /// <summary>Value read back from <see cref="MismatchRegister"/>.</summary>
        public byte MismatchRead
        {
            get { return _mismatch.Read; }
        }

        /// <summary>Red samples of the last drain, oldest first; valid up to <see cref="SampleCount"/>. Owned by the driver.</summary>
        public int[] Red
        {
            get { return _red; }
        }

        /// <summary>IR samples of the last drain (SpO2 mode), oldest first; valid up to <see cref="SampleCount"/>.</summary>
        public int[] Ir
        {
            get { return _ir; }
        }

        /// <summary>Samples delivered by the last drain.</summary>
        public int SampleCount
        {
            get { return _count; }
        }

        /// <summary>What the last drain saw.</summary>
        public DrainFlags LastDrainFlags
        {
            get { return _flags; }
        }

        /// <summary>Samples the last drain found missing from the stream (also added to <see cref="DriverHealth.SamplesLost"/>).</summary>
        public int SamplesLostThisDrain
        {
            get { return _lostThisDrain; }
        }

        /// <summary>Clock time of the last drain that emptied the FIFO; its newest sample is at most one period older.</summary>
        public long LastDrainMicroseconds
        {
            get { return _lastDrainMicroseconds; }
        }

        /// <summary>Power-on resets or brown-outs seen (PWR_RDY) since construction.</summary>
        public int PowerOnResets { get; private set; }

        /// <summary>Drains whose enable registers no longer matched the configuration without a PWR_RDY flag.</summary>
        public int ConfigurationLosses { get; private set; }

        /// <summary>Drains flagged with ALC_OVF.</summary>
        public int AmbientLightOverflows { get; private set; }

        /// <summary>Result of the red/IR order plausibility check.</summary>
        public ChannelOrder ChannelOrder
        {
            get { return _orderCheck.Order; }
        }

        /// <summary>True once a die temperature has been read.</summary>
        public bool HasDieTemperature { get; private set; }

        /// <summary>Last die temperature in 1/16 °C (TINT × 16 + TFRAC).</summary>
        public int DieTemperatureSixteenths { get; private set; }

        /// <summary>Last die temperature in °C.</summary>
        public float DieTemperatureCelsius
        {
            get { return DieTemperatureSixteenths / 16f; }
        }

        /// <summary>
        /// Resets, identifies and configures the chip, waiting (through the clock) for the reset to finish. Returns
        /// false with <see cref="LastError"/> set when the chip is absent, not a MAX3010x, or does not keep its settings.
        /// </summary>
        public bool Start()
        {
            _running = false;
            _recovering = false;
            _initialisation.Restart();
            _flags = DrainFlags.None;
            LastError = Max3010xError.None;
            long deadline = _clock.NowMicroseconds + _settings.ResetTimeoutMicroseconds;
            while (true)
            {
                StepInitialisation();
                if (_running)
                {
                    return true;
                }

                if (LastError == Max3010xError.WrongPartId || LastError == Max3010xError.ConfigurationMismatch)
                {
                    return false;
                }

                if (_clock.NowMicroseconds >= deadline)
                {
                    if (LastError == Max3010xError.None)
                    {
                        LastError = Max3010xError.ResetTimeout;
                    }

                    _health.State = HealthState.Failed;
                    return false;
                }

                _clock.SleepMicroseconds(_settings.ResetPollMicroseconds);
            }
        }

        /// <summary>
        /// Reads every pending FIFO sample into <see cref="Red"/>/<see cref="Ir"/> and returns how many; handles the
        /// interrupt status (A_FULL, ALC_OVF, PWR_RDY, DIE_TEMP_RDY) on the way. Never blocks, never allocates. While
        /// the chip is being recovered it advances the recovery one step and returns 0 with
        /// <see cref="DrainFlags.NotRunning"/>.
        /// </summary>
        public int Drain()
        {
            _count = 0;
            _lostThisDrain = 0;
            _flags = DrainFlags.None;
            _transfers.ClearRetried();
            if (_ledCurrentsChanged)
            {
                _ledCurrentsChanged = false;
                _flags |= DrainFlags.LedCurrentsChanged;
            }

            if (!_running)
            {
                StepInitialisation();
                _flags |= DrainFlags.NotRunning;
                return 0;
            }

            // Status 1/2, enables 1/2, WR_PTR, OVF_COUNTER, RD_PTR in one read; it stops before FIFO_DATA.
            if (!Read(Register.IntStatus1, _read, 7))
            {
                OnDrainTransferFailed();
                return 0;
            }

            byte status1 = _read[0];
            byte status2 = _read[1];
            if ((status1 & StatusPowerReady) != 0 || _read[2] != _interruptEnable1 || _read[3] != _interruptEnable2)
            {
                if ((status1 & StatusPowerReady) != 0)
                {
                    PowerOnResets++;
                    _flags |= DrainFlags.PowerOnReset;
                }
                else
                {
                    ConfigurationLosses++;
                    _flags |= DrainFlags.ConfigurationLost;
                }

                BeginRecovery();
                StepInitialisation();
                return 0;
            }

            if ((status1 & StatusAmbientOverflow) != 0)
            {
                AmbientLightOverflows++;
                _flags |= DrainFlags.AmbientLightOverflow;
            }

            if ((status2 & StatusDieTemperatureReady) != 0 && ReadDieTemperature())
            {
                _flags |= DrainFlags.DieTemperatureReady;
            }

            int writePointer = _read[4] & PointerMask;
            int overflow = _read[5] & PointerMask;
            int readPointer = _read[6] & PointerMask;
            long now = _clock.NowMicroseconds;

            if (_checkPopsAfterFailedBurst)
            {
                // Samples a broken burst popped before failing are gone; the read pointer says how many.
                _checkPopsAfterFailedBurst = false;
                if (overflow == 0)
                {
                    AddLost((readPointer - _readPointerBeforeFailedBurst) & PointerMask, false);
                }
            }

            int pending = (writePointer - readPointer) & PointerMask;
            if (pending == 0 && (overflow != 0 || (status1 & StatusAlmostFull) != 0))
            {
                // WR_PTR == RD_PTR is both empty and full; an overflow or A_FULL since the last drain means full.
                pending = FifoDepth;
            }

            if (pending > 0)
            {
                int bytes = pending * _channels * BytesPerChannel;
                if (!Read(Register.FifoData, _fifo, bytes))
                {
                    _checkPopsAfterFailedBurst = true;
                    _readPointerBeforeFailedBurst = readPointer;
                    OnDrainTransferFailed();
                    return 0;
                }

                Unpack(pending);
                CheckChannelOrder(pending);
            }

            if (overflow != 0)
            {
                // Counted only after the burst: popping a sample is what clears OVF_COUNTER on the chip.
                int lost = overflow;
                bool estimated = false;
                if (overflow == PointerMask)
                {
                    // Saturated: the clock knows better how many sample periods went by.
                    long expected = (now - _lastDrainMicroseconds) / _outputPeriodMicroseconds - pending;
                    if (expected > lost)
                    {
                        lost = (int)expected;
                        estimated = true;
                    }
                }

                AddLost(lost, estimated);
            }

            _count = pending;
            _lastDrainMicroseconds = now;
            _health.State = (_transfers.RetriedSinceCleared || (_flags & DrainFlags.SamplesLost) != 0) ? HealthState.Degraded : HealthState.Ok;
            return pending;
        }

        /// <summary>
        /// Starts a die temperature conversion (about 29 ms) without waiting; a later <see cref="Drain"/> reads the
        /// result and sets <see cref="DrainFlags.DieTemperatureReady"/>. Returns false when the write failed.
        /// </summary>
        public bool StartDieTemperature()
        {
            if (!_running)
            {
                return false;
            }

            _write[0] = (byte)Register.DieTempConfig;
            _write[1] = TemperatureEnable;
            return Write(2);
        }

        /// <summary>
        /// Changes the LED pulse amplitudes (LED1_PA red, LED2_PA IR) while sampling, without a reset: one 3-byte
        /// write and a read-back, retried and counted like every transfer. Allocation-free. The new values are kept
        /// even when this fails, so a later re-initialisation programs them. The next <see cref="Drain"/> carries
        /// <see cref="DrainFlags.LedCurrentsChanged"/>: its samples straddle the change.
        /// Returns true when the chip drives the new currents; false when the chip is not running, the bus failed
        /// (after <see cref="Max3010xSettings.FailuresBeforeReinit"/> failures the chip is re-initialised) or the
        /// read-back differed (<see cref="LastError"/> = ConfigurationMismatch; the chip is re-initialised).
        /// Throws <see cref="System.ArgumentException"/> for a current outside 0..51 mA, or a non-zero IR current
        /// in heart-rate mode (the IR LED is not sampled there).
        /// </summary>
        public bool SetLedCurrents(float redMilliamps, float irMilliamps)
        {
            if (!(redMilliamps >= 0f && redMilliamps <= Max3010xSettings.MaxLedCurrentMilliamps))
            {
                throw new System.ArgumentException("red " + Max3010xSettings.LedCurrentError(redMilliamps));
            }

            if (!(irMilliamps >= 0f && irMilliamps <= Max3010xSettings.MaxLedCurrentMilliamps))
            {
                throw new System.ArgumentException("IR " + Max3010xSettings.LedCurrentError(irMilliamps));
            }

            if (_channels == 1 && irMilliamps != 0f)
            {
                throw new System.ArgumentException("IR LED current must be 0 mA in heart-rate mode: the IR LED is not sampled there");
            }

            _redAmplitude = Max3010xSettings.LedCurrentCode(redMilliamps);
            _irAmplitude = Max3010xSettings.LedCurrentCode(irMilliamps);
            // Light per mA changed for any samples already summed by the order check.
            _orderCheck.DiscardEvidence();
            if (!_running)
            {
                return false;
            }

            _write[0] = (byte)Register.Led1Pa;
            _write[1] = _redAmplitude;
            _write[2] = _irAmplitude;
            bool written = Write(3);
            // Even a failed write may have reached the chip; the samples around it are suspect either way.
            _ledCurrentsChanged = true;
            if (!written || !Read(Register.Led1Pa, _read, 2))
            {
                _health.State = HealthState.Degraded;
                if (_health.ConsecutiveFailures >= _settings.FailuresBeforeReinit)
                {
                    LastError = Max3010xError.BusFailure;
                    BeginRecovery();
                }

                return false;
            }

            if (_read[0] != _redAmplitude || _read[1] != _irAmplitude)
            {
                bool redWrong = _read[0] != _redAmplitude;
                _mismatch.Set(redWrong ? Register.Led1Pa : Register.Led2Pa, redWrong ? _redAmplitude : _irAmplitude, redWrong ? _read[0] : _read[1]);
                LastError = Max3010xError.ConfigurationMismatch;
                ConfigurationLosses++;
                BeginRecovery();
                return false;
            }

            LedCurrentChanges++;
            return true;
        }

        /// <summary>A readable account of <see cref="LastError"/> (allocates; for logs and start-up messages only).</summary>
        public string DescribeLastError()
        {
            switch (LastError)
            {
                case Max3010xError.None:
                    return "no error";
                case Max3010xError.BusFailure:
                    return "MAX30102 did not answer on the bus after " + _settings.MaxTransferAttempts.ToString()
                        + " attempts (last status " + BusStatusText.Describe(_health.LastError) + ")";
                case Max3010xError.ResetTimeout:
                    return "MAX30102 RESET bit did not clear within " + _settings.ResetTimeoutMicroseconds.ToString() + " us";
                case Max3010xError.WrongPartId:
                    return "MAX30102 PART_ID (0xFF) read 0x" + ((int)PartIdRead).ToString("X2") + ", expected 0x"
                        + ((int)ExpectedPartId).ToString("X2") + " (MAX30101/MAX30102/MAX30105); wrong chip or address";
                default:
                    return "MAX30102 register 0x" + ((int)MismatchRegister).ToString("X2") + " read back 0x"
                        + ((int)MismatchRead).ToString("X2") + " after writing 0x" + ((int)MismatchExpected).ToString("X2");
            }
        }

        // One non-blocking step of the start-up sequence; on success, accounts for the gap a recovery caused.
        private void StepInitialisation()
        {
            if (!_initialisation.Step(_redAmplitude, _irAmplitude))
            {
                if (_initialisation.StepError != Max3010xError.None)
                {
                    FailInitialisation(_initialisation.StepError);
                }

                return;
            }

            long now = _clock.NowMicroseconds;
            if (_recovering)
            {
                // Everything the chip sampled since the last good drain was cleared with the FIFO.
                _recovering = false;
                _health.RecordRecovery();
                _flags |= DrainFlags.Reinitialised;
                AddLost((int)((now - _lossWindowStart) / _outputPeriodMicroseconds), true);
            }

            _checkPopsAfterFailedBurst = false;
            _lastDrainMicroseconds = now;
            LastError = Max3010xError.None;
            _running = true;
            _health.State = (_flags & DrainFlags.Reinitialised) != 0 ? HealthState.Degraded : HealthState.Ok;
        }

        private void FailInitialisation(Max3010xError error)
        {
            LastError = error;
            _running = false;
            _health.State = HealthState.Failed;
        }

        private void BeginRecovery()
        {
            if (!_recovering)
            {
                _recovering = true;
                _lossWindowStart = _lastDrainMicroseconds;
            }

            _running = false;
            _initialisation.Restart();
            _health.State = HealthState.Failed;
        }

        private void OnDrainTransferFailed()
        {
            _flags |= DrainFlags.BusError;
            _health.State = HealthState.Degraded;
            if (_health.ConsecutiveFailures >= _settings.FailuresBeforeReinit)
            {
                BeginRecovery();
            }
        }

        private void AddLost(int count, bool estimated)
        {
            if (count <= 0)
            {
                return;
            }

            _lostThisDrain += count;
            _flags |= DrainFlags.SamplesLost;
            if (estimated)
            {
                _flags |= DrainFlags.LossEstimated;
            }

            _health.RecordSamplesLost(count);
        }

        private void Unpack(int samples)
        {
            // 18 bits left-justified in 3 bytes (bits 23:18 unused); lower resolutions leave the low bits zero. Per
            // sample on the interpreter: fields in locals, one loop per channel count.
            int[] first = _swap ? _ir : _red;
            byte[] fifo = _fifo;
            int shift = _shift;
            if (_channels == 2)
            {
                int[] second = _swap ? _red : _ir;
                for (int i = 0, o = 0; i < samples; i++, o += 2 * BytesPerChannel)
                {
                    first[i] = (((fifo[o] & 0x03) << 16) | (fifo[o + 1] << 8) | fifo[o + 2]) >> shift;
                    second[i] = (((fifo[o + 3] & 0x03) << 16) | (fifo[o + 4] << 8) | fifo[o + 5]) >> shift;
                }

                return;
            }

            for (int i = 0, o = 0; i < samples; i++, o += BytesPerChannel)
            {
                first[i] = (((fifo[o] & 0x03) << 16) | (fifo[o + 1] << 8) | fifo[o + 2]) >> shift;
            }
        }

        private void CheckChannelOrder(int samples)
        {
            if (_orderCheck.Order != ChannelOrder.Unknown || _channels != 2 || _redAmplitude == 0 || _irAmplitude == 0)
            {
                return;
            }

            // Undo any swap so the check judges the order as delivered by the chip.
            ChannelOrder order = _orderCheck.Add(_swap ? _ir : _red, _swap ? _red : _ir, samples, _redAmplitude, _irAmplitude);
            if (order == ChannelOrder.Swapped && _settings.CorrectSwappedChannels)
            {
                _swap = true;
                _flags |= DrainFlags.ChannelOrderCorrected;
            }
        }

        private bool ReadDieTemperature()
        {
            if (!Read(Register.DieTempInteger, _read, 2))
            {
                return false;
            }

            // TINT is two's complement; TFRAC counts sixteenths upward from it.
            DieTemperatureSixteenths = (sbyte)_read[0] * 16 + (_read[1] & 0x0F);
            HasDieTemperature = true;
            return true;
        }

        private bool Write(int count)
        {
            return _transfers.Write(_write, count);
        }

        private bool Read(Register first, byte[] destination, int count)
        {
            _write[0] = (byte)first;

            // A FIFO burst that broke part-way has already popped samples; retrying would misalign them.
            return first == Register.FifoData
                ? _transfers.WriteReadConsuming(_write, 1, destination, 0, count)
                : _transfers.WriteRead(_write, 1, destination, 0, count);
        }
    }
}
