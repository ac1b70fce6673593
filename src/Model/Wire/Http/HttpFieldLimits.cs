namespace McpFuzz.Model.Wire.Http;

/// <summary>Bounds every parser in this namespace applies to a single field value.</summary>
/// <remarks>RFC 9110 §5.4 leaves field size limits to implementations. A value longer than
/// <see cref="MaxValueLength"/> is treated as invalid rather than parsed, so no parser here loops
/// or allocates in proportion to an unbounded peer input. 16 KiB exceeds any value MCP defines
/// and matches the whole-header budget of common servers (e.g. Node.js), which would refuse the
/// request before an MCP handler saw it.</remarks>
public static class HttpFieldLimits
{
    /// <summary>Longest field value, in UTF-16 code units, that a parser will look at.</summary>
    public const int MaxValueLength = 16 * 1024;
}
