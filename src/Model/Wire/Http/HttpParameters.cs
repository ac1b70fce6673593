using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace McpFuzz.Model.Wire.Http;

/// <summary>Parameters of a media type (RFC 9110 §5.6.6) or of an authentication challenge
/// (§11.2): an immutable, ordered map whose names are case-insensitive (ASCII) and whose values
/// are kept exactly. Equality is structural and ignores order and the spelling case of names.</summary>
/// <remarks>A name occurs at most once; when the input repeats a name, the first occurrence wins
/// (RFC 9110 §11.2 forbids repeats in a challenge; for media types it gives no rule, and taking
/// the first is the common choice).</remarks>
public sealed class HttpParameters : IReadOnlyDictionary<string, string>, IEquatable<HttpParameters>
{
    public static HttpParameters Empty { get; } = new([]);

    private readonly KeyValuePair<string, string>[] _entries;

    private HttpParameters(KeyValuePair<string, string>[] entries) => _entries = entries;

    /// <summary>Builds parameters from pairs in order; a later pair whose name equals an earlier
    /// one (ignoring ASCII case) is dropped.</summary>
    public static HttpParameters From(IEnumerable<KeyValuePair<string, string>> pairs) => From(pairs, out _);

    /// <inheritdoc cref="From(IEnumerable{KeyValuePair{string, string}})"/>
    /// <param name="pairs">The pairs in input order.</param>
    /// <param name="hadDuplicates">Whether some pair was dropped as a repeat.</param>
    public static HttpParameters From(IEnumerable<KeyValuePair<string, string>> pairs, out bool hadDuplicates)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        hadDuplicates = false;
        var kept = new List<KeyValuePair<string, string>>();
        foreach (var pair in pairs)
        {
            ArgumentNullException.ThrowIfNull(pair.Key, nameof(pairs));
            ArgumentNullException.ThrowIfNull(pair.Value, nameof(pairs));
            if (IndexOf(kept, pair.Key) >= 0)
            {
                hadDuplicates = true;
                continue;
            }

            kept.Add(pair);
        }

        return kept.Count == 0 ? Empty : new HttpParameters(kept.ToArray());
    }

    public int Count => _entries.Length;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<string> Values => _entries.Select(e => e.Value);

    /// <summary>The value of <paramref name="key"/>; throws <see cref="KeyNotFoundException"/> when
    /// absent, as the dictionary contract requires. Prefer <see cref="Get"/>.</summary>
    public string this[string key] =>
        TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException(key);

    /// <summary>The value of <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Get(string name) => TryGetValue(name, out string? value) ? value : null;

    public bool ContainsKey(string key) => IndexOf(_entries, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        int index = IndexOf(_entries, key);
        value = index >= 0 ? _entries[index].Value : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, string>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(HttpParameters? other)
    {
        if (other is null || other._entries.Length != _entries.Length) return false;
        foreach (var entry in _entries)
        {
            if (!other.TryGetValue(entry.Key, out string? value) || !string.Equals(value, entry.Value, StringComparison.Ordinal)) return false;
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is HttpParameters other && Equals(other);

    public override int GetHashCode()
    {
        // Order-independent, to agree with Equals.
        int hash = _entries.Length;
        foreach (var entry in _entries)
        {
            hash += HashCode.Combine(HttpSyntax.AsciiIgnoreCaseHash(entry.Key), StringComparer.Ordinal.GetHashCode(entry.Value));
        }

        return hash;
    }

    public override string ToString() => "{" + string.Join("; ", _entries.Select(e => e.Key + "=" + e.Value)) + "}";

    private static int IndexOf(IReadOnlyList<KeyValuePair<string, string>> entries, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (int i = 0; i < entries.Count; i++)
        {
            if (HttpSyntax.AsciiEqualsIgnoreCase(entries[i].Key, name)) return i;
        }

        return -1;
    }
}
