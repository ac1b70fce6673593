namespace McpFuzz.Model.Wire.Http;

/// <summary>What an <c>MCP-Protocol-Version</c> value is.</summary>
public enum ProtocolVersionKind : byte
{
    /// <summary>Not a <c>YYYY-MM-DD</c> date string (includes empty and absent).</summary>
    Malformed = 0,

    /// <summary>Date-shaped but not a published revision: a future version, or a bogus one.</summary>
    UnknownDate = 1,

    /// <summary>One of the revisions in <see cref="McpFuzz.Model.Revisions.Revisions.All"/>.</summary>
    Known = 2,
}
