using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Checking.Oracle;

/// <summary>One client rule a real client broke: the rule id, the revision it was held to, what the
/// client did and what a conforming client of that revision does.</summary>
public sealed record ClientDeviation(string Rule, Revision Revision, string Observed, string Expected);

/// <summary>The oracle's verdict on one request a real client sent (or, from
/// <see cref="ClientOracle.Finish"/>, on what it never sent).</summary>
/// <param name="Checked">The rules the request was held to.</param>
public sealed record ClientJudgement(IReadOnlyList<ClientDeviation> Deviations, IReadOnlyList<string> Checked)
{
    public bool Conforms => Deviations.Count == 0;
}

/// <summary>How the client process ended.</summary>
public enum ClientEnding : byte
{
    /// <summary>It exited by itself with status 0.</summary>
    Succeeded,

    /// <summary>It exited by itself with another status (it reported an error).</summary>
    Failed,

    /// <summary>It was still running at the scenario's timeout and was killed.</summary>
    Hung,
}
