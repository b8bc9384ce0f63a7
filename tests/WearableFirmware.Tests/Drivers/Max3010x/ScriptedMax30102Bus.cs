using WearableFirmware.Drivers;

namespace WearableFirmware.Tests.Drivers.Max3010x;

/// <summary>
/// A register file that answers like a MAX30102 at the transfer level only: writes store bytes (auto-increment,
/// except at FIFO_DATA), reads return them, and FIFO_DATA reads come from a byte script the test fills by hand.
/// No clock, no sampling: the test sets pointers and status itself, so every value is hand-computed.
/// </summary>
public sealed class ScriptedMax30102Bus : IRegisterBus
{
    public readonly byte[] Registers = new byte[256];
    private readonly byte[] _fifoScript = new byte[1024];
    private int _fifoLength;
    private int _fifoPosition;

    public ScriptedMax30102Bus()
    {
        Registers[0xFF] = 0x15;
    }

    /// <summary>Every WriteRead as (first register, bytes read), newest last.</summary>
    public List<(byte Register, int Count)> Reads { get; } = new();

    public void ScriptFifo(params byte[] bytes)
    {
        Array.Copy(bytes, 0, _fifoScript, _fifoLength, bytes.Length);
        _fifoLength += bytes.Length;
    }

    public int FifoBytesConsumed => _fifoPosition;

    public BusStatus Write(byte[] data, int count)
    {
        byte address = data[0];
        for (int i = 1; i < count; i++)
        {
            Registers[address] = data[i];
            if (address != 0x07)
            {
                address++;
            }
        }

        // The soft reset finishes at once.
        Registers[0x09] &= 0xBF;
        return BusStatus.Ok;
    }

    public BusStatus WriteRead(byte[] write, int writeCount, byte[] read, int readOffset, int readCount)
    {
        byte address = write[0];
        Reads.Add((address, readCount));
        for (int i = 0; i < readCount; i++)
        {
            if (address == 0x07)
            {
                read[readOffset + i] = _fifoPosition < _fifoLength ? _fifoScript[_fifoPosition++] : (byte)0;
                continue;
            }

            read[readOffset + i] = Registers[address];
            address++;
        }

        return BusStatus.Ok;
    }
}

/// <summary>A clock that only moves when told to (sleeps advance it, so start-up polling terminates).</summary>
public sealed class ManualClock : IClock
{
    public long NowMicroseconds { get; set; }

    public void SleepMicroseconds(long microseconds)
    {
        if (microseconds > 0)
        {
            NowMicroseconds += microseconds;
        }
    }
}
