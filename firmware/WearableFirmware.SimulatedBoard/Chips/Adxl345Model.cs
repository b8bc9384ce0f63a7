using System.Numerics;
using WearableFirmware.Drivers;
using WearableFirmware.SimulatedBoard.Signals;

namespace WearableFirmware.SimulatedBoard.Chips;

/// <summary>
/// Register-level ADXL345 (datasheet Rev. G) behind the same bus interface the driver uses on the device. It catches
/// up lazily with the clock on every bus access: while measuring it evaluates the motion source at an internal rate
/// (<see cref="InternalRateHz"/>, a multiple of the output data rate), runs the motion detectors on those
/// undecimated values as the chip does, and emits one output sample per ODR period as the mean of the internal
/// values (the chip's decimation filter, simplified to a boxcar).
/// <para>Modelled: reset values, standby/measure, ODR with a crystal error, DATA_FORMAT (range, FULL_RES, justify,
/// 10-bit mode, saturation, zero LSB at 1600/3200 Hz), offsets, FIFO bypass/FIFO/stream/trigger with 32 levels plus
/// the output registers (33 entries), pop on any data-register read, DATA_READY/watermark/overrun, free fall,
/// activity/inactivity (dc and ac coupled), single/double tap with latency, window and suppress, INT_SOURCE clear
/// on read, INT_MAP/INT_INVERT pins, ACT_TAP_STATUS axes. Faults: wrong DEVID, brown-out.</para>
/// <para>Simplified (documented in hardware-notes/sensors.md (ADXL345)): sleep/auto-sleep/link and wake-up rates,
/// self test, low-power noise and the exact filter response are not modelled; free fall and inactivity fire once
/// per episode; the second tap of a double tap does not also raise SINGLE_TAP.</para>
/// </summary>
public sealed class Adxl345Model : IRegisterBus
{
    /// <summary>32 FIFO levels plus the sample held in the output registers.</summary>
    public const int FifoCapacity = 33;

    private const byte DeviceId = 0xE5;

    private readonly IClock _clock;
    private readonly byte[] _regs = new byte[0x40];
    private readonly short[] _fifoX = new short[FifoCapacity];
    private readonly short[] _fifoY = new short[FifoCapacity];
    private readonly short[] _fifoZ = new short[FifoCapacity];
    private int _fifoHead;
    private int _fifoCount;
    private short _outX, _outY, _outZ;
    private bool _bypassUnread;
    private bool _overrun;
    private bool _triggered;
    private byte _latched;
    private long _samplesProduced;
    private long _samplesDiscarded;

    // Sampling schedule (nanoseconds of simulated time).
    private bool _measuring;
    private long _scheduleStartNs;
    private long _ticksDone;
    private double _tickNs;
    private int _ticksPerSample;
    private Vector3 _sum;
    private int _summed;

    // Detector state.
    private long _freeFallSinceNs = -1;
    private bool _freeFallFired;
    private long _inactiveSinceNs = -1;
    private bool _inactivityFired;
    private Vector3 _activityReference;
    private Vector3 _inactivityReference;
    private bool _activityReferenceSet;
    private bool _inactivityReferenceSet;
    private TapState _tapState;
    private long _tapStartNs;
    private long _tapDetectedNs;

    public Adxl345Model(IClock clock, IMotionSource? source = null)
    {
        _clock = clock;
        Source = source ?? new ConstantMotion(new Vector3(0, 0, 1));
        ResetRegisters();
    }

    private enum TapState
    {
        Idle,
        FirstTap,
        Latency,
        Window,
        SecondTap,
        WaitBelow,
    }

    /// <summary>What the sensor feels, in g.</summary>
    public IMotionSource Source { get; set; }

    /// <summary>Oscillator error: +100 ppm means samples come 100 ppm faster than nominal (applies from the next measure start or rate change).</summary>
    public double CrystalErrorPpm { get; set; }

    /// <summary>
    /// Rate of the undecimated data the detectors see (rounded to a multiple of the ODR; the chip uses ~3200 Hz).
    /// Costs ~2.3 s of host time per simulated hour at 800 Hz; lower it for day-long runs that need no tap detection.
    /// Applies from the next measure start or rate change.
    /// </summary>
    public int InternalRateHz { get; set; } = 800;

    /// <summary>Fault: DEVID reads this instead of 0xE5 (null = genuine part).</summary>
    public byte? DeviceIdOverride { get; set; }

