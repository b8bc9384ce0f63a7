using WearableFirmware.Application;

namespace WearableFirmware.SimulatedBoard;

/// <summary>The board's current cell as the firmware's ADC sees it (a reboot may move the board to another cell object).</summary>
internal sealed class BatterySensor(SimulatedWearable board) : IBatterySensor
{
    public int ReadMillivolts() => board.Battery.ReadMillivolts();

    public bool Charging => board.Battery.Charging;
}
