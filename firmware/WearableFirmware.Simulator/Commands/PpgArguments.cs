namespace WearableFirmware.Simulator.Commands;

/// <summary>The arguments eval-ppg and fit-spo2 share: the data directory and the camera channel standing in for IR.</summary>
internal static class PpgArguments
{
    /// <summary>The first positional argument, which must be an existing directory.</summary>
    public static string DataDirectory(CommandLine args, string command)
    {
        if (args.Positionals.Count < 1)
        {
            throw new UsageException(command + " needs the PPG data directory (e.g. ../shared/data/ppg or ../shared/data/ppg-redir)");
        }

        string dir = args.Positionals[0];
        if (!Directory.Exists(dir))
        {
            throw new UsageException("no such directory: " + dir);
        }

        return dir;
    }

    /// <summary>Runs a step that reads data files; a malformed file becomes a one-line error naming it, not a stack trace.</summary>
    public static T ReadingData<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>--ir-channel G|B (default G).</summary>
    public static char IrChannel(CommandLine args)
    {
        string channel = args.String("ir-channel") ?? "G";
        if (channel is not ("G" or "B"))
        {
            throw new UsageException("--ir-channel must be G or B (got '" + channel + "')");
        }

        return channel[0];
    }
}
