namespace McpFuzz.Driver.CoverageFuzz;

/// <summary>
/// The input files a corpus merge reads from a directory given to it: the directory's own files
/// (our corpora, libFuzzer's), an AFL++ instance's <c>queue/id:*</c> when the directory is one, and
/// every instance's <c>*/queue/id:*</c> when it is an AFL++ output directory (<c>-o</c>, with
/// <c>-M</c>/<c>-S</c> instances). Hidden files and directories (AFL++'s <c>.state</c>, our
/// temporary files and claims) are never inputs; nor are AFL++'s <c>crashes</c> and <c>hangs</c>.
/// Sorted by path, so a merge decides the same way every time.
/// </summary>
public static class MergeSources
{
    /// <summary>The inputs of <paramref name="path"/>: a directory as above, or a single file.
    /// Throws <see cref="FileNotFoundException"/> when it does not exist and
    /// <see cref="UnauthorizedAccessException"/>/<see cref="IOException"/> when it cannot be read.</summary>
    public static IReadOnlyList<string> Of(string path)
    {
        if (File.Exists(path))
        {
            using (File.OpenRead(path)) { }
            return [Path.GetFullPath(path)];
        }
        if (!Directory.Exists(path)) throw new FileNotFoundException("no such file or directory", path);
        var files = new List<string>(Visible(Directory.EnumerateFiles(path)));
        files.AddRange(Queue(path));
        foreach (string instance in Visible(Directory.EnumerateDirectories(path))) files.AddRange(Queue(instance));
        return [.. files.Select(Path.GetFullPath).Order(StringComparer.Ordinal)];
    }

    /// <summary>The files directly in <paramref name="directory"/> that a merge may keep or remove
    /// (hidden files are not inputs).</summary>
    public static IReadOnlyList<string> Flat(string directory) =>
        Directory.Exists(directory) ? [.. Visible(Directory.EnumerateFiles(directory)).Select(Path.GetFullPath).Order(StringComparer.Ordinal)] : [];

    private static IEnumerable<string> Queue(string instance)
    {
        string queue = Path.Combine(instance, "queue");
        return Directory.Exists(queue) ? Directory.EnumerateFiles(queue, "id:*") : [];
    }

    private static IEnumerable<string> Visible(IEnumerable<string> paths) => paths.Where(p => !Path.GetFileName(p).StartsWith('.'));
}
