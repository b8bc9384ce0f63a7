using WearableFirmware.Storage;

namespace WearableFirmware.SimulatedBoard.Storage;

/// <summary>
/// Memory-backed NOR flash for the record store, with the faults real flash has: power cut after any number of
/// programmed bytes (mid-write or mid-erase), flipped bits, and writes that fail after programming part of the data.
/// Programming only clears bits (the new byte is ANDed in), as on NOR flash, so a store that writes over data it
/// did not erase corrupts it here as it would on the device. After a power cut every access throws until
/// <see cref="PowerOn"/>; the test or soak then mounts a new store (the reboot) over the same contents.
/// </summary>
public sealed class SimulatedFlash : IFlashStorage
{
    private readonly byte[] _bytes;
    private readonly Random _random;
    private long _programBudget = -1;
    private int _failNextWrites;

    public SimulatedFlash(int segmentCount, int segmentSize, int seed = 1)
    {
        if (segmentCount < 1 || segmentSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(segmentCount), "flash needs at least one non-empty segment");
        }

        SegmentCount = segmentCount;
        SegmentSize = segmentSize;
        _bytes = new byte[segmentCount * segmentSize];
        Array.Fill(_bytes, (byte)0xFF);
        EraseCounts = new int[segmentCount];
        _random = new Random(seed);
    }

    public int SegmentCount { get; }

    public int SegmentSize { get; }

    /// <summary>Share of writes (0..1) that fail after programming a random prefix of their bytes.</summary>
    public double WriteFailureProbability { get; set; }

    public bool PoweredOff { get; private set; }

    public long BytesProgrammed { get; private set; }

    public long BytesRead { get; private set; }

    public int Writes { get; private set; }

    public int FailedWrites { get; private set; }

    public int PowerCuts { get; private set; }

    /// <summary>Erases per segment (wear).</summary>
    public int[] EraseCounts { get; }

    /// <summary>Power fails once <paramref name="bytes"/> more bytes have been programmed (an erase counts one per byte it resets).</summary>
    public void CutPowerAfter(long bytes)
    {
        if (bytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "cannot cut in the past");
        }

        _programBudget = bytes;
    }

    /// <summary>Disarms a pending <see cref="CutPowerAfter"/>.</summary>
    public void CancelPowerCut() => _programBudget = -1;

    /// <summary>The next <paramref name="count"/> writes program a random prefix and report failure.</summary>
    public void FailNextWrites(int count) => _failNextWrites = count;

    /// <summary>Restores power after a cut (contents are what the cut left).</summary>
    public void PowerOn()
    {
        PoweredOff = false;
        _programBudget = -1;
    }

    /// <summary>Inverts one stored bit (retention error, radiation, wear).</summary>
    public void FlipBit(int segment, int offset, int bit)
    {
        CheckRange(segment, offset, 1);
        _bytes[segment * SegmentSize + offset] ^= (byte)(1 << (bit & 7));
    }

    /// <summary>Raw byte, for tests.</summary>
    public byte Peek(int segment, int offset) => _bytes[segment * SegmentSize + offset];

    public bool Read(int segment, int offset, byte[] buffer, int bufferOffset, int count)
    {
        CheckPower();
        CheckRange(segment, offset, count);
        Array.Copy(_bytes, segment * SegmentSize + offset, buffer, bufferOffset, count);
        BytesRead += count;
        return true;
    }

    public bool Write(int segment, int offset, byte[] data, int dataOffset, int count)
    {
        CheckPower();
        CheckRange(segment, offset, count);
        Writes++;
        int program = count;
        bool fail = false;
        if (_failNextWrites > 0 || (WriteFailureProbability > 0 && _random.NextDouble() < WriteFailureProbability))
        {
            if (_failNextWrites > 0)
            {
                _failNextWrites--;
            }

            fail = true;
            program = _random.Next(count + 1);
        }

        bool cut = _programBudget >= 0 && program > _programBudget;
        if (cut)
        {
            program = (int)_programBudget;
        }

        int at = segment * SegmentSize + offset;
        for (int i = 0; i < program; i++)
        {
            _bytes[at + i] &= data[dataOffset + i];
        }

        BytesProgrammed += program;
        if (_programBudget >= 0)
        {
            _programBudget -= program;
        }

        if (cut)
        {
            LosePower($"power cut after {program} of {count} bytes written at segment {segment} offset {offset}");
        }

        if (fail)
        {
            FailedWrites++;
        }

        return !fail;
    }

    public bool Erase(int segment)
    {
        CheckPower();
        CheckRange(segment, 0, SegmentSize);
        int erase = SegmentSize;
        bool cut = _programBudget >= 0 && erase > _programBudget;
        if (cut)
        {
            erase = (int)_programBudget;
        }

        Array.Fill(_bytes, (byte)0xFF, segment * SegmentSize, erase);
        EraseCounts[segment]++;
        if (_programBudget >= 0)
        {
            _programBudget -= erase;
        }

        if (cut)
        {
            LosePower($"power cut after erasing {erase} of {SegmentSize} bytes of segment {segment}");
        }

        return true;
    }

    private void LosePower(string what)
    {
        PoweredOff = true;
        PowerCuts++;
        _programBudget = -1;
        throw new SimulatedPowerLossException(what);
    }

    private void CheckPower()
    {
        if (PoweredOff)
        {
            throw new SimulatedPowerLossException("flash accessed while the board is powered off");
        }
    }

    private void CheckRange(int segment, int offset, int count)
    {
        if (segment < 0 || segment >= SegmentCount || offset < 0 || count < 0 || offset + count > SegmentSize)
        {
            throw new ArgumentOutOfRangeException(nameof(segment), $"segment {segment} offset {offset} count {count} is outside the flash");
        }
    }
}
