namespace McpFuzz.Model.Revisions;

/// <summary>The requirement keyword of a rule (RFC 2119 as used by the spec).</summary>
public enum RuleLevel : byte
{
    Must,
    Should,
    May,
}

/// <summary>Which peer a rule constrains.</summary>
public enum RuleSide : byte
{
    Client,
    Server,

    /// <summary>Whichever peer sends the message or performs the act (JSON-RPC shape, SSE framing).</summary>
    Both,
}

/// <summary>One observable requirement of the specification. Every finding cites one.</summary>
/// <param name="Id">Stable identifier, e.g. <c>jsonrpc.id-not-null</c>. Never renamed once published.</param>
/// <param name="Level">MUST / SHOULD / MAY; a MUST NOT is a MUST of the negated statement.</param>
/// <param name="Side">The peer the requirement constrains.</param>
/// <param name="Revisions">The revisions in which the requirement holds.</param>
/// <param name="SpecRef">Where the spec says so: <c>&lt;rev&gt;/&lt;file&gt;#&lt;heading&gt;</c>,
/// relative to <c>docs/specification/</c> of the MCP specification repository, or an RFC.</param>
/// <param name="Summary">The requirement in one sentence.</param>
public sealed record Rule(string Id, RuleLevel Level, RuleSide Side, RevisionSet Revisions, string SpecRef, string Summary)
{
    public bool AppliesTo(Revision revision) => Revisions.Contains(revision);
}