    /// <summary>Samples the chip produced while measuring, after catching up with the clock.</summary>
    public long SamplesProduced
    {
        get
        {
            CatchUp();
            return _samplesProduced;
        }
    }

    /// <summary>Samples dropped because the FIFO was full (stream: oldest dropped; FIFO/trigger: newest not stored).</summary>
    public long SamplesDiscarded
    {
        get
        {
            CatchUp();
            return _samplesDiscarded;
        }
    }

    /// <summary>FIFO entries popped by data-register reads.</summary>
    public long EntriesRead { get; private set; }

    /// <summary>Entries waiting (what FIFO_STATUS reports), after catching up with the clock.</summary>
    public int FifoEntries
    {
        get
        {
            CatchUp();
            return _fifoCount;
        }
    }

    /// <summary>INT1 pin level (true = high), after catching up with the clock.</summary>
    public bool Int1
    {
        get
        {
            CatchUp();
            return PinLevel(false);
        }
    }

    /// <summary>INT2 pin level (true = high), after catching up with the clock.</summary>
    public bool Int2
    {
        get
        {
            CatchUp();
            return PinLevel(true);
        }
    }

    /// <summary>Register contents as the chip holds them (no read side effects), for tests and tools.</summary>
    public byte Peek(byte register)
    {
        CatchUp();
        return register == 0x30 ? IntSource() : register == 0x39 ? FifoStatus() : _regs[register & 0x3F];
    }

    /// <summary>Fault: supply dip below the reset threshold. Every register returns to its reset value, the FIFO empties.</summary>
    public void BrownOut()
    {
        CatchUp();
        ResetRegisters();
    }

    public BusStatus Write(byte[] data, int count)
    {
        if (count < 1)
        {
            return BusStatus.PartialTransfer;
        }

        CatchUp();
        int address = data[0] & 0x3F;
        for (int i = 1; i < count; i++)
        {
            WriteRegister(address, data[i]);
            address = (address + 1) & 0x3F;
        }

        return BusStatus.Ok;
    }

    public BusStatus WriteRead(byte[] write, int writeCount, byte[] read, int readOffset, int readCount)
    {
        if (writeCount < 1)
        {
            return BusStatus.PartialTransfer;
        }

        CatchUp();
        int address = write[0] & 0x3F;
        for (int i = 1; i < writeCount; i++)
        {
            WriteRegister(address, write[i]);
            address = (address + 1) & 0x3F;
        }

        // The output registers are captured once per transaction, so a multi-byte read is coherent.
        bool touchedData = false;
        bool touchedIntSource = false;
        for (int i = 0; i < readCount; i++)
        {
            int reg = (address + i) & 0x3F;
            read[readOffset + i] = ReadRegister(reg);
            touchedData |= reg >= 0x32 && reg <= 0x37;
            touchedIntSource |= reg == 0x30;
        }

        if (touchedIntSource)
        {
            _latched = 0;
        }

        if (touchedData)
        {
            // Any read of the data registers pops one level; the unread rest of that entry is gone.
            PopEntry();
        }

        return BusStatus.Ok;
    }

    private void ResetRegisters()
    {
        Array.Clear(_regs);
        _regs[0x2C] = 0x0A;
        _fifoHead = 0;
        _fifoCount = 0;
        _outX = _outY = _outZ = 0;
        _bypassUnread = false;
        _overrun = false;
        _triggered = false;
        _latched = 0;
        _measuring = false;
        ResetDetectors();
    }

    private void ResetDetectors()
    {
        _freeFallSinceNs = -1;
        _freeFallFired = false;
        _inactiveSinceNs = -1;
        _inactivityFired = false;
        _activityReferenceSet = false;
        _inactivityReferenceSet = false;
        _tapState = TapState.Idle;
        _sum = Vector3.Zero;
        _summed = 0;
    }

    private byte ReadRegister(int reg)
    {
        switch (reg)
        {
            case 0x00:
                return DeviceIdOverride ?? DeviceId;
            case 0x30:
                return IntSource();
            case 0x32:
                return (byte)Justified(_outX);
            case 0x33:
                return (byte)(Justified(_outX) >> 8);
            case 0x34:
                return (byte)Justified(_outY);
            case 0x35:
                return (byte)(Justified(_outY) >> 8);
            case 0x36:
                return (byte)Justified(_outZ);
            case 0x37:
                return (byte)(Justified(_outZ) >> 8);
            case 0x39:
                return FifoStatus();
            default:
                return reg >= 0x01 && reg <= 0x1C ? (byte)0 : _regs[reg];
        }
    }

