using WearableFirmware.Storage;

namespace WearableFirmware.SimulatedBoard.Storage;

/// <summary>One record as the simulated phone received it.</summary>
public sealed record ReceivedRecord(int Sequence, RecordType Type, bool ClockSet, uint Time, byte[] Payload);
