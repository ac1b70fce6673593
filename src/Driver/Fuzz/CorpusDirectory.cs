using System.Text.Json;
using McpFuzz.Driver.Output;
using McpFuzz.Fuzzer.Sequences;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Driver.Fuzz;

/// <summary>A corpus entry: a sequence that reached a server state not reached before, and the
/// states its run reached.</summary>
public sealed record CorpusEntry(ActionSequence Sequence, IReadOnlyList<string> States);

/// <summary>What <see cref="CorpusDirectory.Load"/> found: the entries of the campaign's revision,
/// and how many files were skipped for another revision or for being unreadable.</summary>
public sealed record LoadedCorpus(IReadOnlyList<CorpusEntry> Entries, int OtherRevision, int Unreadable);

/// <summary>
/// The feedback corpus on disk (<c>--corpus DIR</c>), so that a nightly run resumes where the last
/// one stopped: one JSON file per entry, named by the hash of its canonical sequence, written
/// atomically the moment the entry is found (a killed run loses nothing), read back at start.
/// </summary>
public sealed class CorpusDirectory(string directory)
{
    private const string Format = "mcpfuzz-corpus/1";

    public string Path { get; } = directory;

    /// <summary>Writes an entry; an entry of the same canonical sequence already there is kept.
    /// Returns the file's path.</summary>
    public string Save(CorpusEntry entry)
    {
        var sequence = entry.Sequence.Canonical();
        string file = System.IO.Path.Combine(Path, SequenceJson.Hash(sequence.ToString()) + ".json");
        if (File.Exists(file)) return file;
        AtomicFile.Write(file, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("revision", sequence.Revision.ToText());
            w.WriteString("text", sequence.ToString());
            SequenceJson.WriteSteps(w, sequence);
            w.WriteStartArray("states");
            foreach (string state in entry.States) w.WriteStringValue(state);
            w.WriteEndArray();
            w.WriteEndObject();
        });
        return file;
    }

    /// <summary>Every entry of <paramref name="revision"/> in the directory (none when it does not
    /// exist yet). An unreadable file gets one warning line and is skipped.</summary>
    public LoadedCorpus Load(PeerRevision revision, TextWriter warnings)
    {
        var entries = new List<CorpusEntry>();
        int other = 0, unreadable = 0;
        if (!Directory.Exists(Path)) return new LoadedCorpus(entries, 0, 0);
        foreach (string file in Directory.EnumerateFiles(Path, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
                var root = doc.RootElement;
                if (root.GetProperty("format").GetString() != Format) throw new FormatException($"format is not {Format}");
                var sequence = SequenceJson.Read(root, file);
                if (sequence.Revision != revision)
                {
                    other++;
                    continue;
                }

                var states = root.GetProperty("states").EnumerateArray().Select(s => s.GetString() ?? "").ToArray();
                entries.Add(new CorpusEntry(sequence.Canonical(), states));
            }
            catch (Exception e) when (IsUnreadable(e))
            {
                unreadable++;
                warnings.WriteLine($"fuzz: warning: {file} is not a corpus file, skipped: {e.Message}");
            }
        }

        return new LoadedCorpus(entries, other, unreadable);
    }

    /// <summary>The ways reading a JSON file of ours can fail on a file that is not one.</summary>
    public static bool IsUnreadable(Exception e) =>
        e is IOException or UnauthorizedAccessException or JsonException or FormatException or KeyNotFoundException or ArgumentException or InvalidOperationException or OverflowException;
}
