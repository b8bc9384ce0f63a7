namespace WearableFirmware.Simulator;

/// <summary>Anything wrong with what the user gave (arguments or input files): one line on stderr, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
