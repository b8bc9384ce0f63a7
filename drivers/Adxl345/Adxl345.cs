using System;

namespace WearableFirmware.Drivers.Adxl345
{
    /// <summary>
    /// Allocation-free ADXL345 driver over I2C for a fixed-budget sampling loop.
    /// <para>
    /// Use: construct once, call <see cref="Start"/>, then call <see cref="Drain"/> every loop tick (at least every
    /// ~600 ms at 50 Hz: the FIFO holds 33 samples). After each drain, samples <c>0 .. SampleCount-1</c> of
    /// <see cref="X"/>, <see cref="Y"/>, <see cref="Z"/> are the new samples, oldest first, in counts of
    /// <see cref="GPerCount"/> g (1/256 g at full resolution); <see cref="Events"/> holds the interrupt sources seen
    /// during this drain; <see cref="SamplesLostThisDrain"/> says how many samples are missing between the
    /// previous drain's last sample and this drain's first. The arrays are reused: copy what you keep.
    /// </para>
    /// <para>
    /// Faults never throw from <see cref="Drain"/>: transfers are retried, counted in <see cref="Health"/>, the chip is
    /// re-initialised after repeated failures or when it lost its configuration (brown-out), and the health state
    /// says how trustworthy the data is.
    /// </para>
    /// </summary>
    public sealed class Adxl345
    {
        /// <summary>I2C address with SDO/ALT ADDRESS low.</summary>
        public const byte DefaultAddress = 0x53;

        /// <summary>I2C address with SDO/ALT ADDRESS high.</summary>
        public const byte AlternateAddress = 0x1D;

        /// <summary>DEVID contents of a genuine ADXL345.</summary>
        public const byte ExpectedDeviceId = 0xE5;

        /// <summary>32 FIFO levels plus the entry waiting in the output registers.</summary>
        public const int FifoCapacity = 33;

        /// <summary>Bytes of one FIFO entry (X, Y, Z little-endian), read in one multi-byte transfer.</summary>
        public const int BytesPerEntry = 6;

        // Configuration block written in one multi-byte transfer each: 0x1D..0x2A and 0x2C..0x2F.
        private const int TapBlockLength = (int)Register.TapAxes - (int)Register.ThreshTap + 1;

        private readonly IRegisterBus _bus;
        private readonly IClock _clock;
        private readonly DriverHealth _health = new DriverHealth();
        private readonly RetryingTransfers _transfers;
        private readonly SampleTimeline _timeline = new SampleTimeline();
        private readonly byte[] _write = new byte[TapBlockLength + 1];
        private readonly byte[] _read = new byte[TapBlockLength + 1];
        private readonly byte[] _expectedTapBlock = new byte[TapBlockLength];
        private readonly int[] _x = new int[FifoCapacity];
        private readonly int[] _y = new int[FifoCapacity];
        private readonly int[] _z = new int[FifoCapacity];

        private readonly byte _bwRate;
        private readonly byte _powerControl;
        private readonly byte _interruptEnable;
        private readonly byte _interruptMap;
        private readonly byte _dataFormat;
        private readonly byte _fifoControl;
        private readonly long _periodNs;
        private readonly float _gPerCount;

        private int _count;
        private InterruptSource _events;
        private int _lostBeforeThisDrain;
        private long _lastConfigCheckUs;
        private long _lastNewSampleUs;
        private long _lastStartAttemptUs;
        private bool _started;
        private int _cleanDrains;
        private int _unreadEntries;
        private bool _restartedSinceDelivery;
        private bool _gapBeforeThisDrain;
        private long _lastDeliveredSampleNs;
        private long _periodBeforeRestartNs;

        // The error is kept as a code plus the bytes it names and worded only when read: Drain retries an absent chip
        // every second, and composing the message on each retry would allocate on the loop.
        private readonly byte[] _errorBytes = new byte[4];
        private Adxl345Error _error;
        private BusStatus _errorBus;

