using System.Text;

namespace McpFuzz.Fuzzer.Engines;

/// <summary>
/// The crash directory: one input per distinct signature, <c>crash-SIGNATUREHASH-INPUTHASH</c>,
/// with the signature and stack beside it in <c>.txt</c>, both written atomically and flushed.
/// Signatures already in the directory (from an earlier campaign or another worker) count as
/// known, so a bug is reported new once.
/// </summary>
public sealed class CrashStore
{
    public const string Prefix = "crash-";

    private readonly HashSet<string> signatures = new(StringComparer.Ordinal);
    private readonly HashSet<string> inputs = new(StringComparer.Ordinal);

    public CrashStore(string? directory)
    {
        Directory = directory;
        if (directory is null) return;
        System.IO.Directory.CreateDirectory(directory);
        Refresh();
    }

    public string? Directory { get; }

    /// <summary>Signatures seen (on disk or in this process).</summary>
    public int Count => signatures.Count;

    /// <summary>The content hashes of every crashing input on disk: a restarted worker skips these
    /// when it loads the corpus, or an input that kills it would kill it again.</summary>
    public IReadOnlySet<string> InputHashes => inputs;

    /// <summary>Reads the names in the directory again (another worker may have written).</summary>
    public void Refresh()
    {
        if (Directory is null) return;
        foreach (string file in System.IO.Directory.EnumerateFiles(Directory, Prefix + "*"))
        {
            if (Parse(Path.GetFileName(file)) is var (signature, input))
            {
                signatures.Add(signature);
                inputs.Add(input);
            }
        }
    }

    /// <summary>The signature and input hashes of a crash file's name, or null.</summary>
    public static (string Signature, string Input)? Parse(string name)
    {
        if (name.EndsWith(".txt", StringComparison.Ordinal)) name = name[..^4];
        string[] parts = name.Split('-');
        return parts.Length == 3 && parts[0] + "-" == Prefix && parts[1].Length == 16 && parts[2].Length == 16 ? (parts[1], parts[2]) : null;
    }

    /// <summary>Whether this process is the first to report <paramref name="signature"/>: workers
    /// sharing the directory can find the same bug in the same second, and creating a file that
    /// must not exist is atomic across processes where checking for the crash file is not.</summary>
    private bool Claim(string signature)
    {
        string claim = Path.Combine(Directory!, $".claim-{signature}");
        try
        {
            using var _ = new FileStream(claim, FileMode.CreateNew, FileAccess.Write);
            return true;
        }
        catch (IOException)
        {
            // A claim with no crash file long after it was made: the crash was deleted by hand, so
            // the bug counts as new again.
            bool stale = File.GetLastWriteTimeUtc(claim) < DateTime.UtcNow.AddSeconds(-30)
                         && !System.IO.Directory.EnumerateFiles(Directory!, $"{Prefix}{signature}-*").Any();
            if (stale) File.SetLastWriteTimeUtc(claim, DateTime.UtcNow);
            return stale;
        }
    }

    /// <summary>Records a crash; returns the path of the new crash file when the signature is new,
    /// null when it was known (the input is not kept then).</summary>
    public string? Record(ReadOnlySpan<byte> input, CrashSignature signature, string details)
    {
        if (!signatures.Add(signature.Hash)) return null;
        string inputHash = ContentHash.Of(input);
        inputs.Add(inputHash);
        if (Directory is null) return "";
        if (!Claim(signature.Hash)) return null;
        string path = Path.Combine(Directory, $"{Prefix}{signature.Hash}-{inputHash}");
        var text = new StringBuilder()
            .AppendLine(signature.Text)
            .AppendLine($"input: {input.Length} bytes, {Path.GetFileName(path)}")
            .AppendLine()
            .AppendLine(details);
        AtomicWrite.IfAbsent(path + ".txt", Encoding.UTF8.GetBytes(text.ToString()), durable: true);
        AtomicWrite.IfAbsent(path, input, durable: true);
        return path;
    }
}
