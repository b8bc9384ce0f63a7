using WearableFirmware.Drivers;
using WearableFirmware.SimulatedBoard.Signals;

namespace WearableFirmware.SimulatedBoard.Chips;

/// <summary>
/// Register-level MAX30102 (Maxim 19-7740) behind <see cref="IRegisterBus"/>, driven lazily by the clock: every bus
/// access first plays out all ADC conversions, resets and temperature conversions due up to now.
/// <para>
/// Modelled: power-on register values (all zero, PWR_RDY set, PART_ID 0x15); soft reset (RESET reads 1 for
/// <see cref="ResetDurationMicroseconds"/>, then everything returns to power-on values except PWR_RDY); conversions at
/// SPO2_SR (clamped to the fastest allowed rate for the pulse width, as the chip does silently) with a crystal error,
/// SMP_AVE averaging, LED current (0.2 mA/LSB), ADC full scale, resolution by pulse width and 18-bit saturation,
/// ambient light cancellation with ALC_OVF beyond <see cref="AmbientCancellationLimitNanoamps"/>; a 32-deep FIFO with
/// 5-bit pointers, OVF_COUNTER saturating at 0x1F and cleared when a sample is popped, rollover on/off, A_FULL when
/// the unread count reaches 32 − FIFO_A_FULL, PPG_RDY per sample; status registers that clear on read (reading
/// FIFO_DATA clears PPG_RDY, reading TFRAC clears DIE_TEMP_RDY); register auto-increment except at FIFO_DATA, whose
/// read pointer advances with the first byte of each sample; die temperature conversion of
/// <see cref="TemperatureConversionMicroseconds"/>.
/// </para>
/// <para>
/// Not modelled: multi-LED mode (MODE 0x07 produces no samples), the MAX30105 proximity function.
/// Modelling choice where the datasheet is silent: a status bit other than PWR_RDY is latched only while its enable
/// bit is set, so a driver cannot depend on a source it did not enable.
/// </para>
/// Faults: <see cref="PartId"/> (wrong part), <see cref="BrownOut"/> (configuration lost), <see cref="SwapRedIrOrder"/>
/// (clone module order); bus faults come from <see cref="FaultInjectingBus"/> in front of the model.
/// </summary>
public sealed class Max30102Model : IRegisterBus
{
    public const byte GenuinePartId = 0x15;

    private const int FifoDepth = 32;
    private const int AdcMax18 = (1 << 18) - 1;

    private const byte RegStatus1 = 0x00;
    private const byte RegStatus2 = 0x01;
    private const byte RegEnable1 = 0x02;
    private const byte RegEnable2 = 0x03;
    private const byte RegWritePointer = 0x04;
    private const byte RegOverflow = 0x05;
    private const byte RegReadPointer = 0x06;
    private const byte RegFifoData = 0x07;
    private const byte RegFifoConfig = 0x08;
    private const byte RegMode = 0x09;
    private const byte RegSpO2Config = 0x0A;
    private const byte RegLed1 = 0x0C;
    private const byte RegLed2 = 0x0D;
    private const byte RegSlots12 = 0x11;
    private const byte RegSlots34 = 0x12;
    private const byte RegTempInteger = 0x1F;
    private const byte RegTempFraction = 0x20;
    private const byte RegTempConfig = 0x21;
    private const byte RegRevision = 0xFE;
    private const byte RegPart = 0xFF;

    private const byte AlmostFull = 0x80;
    private const byte PpgReady = 0x40;
    private const byte AlcOverflow = 0x20;
    private const byte PowerReady = 0x01;
    private const byte DieTempReady = 0x02;

    private static readonly int[] Rates = { 50, 100, 200, 400, 800, 1000, 1600, 3200 };

    // Fastest SPO2_SR code allowed per LED_PW (datasheet Tables 11 and 12).
    private static readonly int[] FastestSpO2Code = { 6, 5, 4, 3 };
    private static readonly int[] FastestHeartRateCode = { 7, 6, 6, 5 };

    private readonly IClock _clock;
    private readonly byte[] _registers = new byte[256];
    private readonly int[] _fifoFirst = new int[FifoDepth];
    private readonly int[] _fifoSecond = new int[FifoDepth];
    private readonly byte[] _latched = new byte[6];

    private int _unread;
    private long _lastUpdate;
    private double _nextConversion = double.MaxValue;
    private long _resetEndsAt = -1;
    private long _temperatureEndsAt = -1;
    private int _averaged;
    private long _sumFirst;
    private long _sumSecond;
    private long _samplesRead;
    private long _samplesDiscarded;
    private long _samplesOverflowed;
    private long _samplesWritten;

