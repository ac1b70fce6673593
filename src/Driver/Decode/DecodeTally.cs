using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Driver.Decode;

/// <summary>What a decode run saw, for the summary line on standard error and the exit code.</summary>
public sealed class DecodeTally
{
    private readonly SortedDictionary<string, int> _findings = new(StringComparer.Ordinal);

    public int Streams { get; set; }

    public int Events { get; set; }

    public int PrimingEvents { get; set; }

    public int Messages { get; set; }

    public bool HasFindings => _findings.Count > 0;

    /// <summary>Counts one finding under <paramref name="key"/> (a rule id, or an SSE stream fault).</summary>
    public void Found(string key) => _findings[key] = _findings.GetValueOrDefault(key) + 1;

    public void Found(IEnumerable<JsonRpcViolation> violations)
    {
        foreach (var v in violations) Found(v.Rule.Id);
    }

    public string Summary()
    {
        var parts = new List<string>();
        if (Streams > 0) parts.Add($"{Streams} stream(s), {Events} event(s) ({PrimingEvents} priming)");
        if (Messages > 0) parts.Add($"{Messages} JSON-RPC message(s)");
        string seen = parts.Count == 0 ? "nothing decoded" : string.Join(", ", parts);
        string found = _findings.Count == 0 ? "no findings" : "findings: " + string.Join(", ", _findings.Select(f => $"{f.Key} x{f.Value}"));
        return $"{seen}; {found}";
    }
}
