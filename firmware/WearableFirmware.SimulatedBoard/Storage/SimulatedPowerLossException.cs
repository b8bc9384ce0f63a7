namespace WearableFirmware.SimulatedBoard.Storage;

/// <summary>The simulated board lost power in the middle of a flash operation; the firmware instance is gone.</summary>
public sealed class SimulatedPowerLossException(string message) : Exception(message);