    private void WriteRegister(int reg, byte value)
    {
        bool writable = (reg >= 0x1D && reg <= 0x2A) || (reg >= 0x2C && reg <= 0x2F) || reg == 0x31 || reg == 0x38;
        if (!writable)
        {
            return;
        }

        byte old = _regs[reg];
        _regs[reg] = value;
        long nowNs = _clock.NowMicroseconds * 1000;
        switch (reg)
        {
            case 0x2D:
                bool measure = (value & 0x08) != 0;
                if (measure && !_measuring)
                {
                    StartSchedule(nowNs);
                    ResetDetectors();
                }

                _measuring = measure;
                break;
            case 0x2C:
                if (_measuring && (old & 0x0F) != (value & 0x0F))
                {
                    StartSchedule(nowNs);
                }

                break;
            case 0x2E:
                // Activity/inactivity (ac) references are taken when detection starts.
                if ((value & 0x10) != 0 && (old & 0x10) == 0)
                {
                    _activityReferenceSet = false;
                }

                if ((value & 0x08) != 0 && (old & 0x08) == 0)
                {
                    _inactivityReferenceSet = false;
                    _inactiveSinceNs = -1;
                    _inactivityFired = false;
                }

                break;
            case 0x38:
                if ((value >> 6) == 0)
                {
                    // Bypass clears the FIFO; re-entering trigger mode re-arms the trigger.
                    _fifoCount = 0;
                    _triggered = false;
                    _overrun = false;
                }

                break;
        }
    }

    private void StartSchedule(long nowNs)
    {
        int code = _regs[0x2C] & 0x0F;
        double rateHz = 3200.0 / (1 << (15 - code)) * (1 + CrystalErrorPpm * 1e-6);
        _ticksPerSample = Math.Max(1, (int)Math.Round(InternalRateHz / (3200.0 / (1 << (15 - code)))));
        _tickNs = 1e9 / rateHz / _ticksPerSample;
        _scheduleStartNs = nowNs;
        _ticksDone = 0;
        _sum = Vector3.Zero;
        _summed = 0;
    }

    private void CatchUp()
    {
        if (!_measuring)
        {
            return;
        }

        long nowNs = _clock.NowMicroseconds * 1000;
        while (true)
        {
            long tickNs = _scheduleStartNs + (long)((_ticksDone + 1) * _tickNs);
            if (tickNs > nowNs)
            {
                return;
            }

            _ticksDone++;
            Vector3 g = Source.AccelerationAt(tickNs / 1000) + Offsets();
            RunDetectors(g, tickNs);
            _sum += g;
            _summed++;
            if (_ticksDone % _ticksPerSample == 0)
            {
                EmitSample(_sum / _summed);
                _sum = Vector3.Zero;
                _summed = 0;
            }
        }
    }

    private Vector3 Offsets()
    {
        // OFSx: two's complement, 15.6 mg/LSB.
        const float step = 0.015625f;
        return new Vector3((sbyte)_regs[0x1E] * step, (sbyte)_regs[0x1F] * step, (sbyte)_regs[0x20] * step);
    }

    private void EmitSample(Vector3 g)
    {
        _samplesProduced++;
        short x = ToCounts(g.X), y = ToCounts(g.Y), z = ToCounts(g.Z);
        int mode = _regs[0x38] >> 6;
        if (mode == 0)
        {
            _overrun |= _bypassUnread;
            _outX = x;
            _outY = y;
            _outZ = z;
            _bypassUnread = true;
            return;
        }

        bool stopWhenFull = mode == 1 || (mode == 3 && _triggered);
        if (_fifoCount == FifoCapacity)
        {
            _samplesDiscarded++;
            if (stopWhenFull)
            {
                return;
            }

            DropOldest();
        }

        int slot = (_fifoHead + _fifoCount) % FifoCapacity;
        _fifoX[slot] = x;
        _fifoY[slot] = y;
        _fifoZ[slot] = z;
        _fifoCount++;
        if (_fifoCount == FifoCapacity)
        {
            _overrun = true;
        }

        LoadOutputRegisters();
    }

    private void DropOldest()
    {
        _fifoHead = (_fifoHead + 1) % FifoCapacity;
        _fifoCount--;
    }

    private void LoadOutputRegisters()
    {
        if (_fifoCount > 0)
        {
            _outX = _fifoX[_fifoHead];
            _outY = _fifoY[_fifoHead];
            _outZ = _fifoZ[_fifoHead];
        }
    }

