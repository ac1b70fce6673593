namespace McpFuzz.Fuzzer.Engines;

/// <summary>
/// The inputs worth mutating: the seeds, then every input that reached new coverage. Kept in
/// memory for speed and, when a directory is given, on disk under content-hash names the moment
/// they are found. Workers sharing the directory pick up each other's entries with
/// <see cref="LoadNew"/>.
/// </summary>
public sealed class Corpus(string? directory, int maxLength)
{
    private readonly List<byte[]> entries = [];
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    public string? Directory { get; } = directory;

    public int Count => entries.Count;

    public byte[] this[int index] => entries[index];

    /// <summary>Adds an entry found by this worker and writes it to the directory.</summary>
    public bool Add(ReadOnlySpan<byte> input)
    {
        string name = ContentHash.Of(input);
        if (!known.Add(name)) return false;
        entries.Add(input.ToArray());
        if (Directory is not null) AtomicWrite.IfAbsent(Path.Combine(Directory, name), input, durable: false);
        return true;
    }

    /// <summary>Adds an entry held in memory only (a seed given by a test).</summary>
    public bool AddSeed(ReadOnlySpan<byte> input)
    {
        if (!known.Add(ContentHash.Of(input))) return false;
        entries.Add(input.ToArray());
        return true;
    }

    /// <summary>Files in the directory not seen yet, in name order (so a campaign with a given seed
    /// starts the same way every time), skipping hidden files and any input named in
    /// <paramref name="skip"/> (inputs known to kill the worker). Inputs longer than the maximum
    /// length are cut. Returns the inputs read, for the caller to run.</summary>
    public IReadOnlyList<byte[]> LoadNew(IReadOnlySet<string> skip)
    {
        var fresh = new List<byte[]>();
        if (Directory is null || !System.IO.Directory.Exists(Directory)) return fresh;
        var files = System.IO.Directory.EnumerateFiles(Directory)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal);
        foreach (string file in files)
        {
            string name = Path.GetFileName(file);
            if (known.Contains(name)) continue;
            byte[] bytes;
            try { bytes = File.ReadAllBytes(file); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (bytes.Length > maxLength) bytes = bytes[..maxLength];
            known.Add(name);
            // Seeds a person wrote have their own names: remember the content's name too.
            string hash = ContentHash.Of(bytes);
            if (skip.Contains(hash)) continue;
            if (hash != name && !known.Add(hash)) continue;
            fresh.Add(bytes);
        }
        return fresh;
    }

    /// <summary>Keeps an input read by <see cref="LoadNew"/> in memory (it is on disk already).</summary>
    public void Keep(byte[] input) => entries.Add(input);
}
