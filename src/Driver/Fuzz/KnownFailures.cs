using System.Text.Json;
using McpFuzz.Fuzzer.Sequences;

namespace McpFuzz.Driver.Fuzz;

/// <summary>
/// The failures earlier runs saved in an <c>--out</c> directory, by rule and canonical minimal
/// sequence (<see cref="SequenceCanonical"/>): a failure found again is known, not new, and is
/// neither saved again nor counted towards the exit code. Files that are not replay files are
/// warned about once each and ignored.
/// </summary>
public sealed class KnownFailures
{
    private readonly HashSet<string> _keys = [];

    public int Count => _keys.Count;

    /// <summary>The identity of a failure: its rule and the text of its canonical minimal sequence.</summary>
    public static string Key(string rule, ActionSequence minimal) => rule + " | " + minimal.Canonical();

    public bool Contains(string rule, ActionSequence minimal) => _keys.Contains(Key(rule, minimal));

    public void Add(string rule, ActionSequence minimal) => _keys.Add(Key(rule, minimal));

    public static KnownFailures Load(string? directory, TextWriter warnings)
    {
        var known = new KnownFailures();
        if (directory is null || !Directory.Exists(directory)) return known;
        foreach (string path in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                known.Add(ReplayFile.RuleOf(path), ReplayFile.Load(path));
            }
            catch (Exception e) when (CorpusDirectory.IsUnreadable(e))
            {
                warnings.WriteLine($"fuzz: warning: {path} is not a replay file, ignored: {e.Message}");
            }
        }

        return known;
    }
}