    private void PopEntry()
    {
        int mode = _regs[0x38] >> 6;
        if (mode == 0)
        {
            _bypassUnread = false;
            _overrun = false;
            return;
        }

        if (_fifoCount > 0)
        {
            DropOldest();
            EntriesRead++;
            _overrun = false;
            LoadOutputRegisters();
        }
    }

    private short ToCounts(float g)
    {
        byte format = _regs[0x31];
        int range = format & 0x03;
        bool fullRes = (format & 0x08) != 0;
        int countsPerG = fullRes ? 256 : 256 >> range;
        int bits = fullRes ? 10 + range : 10;
        int max = (1 << (bits - 1)) - 1;
        int counts = (int)Math.Round(g * countsPerG, MidpointRounding.AwayFromZero);
        counts = Math.Clamp(counts, -max - 1, max);

        // At 1600/3200 Hz the LSB is always 0 in full resolution and in 10-bit +-2 g.
        int code = _regs[0x2C] & 0x0F;
        if (code >= 0x0E && (fullRes || range == 0))
        {
            counts &= ~1;
        }

        return (short)counts;
    }

    private int Justified(short counts)
    {
        byte format = _regs[0x31];
        if ((format & 0x04) == 0)
        {
            return counts;
        }

        // Left-justified: MSB of the word at bit 15.
        int range = format & 0x03;
        int bits = (format & 0x08) != 0 ? 10 + range : 10;
        return counts << (16 - bits);
    }

    private byte IntSource()
    {
        int mode = _regs[0x38] >> 6;
        int samples = _regs[0x38] & 0x1F;
        byte value = _latched;
        bool dataReady = mode == 0 ? _bypassUnread : _fifoCount > 0;
        if (dataReady)
        {
            value |= 0x80;
        }

        if (_fifoCount >= samples)
        {
            value |= 0x02;
        }

        if (_overrun)
        {
            value |= 0x01;
        }

        return value;
    }

    private byte FifoStatus() => (byte)((_triggered ? 0x80 : 0) | _fifoCount);

    private bool PinLevel(bool int2)
    {
        byte enabled = _regs[0x2E];
        byte map = _regs[0x2F];
        byte pending = (byte)(IntSource() & enabled & (int2 ? map : ~map));
        bool asserted = pending != 0;
        bool activeLow = (_regs[0x31] & 0x20) != 0;
        return asserted != activeLow;
    }

    private void Latch(byte bit)
    {
        if ((_regs[0x2E] & bit) == 0)
        {
            return;
        }

        _latched |= bit;

        // Trigger mode: the first event on the trigger pin freezes the samples before it.
        int mode = _regs[0x38] >> 6;
        if (mode == 3 && !_triggered)
        {
            bool onInt2 = (_regs[0x38] & 0x20) != 0;
            bool mappedToInt2 = (_regs[0x2F] & bit) != 0;
            if (onInt2 == mappedToInt2)
            {
                _triggered = true;
                int keep = _regs[0x38] & 0x1F;
                while (_fifoCount > keep)
                {
                    DropOldest();
                }

                LoadOutputRegisters();
            }
        }
    }

