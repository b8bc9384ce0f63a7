namespace WearableFirmware.SimulatedBoard.Storage;

/// <summary>The store as the soak saw it at one moment.</summary>
public readonly record struct StoreSoakSample(double Day, int Waiting, int Dropped, bool Connected);
