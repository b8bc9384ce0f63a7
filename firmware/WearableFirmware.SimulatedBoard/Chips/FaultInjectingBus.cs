using WearableFirmware.Drivers;

namespace WearableFirmware.SimulatedBoard.Chips;

/// <summary>
/// Sits between a driver and a chip model and breaks transfers the way real buses break: a random share of
/// transfers not acknowledged, or the bus stuck (clock held low) for a stretch of simulated time. A failed transfer
/// never reaches the chip, so the chip's state is exactly what a real chip would have seen.
/// </summary>
public sealed class FaultInjectingBus : IRegisterBus
{
    private readonly IRegisterBus _chip;
    private readonly IClock _clock;
    private readonly Random _random;
    private long _stuckUntilMicroseconds = long.MinValue;

    public FaultInjectingBus(IRegisterBus chip, IClock clock, int seed)
    {
        _chip = chip;
        _clock = clock;
        _random = new Random(seed);
    }

    /// <summary>Share of transfers (0..1) answered with an address NACK.</summary>
    public double NackProbability { get; set; }

    /// <summary>Transfers refused so far (NACKs and stuck-bus timeouts).</summary>
    public int InjectedFaults { get; private set; }

    /// <summary>Holds the bus stuck from now for <paramref name="microseconds"/> of simulated time.</summary>
    public void StickFor(long microseconds) => _stuckUntilMicroseconds = _clock.NowMicroseconds + microseconds;

    public BusStatus Write(byte[] data, int count)
    {
        BusStatus fault = NextFault();
        return fault != BusStatus.Ok ? fault : _chip.Write(data, count);
    }

    public BusStatus WriteRead(byte[] write, int writeCount, byte[] read, int readOffset, int readCount)
    {
        BusStatus fault = NextFault();
        return fault != BusStatus.Ok ? fault : _chip.WriteRead(write, writeCount, read, readOffset, readCount);
    }

    private BusStatus NextFault()
    {
        if (_clock.NowMicroseconds < _stuckUntilMicroseconds)
        {
            InjectedFaults++;
            return BusStatus.ClockStretchTimeout;
        }

        if (NackProbability > 0 && _random.NextDouble() < NackProbability)
        {
            InjectedFaults++;
            return BusStatus.AddressNotAcknowledged;
        }

        return BusStatus.Ok;
    }
}