    private void RunDetectors(Vector3 g, long tNs)
    {
        byte enabled = _regs[0x2E];
        if ((enabled & 0x7C) == 0)
        {
            return;
        }

        const float thresholdStep = 0.0625f;
        Vector3 magnitude = Vector3.Abs(g);

        if ((enabled & 0x04) != 0)
        {
            float threshold = _regs[0x28] * thresholdStep;
            long needNs = _regs[0x29] * 5_000_000L;
            if (magnitude.X < threshold && magnitude.Y < threshold && magnitude.Z < threshold)
            {
                if (_freeFallSinceNs < 0)
                {
                    _freeFallSinceNs = tNs;
                }

                if (!_freeFallFired && tNs - _freeFallSinceNs >= needNs)
                {
                    _freeFallFired = true;
                    Latch(0x04);
                }
            }
            else
            {
                _freeFallSinceNs = -1;
                _freeFallFired = false;
            }
        }

        byte actInact = _regs[0x27];
        if ((enabled & 0x10) != 0)
        {
            bool ac = (actInact & 0x80) != 0;
            if (ac && !_activityReferenceSet)
            {
                _activityReference = g;
                _activityReferenceSet = true;
            }

            Vector3 compared = Vector3.Abs(ac ? g - _activityReference : g);
            float threshold = _regs[0x24] * thresholdStep;
            int axes = (actInact >> 4) & 0x07;
            int over = AxesAbove(compared, threshold, axes);
            if (over != 0)
            {
                _regs[0x2B] = (byte)((_regs[0x2B] & 0x8F) | (over << 4));
                Latch(0x10);
            }
        }

        if ((enabled & 0x08) != 0)
        {
            bool ac = (actInact & 0x08) != 0;
            if (ac && !_inactivityReferenceSet)
            {
                _inactivityReference = g;
                _inactivityReferenceSet = true;
            }

            Vector3 compared = Vector3.Abs(ac ? g - _inactivityReference : g);
            float threshold = _regs[0x25] * thresholdStep;
            int axes = actInact & 0x07;
            if (AxesAbove(compared, threshold, axes) == 0)
            {
                if (_inactiveSinceNs < 0)
                {
                    _inactiveSinceNs = tNs;
                }

                if (!_inactivityFired && tNs - _inactiveSinceNs >= _regs[0x26] * 1_000_000_000L)
                {
                    _inactivityFired = true;
                    Latch(0x08);
                }
            }
            else
            {
                // In ac mode the reference follows the motion whenever the threshold is exceeded.
                _inactiveSinceNs = -1;
                _inactivityFired = false;
                _inactivityReference = g;
            }
        }

        if ((enabled & 0x60) != 0)
        {
            RunTapDetector(magnitude, tNs);
        }
    }

    private void RunTapDetector(Vector3 magnitude, long tNs)
    {
        float threshold = _regs[0x1D] * 0.0625f;
        long durationNs = _regs[0x21] * 625_000L;
        long latencyNs = _regs[0x22] * 1_250_000L;
        long windowNs = _regs[0x23] * 1_250_000L;
        int axes = _regs[0x2A] & 0x07;
        bool suppress = (_regs[0x2A] & 0x08) != 0;
        bool doubleTapPossible = (_regs[0x2E] & 0x20) != 0 && latencyNs > 0 && windowNs > 0;
        if (threshold <= 0 || durationNs == 0 || axes == 0)
        {
            _tapState = TapState.Idle;
            return;
        }

        int over = AxesAbove(magnitude, threshold, axes);
        bool above = over != 0;
        switch (_tapState)
        {
            case TapState.Idle:
                if (above)
                {
                    _tapState = TapState.FirstTap;
                    _tapStartNs = tNs;
                    _regs[0x2B] = (byte)((_regs[0x2B] & 0xF8) | over);
                }

                break;
            case TapState.FirstTap:
                if (above)
                {
                    if (tNs - _tapStartNs > durationNs)
                    {
                        _tapState = TapState.WaitBelow;
                    }
                }
                else
                {
                    Latch(0x40);
                    _tapDetectedNs = tNs;
                    _tapState = doubleTapPossible ? TapState.Latency : TapState.Idle;
                }

                break;
            case TapState.Latency:
                if (tNs - _tapDetectedNs >= latencyNs)
                {
                    // A tap already in progress when the window opens voids the double tap.
                    _tapState = above ? TapState.WaitBelow : TapState.Window;
                }
                else if (above && suppress)
                {
                    _tapState = TapState.WaitBelow;
                }

                break;
            case TapState.Window:
                if (above)
                {
                    _tapState = TapState.SecondTap;
                    _tapStartNs = tNs;
                }
                else if (tNs - _tapDetectedNs >= latencyNs + windowNs)
                {
                    _tapState = TapState.Idle;
                }

                break;
            case TapState.SecondTap:
                if (above)
                {
                    if (tNs - _tapStartNs > durationNs)
                    {
                        _tapState = TapState.WaitBelow;
                    }
                }
                else
                {
                    Latch(0x20);
                    _tapState = TapState.Idle;
                }

                break;
            case TapState.WaitBelow:
                if (!above)
                {
                    _tapState = TapState.Idle;
                }

                break;
        }
    }

    /// <summary>Bits (X = 4, Y = 2, Z = 1) of the participating axes above the threshold.</summary>
    private static int AxesAbove(Vector3 magnitude, float threshold, int axes)
    {
        int over = 0;
        if ((axes & 0x4) != 0 && magnitude.X > threshold)
        {
            over |= 0x4;
        }

        if ((axes & 0x2) != 0 && magnitude.Y > threshold)
        {
            over |= 0x2;
        }

        if ((axes & 0x1) != 0 && magnitude.Z > threshold)
        {
            over |= 0x1;
        }

        return over;
    }
}