        /// <summary>Validates <paramref name="settings"/> (throws naming the bad field) and keeps their register values.</summary>
        public Adxl345(IRegisterBus bus, IClock clock, Adxl345Settings settings)
        {
            if (bus == null)
            {
                throw new ArgumentNullException("bus");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            settings.Validate();
            if (settings.FifoMode != FifoMode.Stream && settings.FifoMode != FifoMode.Fifo)
            {
                throw new ArgumentOutOfRangeException("settings",
                    "FifoMode must be Stream or Fifo: Drain reads the FIFO and counts what it lost");
            }

            if (settings.DataRate > Adxl345Settings.FastestDrainableRate)
            {
                throw new ArgumentOutOfRangeException("settings",
                    "DataRate above 800 Hz cannot be drained over 400 kHz I2C (each entry costs ~0.2 ms of bus time)");
            }

            _bus = bus;
            _clock = clock;
            _transfers = new RetryingTransfers(bus, _health, 3);
            _bwRate = settings.BwRateValue();
            _powerControl = settings.PowerControlValue();
            _interruptEnable = settings.InterruptEnableValue();
            _interruptMap = settings.InterruptMapValue();
            _dataFormat = settings.DataFormatValue();
            _fifoControl = settings.FifoControlValue();
            _periodNs = Adxl345Settings.RatePeriodNanoseconds(settings.DataRate);

            // Full resolution keeps 256 counts per g at every range; 10-bit mode spreads 1024 counts over the range.
            int countsPerG = settings.FullResolution ? 256 : 256 >> (int)settings.Range;
            _gPerCount = 1f / countsPerG;

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

        /// <summary>Transfer attempts per register access before it counts as failed (1 = no retry).</summary>
        public int MaxTransferAttempts
        {
            get { return _transfers.MaxAttempts; }
            set { _transfers.MaxAttempts = value; }
        }

        /// <summary>
        /// Failed transfer attempts in a row after which the driver checks the chip and, if it lost its configuration,
        /// re-initialises it (default: two register accesses that failed all their attempts).
        /// </summary>
        public int FailuresBeforeReinit { get; set; } = 6;

        /// <summary>How often the driver reads back BW_RATE..INT_MAP to catch a chip that reset itself.</summary>
        public long ConfigCheckIntervalMicroseconds { get; set; } = 1000000;

        /// <summary>While <see cref="HealthState.Failed"/>, how often <see cref="Drain"/> retries <see cref="Start"/>.</summary>
        public long RestartIntervalMicroseconds { get; set; } = 1000000;

        /// <summary>Clean drains in a row that bring <see cref="HealthState.Degraded"/> back to Ok.</summary>
        public int CleanDrainsToRecover { get; set; } = 50;

        /// <summary>Error counters and state; shared with the firmware's status reporting.</summary>
        public DriverHealth Health => _health;

        /// <summary>Why the last <see cref="Start"/> or configuration check failed (None after a successful start).</summary>
        public Adxl345Error LastError => _error;

        /// <summary>X samples of the last drain, counts; valid from 0 to <see cref="SampleCount"/> - 1.</summary>
        public int[] X => _x;

        public int[] Y => _y;

        public int[] Z => _z;

        /// <summary>Samples delivered by the last <see cref="Drain"/>.</summary>
        public int SampleCount => _count;

        /// <summary>g per count: exactly 1/256 (3.90625 mg) at full resolution; a power of two, so float is exact.</summary>
        public float GPerCount => _gPerCount;

        /// <summary>The chip's sample period as measured from the drains (nominal until enough samples were seen).</summary>
        public long SamplePeriodNanoseconds => _timeline.PeriodNanoseconds;

        /// <summary>
        /// Estimated clock time (us) of the newest sample of the last drain, from the tracked sampling grid; sample
        /// <c>i</c> was taken at about <c>NewestSampleMicroseconds - (SampleCount - 1 - i) * SamplePeriodNanoseconds / 1000</c>.
        /// </summary>
        public long NewestSampleMicroseconds => _timeline.NewestSampleNs / 1000;

        /// <summary>Interrupt sources read from INT_SOURCE during the last drain (motion events are latched by the chip).</summary>
        public InterruptSource Events => _events;

        /// <summary>Samples missing right before this drain's first sample (FIFO overflow: the reader was late).</summary>
        public int SamplesLostThisDrain => _lostBeforeThisDrain;

        /// <summary>
        /// True when this drain's first sample does not directly follow the previous drain's last one: samples were
        /// lost to overflow, or the chip was re-initialised in between (its FIFO emptied, how much is unknown).
        /// </summary>
        public bool GapBeforeThisDrain => _gapBeforeThisDrain;

        /// <summary>Samples delivered since construction.</summary>
        public long SamplesDelivered { get; private set; }

        public int FreeFallEvents { get; private set; }

        public int ActivityEvents { get; private set; }

        public int InactivityEvents { get; private set; }

        public int SingleTapEvents { get; private set; }

        /// <summary>Double taps: the wearer's "I'm OK" gesture.</summary>
        public int DoubleTapEvents { get; private set; }

        /// <summary>Drains that found the FIFO full (overrun), whether or not samples were lost.</summary>
        public int OverrunEvents { get; private set; }

        /// <summary>Drains that found the watermark reached.</summary>
        public int WatermarkEvents { get; private set; }

        /// <summary>Times the chip was found with its configuration gone (power-on reset, brown-out) and re-initialised.</summary>
        public int ConfigurationLosses { get; private set; }

        /// <summary>
        /// Checks DEVID, writes the whole configuration in standby, enables measurement, clears latched events and
        /// enables interrupts last, then reads everything back. Returns false (and sets <see cref="LastError"/>
        /// and health Failed) when the chip is absent, is not an ADXL345 or did not keep the values.
        /// </summary>
        public bool Start()
        {
            _lastStartAttemptUs = _clock.NowMicroseconds;
            _started = false;
            _count = 0;
            if (!ReadRegisters(Register.DevId, 1))
            {
                _errorBus = _health.LastError;
                return FailStart(Adxl345Error.NoAnswer);
            }

            if (_read[0] != ExpectedDeviceId)
            {
                _errorBytes[0] = _read[0];
                return FailStart(Adxl345Error.WrongDeviceId);
            }

            // Standby and interrupts off while configuring, as the datasheet recommends.
            if (!WriteRegister(Register.PowerCtl, 0) || !WriteRegister(Register.IntEnable, 0))
            {
                return FailStart(Adxl345Error.StandbyWriteFailed);
            }

            _write[0] = (byte)Register.ThreshTap;
            Array.Copy(_expectedTapBlock, 0, _write, 1, TapBlockLength);
            if (!Write(TapBlockLength + 1))
            {
                return FailStart(Adxl345Error.ThresholdBlockWriteFailed);
            }

            // Bypass first empties the FIFO, so stale entries from before a reset are not delivered.
            if (!WriteRegister(Register.BwRate, _bwRate) || !WriteRegister(Register.DataFormat, _dataFormat)
                || !WriteRegister(Register.IntMap, _interruptMap) || !WriteRegister(Register.FifoCtl, 0)
                || !WriteRegister(Register.FifoCtl, _fifoControl))
            {
                return FailStart(Adxl345Error.FormatWriteFailed);
            }

            if (!WriteRegister(Register.PowerCtl, _powerControl))
            {
                return FailStart(Adxl345Error.MeasureWriteFailed);
            }

            long measureStartUs = _clock.NowMicroseconds;

            // Latched events from before now would fire at once: read INT_SOURCE, then enable.
            if (!ReadRegisters(Register.IntSource, 1) || !WriteRegister(Register.IntEnable, _interruptEnable))
            {
                return FailStart(Adxl345Error.InterruptEnableFailed);
            }

            if (!VerifyConfiguration(true))
            {
                return FailStart(_error);
            }

            if (SamplesDelivered > 0)
            {
                // Keep the grid's measured period: the gap across this restart is counted in it.
                _periodBeforeRestartNs = _timeline.PeriodNanoseconds;
            }

            _timeline.Restart(measureStartUs * 1000, _periodNs);
            _unreadEntries = 0;
            _lastConfigCheckUs = _clock.NowMicroseconds;
            _lastNewSampleUs = measureStartUs;
            _error = Adxl345Error.None;
            _restartedSinceDelivery = SamplesDelivered > 0;
            _started = true;
            _cleanDrains = 0;
            _health.State = HealthState.Ok;
            return true;
        }

        /// <summary>
        /// One sampling-loop tick: reads INT_SOURCE (events), FIFO_STATUS (entries), then each entry with one 6-byte
        /// read from DATAX0. Returns <see cref="SampleCount"/>. Never throws and never allocates; on faults it retries,
        /// counts, re-initialises the chip when needed and returns what it got.
        /// </summary>
        public int Drain()
        {
            _count = 0;
            _events = InterruptSource.None;
            _lostBeforeThisDrain = 0;
            _gapBeforeThisDrain = false;
            long nowUs = _clock.NowMicroseconds;
            if (!_started)
            {
                if (nowUs - _lastStartAttemptUs >= RestartIntervalMicroseconds && Start())
                {
                    _health.RecordRecovery();
                    _health.State = HealthState.Degraded;
                }

                return 0;
            }

            bool clean = true;
            if (!ReadRegisters(Register.IntSource, 1))
            {
                return AfterFailedTransfer();
            }

            InterruptSource source = (InterruptSource)_read[0];
            _events = source;
            if ((source & CountedEvents) != 0)
            {
                CountEvents(source);
            }

            long statusUs = _clock.NowMicroseconds;
            if (!ReadRegisters(Register.FifoStatus, 1))
            {
                return AfterFailedTransfer();
            }

            int entries = _read[0] & 0x3F;
            bool full = entries >= FifoCapacity || (source & InterruptSource.Overrun) != 0;
            int newEntries = entries >= _unreadEntries ? entries - _unreadEntries : 0;
            int lost = _timeline.Observe(statusUs * 1000, newEntries, full);
            if (lost > 0)
            {
                _lostBeforeThisDrain = lost;
                _health.RecordSamplesLost(lost);
                clean = false;
            }

            if (entries > FifoCapacity)
            {
                entries = FifoCapacity;
            }

            // One multi-byte read per entry (any read of the data registers pops one FIFO level), straight on the bus:
            // the status read above left no failure to clear, so only a failed transfer needs the retry path.
            byte[] read = _read;
            byte[] write = _write;
            IRegisterBus bus = _bus;
            int[] xs = _x;
            int[] ys = _y;
            int[] zs = _z;
            write[0] = (byte)Register.DataX0;
            for (int i = 0; i < entries; i++)
            {
                BusStatus status = bus.WriteRead(write, 1, read, 0, BytesPerEntry);
                if (status != BusStatus.Ok && !_transfers.RetryWriteRead(status, write, 1, read, 0, BytesPerEntry))
                {
                    // Entries left behind are counted as seen, so the next drain does not count them as new.
                    _count = i;
                    _unreadEntries = entries - i;
                    Delivered(entries - i);
                    return AfterFailedTransfer();
                }

                xs[i] = (short)(read[0] | (read[1] << 8));
                ys[i] = (short)(read[2] | (read[3] << 8));
                zs[i] = (short)(read[4] | (read[5] << 8));
            }

            _count = entries;

            _unreadEntries = 0;
            if (_count > 0)
            {
                _gapBeforeThisDrain = lost > 0 || _restartedSinceDelivery;
                _lastNewSampleUs = statusUs;
            }

            Delivered(0);

            // A chip that reset itself sits in standby: no samples arrive. Check at once then, else periodically.
            bool stalled = _count == 0 && (statusUs - _lastNewSampleUs) * 1000 > 3 * _periodNs + 1000000;
            if (stalled || statusUs - _lastConfigCheckUs >= ConfigCheckIntervalMicroseconds)
            {
                _lastConfigCheckUs = statusUs;
                if (!VerifyConfiguration(false))
                {
                    return RecoverConfiguration();
                }
            }

            if (_health.ConsecutiveFailures == 0 && clean && _health.State == HealthState.Degraded)
            {
                _cleanDrains++;
                if (_cleanDrains >= CleanDrainsToRecover)
                {
                    _health.State = HealthState.Ok;
                    _cleanDrains = 0;
                }
            }
            else if (!clean)
            {
                _cleanDrains = 0;
                _health.State = HealthState.Degraded;
            }

            return _count;
        }

        // The sources CountEvents counts (DATA_READY, set on nearly every drain, is not one of them).
        private const InterruptSource CountedEvents = InterruptSource.FreeFall | InterruptSource.Activity | InterruptSource.Inactivity
            | InterruptSource.SingleTap | InterruptSource.DoubleTap | InterruptSource.Overrun | InterruptSource.Watermark;

        /// <summary>
        /// Books this drain's samples (the newest <paramref name="leftInFifo"/> produced ones still unread). After a
        /// re-initialisation the chip's FIFO was emptied and it stood in standby: the samples missing between the
        /// last one delivered before and the first one after are counted as lost, from the elapsed time on the grid.
        /// </summary>
        private void Delivered(int leftInFifo)
        {
            if (_count == 0)
            {
                return;
            }

            long period = _timeline.PeriodNanoseconds;
            long newestDeliveredNs = _timeline.NewestSampleNs - leftInFifo * period;
            if (_restartedSinceDelivery)
            {
                _restartedSinceDelivery = false;
                long gapPeriod = _periodBeforeRestartNs > 0 ? _periodBeforeRestartNs : period;
                long firstNs = newestDeliveredNs - (_count - 1) * period;
                long missing = (firstNs - _lastDeliveredSampleNs + gapPeriod / 2) / gapPeriod - 1;
                if (missing > 0)
                {
                    int lost = missing > int.MaxValue ? int.MaxValue : (int)missing;
                    _lostBeforeThisDrain += lost;
                    _health.RecordSamplesLost(lost);
                    _cleanDrains = 0;
                    _health.State = HealthState.Degraded;
                }
            }

            SamplesDelivered += _count;
            _lastDeliveredSampleNs = newestDeliveredNs;
        }

        private void CountEvents(InterruptSource source)
        {
            if ((source & InterruptSource.FreeFall) != 0)
            {
                FreeFallEvents++;
            }

            if ((source & InterruptSource.Activity) != 0)
            {
                ActivityEvents++;
            }

            if ((source & InterruptSource.Inactivity) != 0)
            {
                InactivityEvents++;
            }

            if ((source & InterruptSource.SingleTap) != 0)
            {
                SingleTapEvents++;
            }

            if ((source & InterruptSource.DoubleTap) != 0)
            {
                DoubleTapEvents++;
            }

            if ((source & InterruptSource.Overrun) != 0)
            {
                OverrunEvents++;
            }

            if ((source & InterruptSource.Watermark) != 0)
            {
                WatermarkEvents++;
            }
        }

        private int AfterFailedTransfer()
        {
            _cleanDrains = 0;
            _health.State = HealthState.Degraded;
            if (_health.ConsecutiveFailures >= FailuresBeforeReinit)
            {
                // A chip that kept its configuration keeps its FIFO too: resume instead of resetting it.
                bool intact = ReadRegisters(Register.DevId, 1) && _read[0] == ExpectedDeviceId && VerifyConfiguration(true);
                if (intact)
                {
                    _health.RecordRecovery();
                }
                else if (Start())
                {
                    _health.RecordRecovery();
                    _health.State = HealthState.Degraded;
                }
            }

            return _count;
        }

        private int RecoverConfiguration()
        {
            ConfigurationLosses++;
            if (Start())
            {
                _health.RecordRecovery();
                _health.State = HealthState.Degraded;
            }

            _cleanDrains = 0;
            return _count;
        }

        /// <summary>Reads back the configuration; <paramref name="full"/> also checks the threshold block and FIFO_CTL.</summary>
        private bool VerifyConfiguration(bool full)
        {
            if (!ReadRegisters(Register.BwRate, 4))
            {
                _error = Adxl345Error.RateReadBackFailed;
                return false;
            }

            if (_read[0] != _bwRate || _read[1] != _powerControl || _read[2] != _interruptEnable || _read[3] != _interruptMap)
            {
                Array.Copy(_read, _errorBytes, 4);
                _error = Adxl345Error.RateReadBackMismatch;
                return false;
            }

            if (!full)
            {
                return true;
            }

            if (!ReadRegisters(Register.ThreshTap, TapBlockLength))
            {
                _error = Adxl345Error.ThresholdBlockReadBackFailed;
                return false;
            }

            for (int i = 0; i < TapBlockLength; i++)
            {
                if (_read[i] != _expectedTapBlock[i])
                {
                    _errorBytes[0] = (byte)((int)Register.ThreshTap + i);
                    _errorBytes[1] = _read[i];
                    _errorBytes[2] = _expectedTapBlock[i];
                    _error = Adxl345Error.RegisterReadBackMismatch;
                    return false;
                }
            }

            if (!ReadRegisters(Register.DataFormat, 1) || _read[0] != _dataFormat)
            {
                _error = Adxl345Error.DataFormatReadBackFailed;
                return false;
            }

            if (!ReadRegisters(Register.FifoCtl, 1) || _read[0] != _fifoControl)
            {
                _error = Adxl345Error.FifoControlReadBackFailed;
                return false;
            }

            return true;
        }

        private bool FailStart(Adxl345Error error)
        {
            if (error == Adxl345Error.None)
            {
                _error = Adxl345Error.ConfigurationReadBackFailed;
            }
            else
            {
                _error = error;
            }

            _started = false;
            _health.State = HealthState.Failed;
            return false;
        }

        private bool WriteRegister(Register register, byte value)
        {
            _write[0] = (byte)register;
            _write[1] = value;
            return Write(2);
        }

        private bool Write(int count)
        {
            return _transfers.Write(_write, count);
        }

        private bool ReadRegisters(Register first, int count)
        {
            _write[0] = (byte)first;
            return _transfers.WriteRead(_write, 1, _read, 0, count);
        }

        /// <summary>A readable account of <see cref="LastError"/> (allocates; for logs and start-up messages only).</summary>
        public string DescribeLastError()
        {
            byte[] b = _errorBytes;
            switch (_error)
            {
                case Adxl345Error.NoAnswer:
                    return "no answer at the ADXL345 address (DEVID read failed: " + BusStatusText.Describe(_errorBus) + ")";
                case Adxl345Error.WrongDeviceId:
                    return "DEVID read 0x" + Hex(b[0]) + ", expected 0xE5: not an ADXL345";
                case Adxl345Error.StandbyWriteFailed:
                    return "writing POWER_CTL/INT_ENABLE failed";
                case Adxl345Error.ThresholdBlockWriteFailed:
                    return "writing THRESH_TAP..TAP_AXES failed";
                case Adxl345Error.FormatWriteFailed:
                    return "writing BW_RATE/DATA_FORMAT/INT_MAP/FIFO_CTL failed";
                case Adxl345Error.MeasureWriteFailed:
                    return "writing POWER_CTL failed";
                case Adxl345Error.InterruptEnableFailed:
                    return "clearing INT_SOURCE / writing INT_ENABLE failed";
                case Adxl345Error.RateReadBackFailed:
                    return "read-back of BW_RATE..INT_MAP failed";
                case Adxl345Error.ThresholdBlockReadBackFailed:
                    return "read-back of THRESH_TAP..TAP_AXES failed";
                case Adxl345Error.DataFormatReadBackFailed:
                    return "DATA_FORMAT did not read back";
                case Adxl345Error.FifoControlReadBackFailed:
                    return "FIFO_CTL did not read back";
                case Adxl345Error.RateReadBackMismatch:
                    return "BW_RATE..INT_MAP read back 0x" + Hex(b[0]) + " 0x" + Hex(b[1]) + " 0x" + Hex(b[2]) + " 0x" + Hex(b[3]);
                case Adxl345Error.RegisterReadBackMismatch:
                    return "register 0x" + Hex(b[0]) + " read back 0x" + Hex(b[1]) + ", wrote 0x" + Hex(b[2]);
                case Adxl345Error.ConfigurationReadBackFailed:
                    return "read-back of the configuration failed";
                default:
                    return string.Empty;
            }
        }

        private static string Hex(byte value)
        {
            const string digits = "0123456789ABCDEF";
            return string.Concat(digits.Substring(value >> 4, 1), digits.Substring(value & 0xF, 1));
        }
    }
}