    public Max30102Model(IClock clock, IPpgSignal signal)
    {
        _clock = clock;
        Signal = signal;
        _lastUpdate = clock.NowMicroseconds;
        PowerOnReset();
    }

    /// <summary>Where the light comes from.</summary>
    public IPpgSignal Signal { get; set; }

    /// <summary>PART_ID the chip answers with; set another value to simulate a wrong or counterfeit part.</summary>
    public byte PartId { get; set; } = GenuinePartId;

    /// <summary>REV_ID (the datasheet does not fix it).</summary>
    public byte RevisionId { get; set; } = 0x03;

    /// <summary>Conversion clock error in ppm; positive runs fast (more samples per second).</summary>
    public double CrystalErrorPpm { get; set; }

    /// <summary>How long RESET stays set after a soft reset (the datasheet gives no figure; 1 ms assumed).</summary>
    public long ResetDurationMicroseconds { get; set; } = 1000;

    /// <summary>Die temperature conversion time (datasheet: 29 ms typical).</summary>
    public long TemperatureConversionMicroseconds { get; set; } = 29000;

    /// <summary>Die temperature the next conversion reports.</summary>
    public float DieTemperatureCelsius { get; set; } = 30.0f;

    /// <summary>Ambient photocurrent the ambient light cancellation can remove before ALC_OVF (model assumption).</summary>
    public float AmbientCancellationLimitNanoamps { get; set; } = 50000f;

    /// <summary>Deliver IR before red in SpO2 mode, as some clone modules do.</summary>
    public bool SwapRedIrOrder { get; set; }

    /// <summary>Samples that entered the FIFO (counters play the chip forward to the clock's time first).</summary>
    public long SamplesWritten
    {
        get
        {
            Update();
            return _samplesWritten;
        }
    }

    /// <summary>Samples lost to a full FIFO (dropped, or overwritten with rollover): what OVF_COUNTER counts.</summary>
    public long SamplesOverflowed
    {
        get
        {
            Update();
            return _samplesOverflowed;
        }
    }

    /// <summary>Unread samples thrown away by a soft reset or a brown-out.</summary>
    public long SamplesDiscarded
    {
        get
        {
            Update();
            return _samplesDiscarded;
        }
    }

    /// <summary>Samples popped through FIFO_DATA.</summary>
    public long SamplesRead
    {
        get
        {
            Update();
            return _samplesRead;
        }
    }

    /// <summary>Unread samples in the FIFO now.</summary>
    public int UnreadSamples
    {
        get
        {
            Update();
            return _unread;
        }
    }

    /// <summary>Reads a register without side effects (for tests).</summary>
    public byte Peek(byte register)
    {
        Update();
        return _registers[register];
    }

    /// <summary>Supply dip below the undervoltage lockout: configuration and FIFO lost, PWR_RDY set.</summary>
    public void BrownOut()
    {
        Update();
        _samplesDiscarded += _unread;
        PowerOnReset();
    }

    public BusStatus Write(byte[] data, int count)
    {
        Update();
        if (count < 1)
        {
            return BusStatus.Ok;
        }

        byte address = data[0];
        for (int i = 1; i < count; i++)
        {
            WriteRegister(address, data[i]);
            if (address != RegFifoData)
            {
                address++;
            }
        }

        return BusStatus.Ok;
    }

    public BusStatus WriteRead(byte[] write, int writeCount, byte[] read, int readOffset, int readCount)
    {
        Update();
        if (writeCount != 1)
        {
            // The chip takes one register address before a repeated start.
            return BusStatus.PartialTransfer;
        }

        byte address = write[0];
        int fifoByte = 0;
        for (int i = 0; i < readCount; i++)
        {
            if (address == RegFifoData)
            {
                read[readOffset + i] = ReadFifoByte(fifoByte++);
                continue;
            }

            read[readOffset + i] = ReadRegister(address);
            address++;
        }

        return BusStatus.Ok;
    }

    private int Channels => (_registers[RegMode] & 0x07) == 0x03 ? 2 : 1;

    private bool Converting
    {
        get
        {
            int mode = _registers[RegMode] & 0x07;
            return _resetEndsAt < 0 && (_registers[RegMode] & 0x80) == 0 && (mode == 0x02 || mode == 0x03);
        }
    }

