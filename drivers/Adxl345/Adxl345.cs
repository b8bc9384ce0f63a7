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

        private readonly IRegisterBus _bus;
        private readonly IClock _clock;
        private readonly DriverHealth _health = new DriverHealth();
        private readonly RetryingTransfers _transfers;
        private readonly SampleTimeline _timeline = new SampleTimeline();
        private readonly InterruptSourceCounts _interruptCounts = new InterruptSourceCounts();
        private readonly byte[] _write = new byte[Adxl345Initialisation.TransferBufferLength];
        private readonly byte[] _read = new byte[Adxl345Initialisation.TransferBufferLength];
        private readonly int[] _x = new int[FifoCapacity];
        private readonly int[] _y = new int[FifoCapacity];
        private readonly int[] _z = new int[FifoCapacity];

        private readonly Adxl345Initialisation _initialisation;
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
        private Adxl345Error _error;

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
            _initialisation = new Adxl345Initialisation(clock, settings, _health, _transfers, _write, _read);
            _periodNs = Adxl345Settings.RatePeriodNanoseconds(settings.DataRate);

            // Full resolution keeps 256 counts per g at every range; 10-bit mode spreads 1024 counts over the range.
            int countsPerG = settings.FullResolution ? 256 : 256 >> (int)settings.Range;
            _gPerCount = 1f / countsPerG;
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

        public int FreeFallEvents => _interruptCounts.FreeFall;

        public int ActivityEvents => _interruptCounts.Activity;

        public int InactivityEvents => _interruptCounts.Inactivity;

        public int SingleTapEvents => _interruptCounts.SingleTap;

        /// <summary>Double taps: the wearer's "I'm OK" gesture.</summary>
        public int DoubleTapEvents => _interruptCounts.DoubleTap;

        /// <summary>Drains that found the FIFO full (overrun), whether or not samples were lost.</summary>
        public int OverrunEvents => _interruptCounts.Overrun;

        /// <summary>Drains that found the watermark reached.</summary>
        public int WatermarkEvents => _interruptCounts.Watermark;

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
            if (!_initialisation.Run())
            {
                return FailStart(_initialisation.Error);
            }

            long measureStartUs = _initialisation.MeasureStartMicroseconds;

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
            if ((source & InterruptSourceCounts.Counted) != 0)
            {
                _interruptCounts.Add(source);
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
                if (!_initialisation.Verify(false))
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

        private int AfterFailedTransfer()
        {
            _cleanDrains = 0;
            _health.State = HealthState.Degraded;
            if (_health.ConsecutiveFailures >= FailuresBeforeReinit)
            {
                // A chip that kept its configuration keeps its FIFO too: resume instead of resetting it.
                if (_initialisation.IsIntact())
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

        private bool FailStart(Adxl345Error error)
        {
            _error = error;
            _started = false;
            _health.State = HealthState.Failed;
            return false;
        }

        private bool ReadRegisters(Register first, int count)
        {
            _write[0] = (byte)first;
            return _transfers.WriteRead(_write, 1, _read, 0, count);
        }

        /// <summary>A readable account of <see cref="LastError"/> (allocates; for logs and start-up messages only).</summary>
        public string DescribeLastError()
        {
            byte[] b = _initialisation.ErrorBytes;
            switch (_error)
            {
                case Adxl345Error.NoAnswer:
                    return "no answer at the ADXL345 address (DEVID read failed: " + BusStatusText.Describe(_initialisation.ErrorBus) + ")";
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
