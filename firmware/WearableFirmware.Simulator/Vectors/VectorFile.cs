namespace WearableFirmware.Simulator.Vectors;

/// <summary>One generated file: its path from the repository root and its full text.</summary>
public sealed record VectorFile(string RelativePath, string Content);