    private byte ReadRegister(byte address)
    {
        byte value = _registers[address];
        switch (address)
        {
            case RegStatus1:
                _registers[RegStatus1] = 0;
                break;
            case RegStatus2:
                _registers[RegStatus2] = 0;
                break;
            case RegTempFraction:
                _registers[RegStatus2] &= unchecked((byte)~DieTempReady);
                break;
            case RegPart:
                value = PartId;
                break;
            case RegRevision:
                value = RevisionId;
                break;
        }

        return value;
    }

    private byte ReadFifoByte(int index)
    {
        int bytesPerSample = 3 * Channels;
        int within = index % bytesPerSample;
        if (within == 0)
        {
            _registers[RegStatus1] &= unchecked((byte)~PpgReady);
            if (_unread == 0)
            {
                Array.Clear(_latched);
            }
            else
            {
                int slot = _registers[RegReadPointer];
                Latch(_fifoFirst[slot], 0);
                Latch(_fifoSecond[slot], 3);
                _registers[RegReadPointer] = (byte)((slot + 1) & 0x1F);
                _registers[RegOverflow] = 0;
                _unread--;
                _samplesRead++;
            }
        }

        return _latched[within];
    }

    private void Latch(int value18, int offset)
    {
        _latched[offset] = (byte)((value18 >> 16) & 0x03);
        _latched[offset + 1] = (byte)(value18 >> 8);
        _latched[offset + 2] = (byte)value18;
    }

    private void WriteRegister(byte address, byte value)
    {
        switch (address)
        {
            case RegEnable1:
                _registers[address] = (byte)(value & 0xE0);
                break;
            case RegEnable2:
                _registers[address] = (byte)(value & 0x02);
                break;
            case RegWritePointer:
            case RegReadPointer:
                // Moving a pointer redefines what is unread; a full FIFO cannot be expressed this way.
                _registers[address] = (byte)(value & 0x1F);
                _unread = (_registers[RegWritePointer] - _registers[RegReadPointer]) & 0x1F;
                break;
            case RegOverflow:
                _registers[address] = (byte)(value & 0x1F);
                break;
            case RegFifoConfig:
                _registers[address] = value;
                break;
            case RegMode:
                if ((value & 0x40) != 0)
                {
                    _registers[RegMode] = (byte)(value | 0x40);
                    _resetEndsAt = _clock.NowMicroseconds + ResetDurationMicroseconds;
                    _nextConversion = double.MaxValue;
                    return;
                }

                byte previous = _registers[RegMode];
                _registers[RegMode] = (byte)(value & 0x87);
                if (previous != _registers[RegMode])
                {
                    RestartConversions();
                }

                break;
            case RegSpO2Config:
                _registers[address] = (byte)(value & 0x7F);
                RestartConversions();
                break;
            case RegLed1:
            case RegLed2:
            case RegSlots12:
            case RegSlots34:
                _registers[address] = address >= RegSlots12 ? (byte)(value & 0x77) : value;
                break;
            case RegTempConfig:
                if ((value & 0x01) != 0 && _temperatureEndsAt < 0)
                {
                    _registers[RegTempConfig] = 0x01;
                    _temperatureEndsAt = _clock.NowMicroseconds + TemperatureConversionMicroseconds;
                }

                break;

            // Status, FIFO_DATA, temperature results, IDs and reserved addresses ignore writes.
        }
    }

    private void RestartConversions()
    {
        _averaged = 0;
        _sumFirst = 0;
        _sumSecond = 0;
        _nextConversion = Converting ? _clock.NowMicroseconds + ConversionPeriod() : double.MaxValue;
    }

    private double ConversionPeriod()
    {
        int config = _registers[RegSpO2Config];
        int width = config & 0x03;
        int code = (config >> 2) & 0x07;
        int fastest = Channels == 2 ? FastestSpO2Code[width] : FastestHeartRateCode[width];
        int rate = Rates[Math.Min(code, fastest)];
        return 1e6 / rate / (1 + CrystalErrorPpm * 1e-6);
    }

    // Plays out everything due up to now, in time order.
    private void Update()
    {
        long now = _clock.NowMicroseconds;
        if (now < _lastUpdate)
        {
            throw new InvalidOperationException("the clock went backwards");
        }

        while (true)
        {
            long nextEvent = long.MaxValue;
            if (_resetEndsAt >= 0)
            {
                nextEvent = _resetEndsAt;
            }

            if (_temperatureEndsAt >= 0 && _temperatureEndsAt < nextEvent)
            {
                nextEvent = _temperatureEndsAt;
            }

            while (_nextConversion <= now && _nextConversion < nextEvent)
            {
                Convert((long)_nextConversion);
                _nextConversion += ConversionPeriod();
            }

            if (nextEvent > now)
            {
                break;
            }

            if (nextEvent == _resetEndsAt)
            {
                _samplesDiscarded += _unread;
                byte status = (byte)(_registers[RegStatus1] & PowerReady);
                ResetRegisters();
                _registers[RegStatus1] = status;
            }
            else
            {
                FinishTemperature();
            }
        }

        _lastUpdate = now;
    }

