using System.IO.MemoryMappedFiles;
using McpFuzz.Fuzzer.Coverage;

namespace McpFuzz.Fuzzer.Engines;

/// <summary>
/// The set of edges a supervised worker has seen, published in a memory-mapped file (one byte
/// per map entry, 1 = seen) so that its supervisor can take the union over all jobs, and over all
/// lives of a job: a restarted worker opens the same file without clearing it, and what a worker
/// marked survives its death (the pages belong to the kernel's page cache). Marking costs one
/// store per edge the first time the worker sees it, so nothing per input.
/// </summary>
public sealed unsafe class SeenEdges : IDisposable
{
    private readonly MemoryMappedFile file;
    private readonly MemoryMappedViewAccessor view;
    private readonly byte* pointer;

    public SeenEdges(string path)
    {
        using (var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            if (stream.Length != CoverageMap.Size) stream.SetLength(CoverageMap.Size);
        }
        file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, CoverageMap.Size, MemoryMappedFileAccess.ReadWrite);
        view = file.CreateViewAccessor(0, CoverageMap.Size);
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        pointer = p + view.PointerOffset;
    }

    /// <summary>Records that map entry <paramref name="edge"/> was hit.</summary>
    public void Mark(int edge) => pointer[edge] = 1;

    /// <summary>How many map entries are marked in at least one of the files. A missing, short or
    /// unreadable file (a worker creating it at that moment) counts for what could be read: the
    /// count is a live figure, read again a second later.</summary>
    public static int CountUnion(IEnumerable<string> paths)
    {
        var union = new bool[CoverageMap.Size];
        foreach (string path in paths)
        {
            byte[] bytes;
            try { bytes = File.ReadAllBytes(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            int n = Math.Min(bytes.Length, union.Length);
            for (int i = 0; i < n; i++)
                if (bytes[i] != 0) union[i] = true;
        }
        int count = 0;
        foreach (bool seen in union)
            if (seen) count++;
        return count;
    }

    public void Dispose()
    {
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
        file.Dispose();
    }
}
