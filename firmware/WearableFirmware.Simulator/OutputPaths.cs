namespace WearableFirmware.Simulator;

/// <summary>Output files are checked before a long run starts, so a bad path fails in a second, not after an hour.</summary>
public static class OutputPaths
{
    /// <summary>Creates the file's folder and opens the file for writing once (keeping what it holds).</summary>
    public static string File(string path, string option)
    {
        try
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder != null)
            {
                System.IO.Directory.CreateDirectory(folder);
            }

            using (new FileStream(path, FileMode.Append, FileAccess.Write))
            {
            }

            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"{option}: cannot write {path}: {e.Message}");
        }
    }

    /// <summary>Creates the folder and proves a file can be written into it.</summary>
    public static string Directory(string path, string option)
    {
        try
        {
            System.IO.Directory.CreateDirectory(path);
            string probe = Path.Combine(path, ".write-check-" + Environment.ProcessId);
            System.IO.File.WriteAllBytes(probe, []);
            System.IO.File.Delete(probe);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"{option}: cannot write into {path}: {e.Message}");
        }
    }
}
