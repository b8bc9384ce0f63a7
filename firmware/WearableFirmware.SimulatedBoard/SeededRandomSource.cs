using WearableFirmware.Ble;

namespace WearableFirmware.SimulatedBoard;

/// <summary>Seeded bytes where the ESP32 takes its hardware generator (a run can be repeated exactly).</summary>
public sealed class SeededRandomSource(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public void NextBytes(byte[] buffer) => _random.NextBytes(buffer);
}
