namespace WearableFirmware.SimulatedBoard.Signals;

public enum FallDirection
{
    Forward,
    Backward,
    Sideways,
}
