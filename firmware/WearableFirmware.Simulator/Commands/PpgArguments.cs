using System.CommandLine;

namespace WearableFirmware.Simulator.Commands;

/// <summary>What the PPG commands share: the camera channel standing in for IR, and reading data files.</summary>
internal static class PpgArguments
{
    /// <summary>Runs a step that reads data files (the readers throw InvalidDataException or FormatException naming the file); a malformed file becomes a one-line error naming it, not a stack trace.</summary>
    public static T ReadingData<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>--ir-channel G|B.</summary>
    public static Option<string?> IrChannelOption() =>
        Cli.Choice("--ir-channel", "camera channel standing in for IR on the oximetry data: G or B (default G)", "--ir-channel", "G", "B");

    public static char IrChannel(string? given) => (given ?? "G")[0];
}
