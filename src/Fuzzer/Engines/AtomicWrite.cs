namespace McpFuzz.Fuzzer.Engines;

/// <summary>Writes a file under a hidden temporary name and renames it into place, so a reader
/// (another worker, the next campaign) never sees half a file, whatever kills the writer.</summary>
public static class AtomicWrite
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> unless a file is already
    /// there (content-named files are equal when their names are). <paramref name="durable"/>
    /// also flushes to disk: worth it for a crash, not for every corpus entry.</summary>
    public static bool IfAbsent(string path, ReadOnlySpan<byte> bytes, bool durable)
    {
        if (File.Exists(path)) return false;
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                if (durable) stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another worker wrote the same name first; the content is the same.
            File.Delete(temporary);
            return false;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