    private void FinishTemperature()
    {
        _temperatureEndsAt = -1;
        int sixteenths = (int)Math.Floor(DieTemperatureCelsius * 16f);
        _registers[RegTempInteger] = unchecked((byte)(sbyte)(sixteenths >> 4));
        _registers[RegTempFraction] = (byte)(sixteenths & 0x0F);
        _registers[RegTempConfig] = 0;
        if ((_registers[RegEnable2] & DieTempReady) != 0)
        {
            _registers[RegStatus2] |= DieTempReady;
        }
    }

    private void Convert(long time)
    {
        Signal.Sample(time, out float redTransfer, out float irTransfer, out float ambient);
        float redMilliamps = _registers[RegLed1] * 0.2f;
        float irMilliamps = _registers[RegLed2] * 0.2f;
        float residual = 0;
        if (ambient > AmbientCancellationLimitNanoamps)
        {
            residual = ambient - AmbientCancellationLimitNanoamps;
            if ((_registers[RegEnable1] & AlcOverflow) != 0)
            {
                _registers[RegStatus1] |= AlcOverflow;
            }
        }

        _sumFirst += Digitise(redTransfer * redMilliamps + residual);
        if (Channels == 2)
        {
            _sumSecond += Digitise(irTransfer * irMilliamps + residual);
        }

        _averaged++;
        int averaging = 1 << Math.Min((_registers[RegFifoConfig] >> 5) & 0x07, 5);
        if (_averaged < averaging)
        {
            return;
        }

        int first = (int)(_sumFirst / averaging);
        int second = (int)(_sumSecond / averaging);
        _averaged = 0;
        _sumFirst = 0;
        _sumSecond = 0;
        if (Channels == 2 && SwapRedIrOrder)
        {
            (first, second) = (second, first);
        }

        Push(first, Channels == 2 ? second : 0);
    }

    // Photocurrent in nA to an 18-bit left-justified code at the configured range and resolution.
    private int Digitise(float nanoamps)
    {
        int config = _registers[RegSpO2Config];
        double fullScale = 2048 << ((config >> 5) & 0x03);
        double counts = Math.Floor(nanoamps / fullScale * (1 << 18));
        int code = counts <= 0 ? 0 : counts >= AdcMax18 ? AdcMax18 : (int)counts;
        int unusedBits = 3 - (config & 0x03);
        return code & ~((1 << unusedBits) - 1);
    }

    private void Push(int first, int second)
    {
        int writePointer = _registers[RegWritePointer];
        if (_unread == FifoDepth)
        {
            _samplesOverflowed++;
            if (_registers[RegOverflow] < 0x1F)
            {
                _registers[RegOverflow]++;
            }

            if ((_registers[RegFifoConfig] & 0x10) == 0)
            {
                return;
            }

            // Rollover: the newest sample replaces the oldest, and the read pointer moves past it.
            _registers[RegReadPointer] = (byte)((writePointer + 1) & 0x1F);
            _unread--;
        }

        _fifoFirst[writePointer] = first;
        _fifoSecond[writePointer] = second;
        _registers[RegWritePointer] = (byte)((writePointer + 1) & 0x1F);
        _unread++;
        _samplesWritten++;

        byte enable = _registers[RegEnable1];
        if ((enable & PpgReady) != 0)
        {
            _registers[RegStatus1] |= PpgReady;
        }

        if ((enable & AlmostFull) != 0 && _unread == FifoDepth - (_registers[RegFifoConfig] & 0x0F))
        {
            _registers[RegStatus1] |= AlmostFull;
        }
    }

    private void PowerOnReset()
    {
        ResetRegisters();
        _registers[RegStatus1] = PowerReady;
    }

    private void ResetRegisters()
    {
        Array.Clear(_registers);
        _unread = 0;
        _resetEndsAt = -1;
        _temperatureEndsAt = -1;
        _averaged = 0;
        _sumFirst = 0;
        _sumSecond = 0;
        _nextConversion = double.MaxValue;
    }
}
