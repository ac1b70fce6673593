using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Machines.Authorization;

/// <summary>How an observed probe sequence first differs from the conforming one.</summary>
public enum DivergenceKind : byte
{
    /// <summary>A probe the conforming client does not send at this point, and not later either.</summary>
    Unexpected,

    /// <summary>A probe the conforming client sends only later: the ones before it were skipped.</summary>
    Skipped,

    /// <summary>The client stopped where the conforming one sends another probe.</summary>
    StoppedEarly,

    /// <summary>The client went on where the conforming one had finished (usually: gave up).</summary>
    ContinuedAfterEnd,

    /// <summary>The probes agree, but one lacks the MCP-Protocol-Version header the revision asks for.</summary>
    MissingProtocolVersion,
}

/// <summary>The first place a real client's discovery departs from its revision's, and the rule
/// that the conforming step embodies.</summary>
/// <param name="Index">Position in the observed sequence (equal to its length when the client stopped early).</param>
/// <param name="Expected">What a conforming client sends here; None when it sends nothing more.</param>
/// <param name="Observed">What the client sent here; None when it sent nothing more.</param>
public sealed record DiscoveryDivergence(
    int Index, DivergenceKind Kind, ProbeRequest Expected, ProbeRequest Observed, Rule Rule, string Explanation)
{
    public override string ToString() => $"{Rule.Id} ({Rule.Level}) at probe {Index + 1}: {Explanation}";
}
