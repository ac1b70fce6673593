using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Checking.Oracle;

/// <summary>What a real server put on the wire for one request, abstracted: the response head,
/// every SSE event in order (for an HTTP+SSE POST, the events its GET stream carried afterwards),
/// and how the body ended. Unlike <see cref="Machines.Server.ServerOutput"/> it holds any number of events.</summary>
public sealed record ObservedAnswer(AbstractResponse Head, IReadOnlyList<SseItem> Items, StreamEnd End)
{
    public static ObservedAnswer Of(AbstractResponse head) => new(head, [], StreamEnd.Clean);

    public override string ToString() =>
        Items.Count == 0 ? Head.ToString() : Head + "; " + string.Join("; ", Items.Select(i => i.ToString())) + (End == StreamEnd.ServerClosed ? "; server closed" : "");
}

/// <summary>One rule an answer broke: the rule id, what was seen and what a conforming server does.</summary>
public sealed record ServerDeviation(string Rule, string Observed, string Expected);

/// <summary>The oracle's verdict on one answer. <see cref="Conforms"/> is false when no answer a
/// conforming server may give looks like it (the first deviation then explains why); deviations from
/// SHOULD-level details (a missing priming event, a stray <c>endpoint</c> event) leave it true.</summary>
/// <param name="Checked">The rules the answer was held to: those that decided each conforming
/// candidate, and the details compared.</param>
public sealed record ServerJudgement(bool Conforms, IReadOnlyList<ServerDeviation> Deviations, string Expected, IReadOnlyList<string> Checked)
{
    /// <summary>The version the candidate answer was given under (a dual-era server answers
    /// <c>initialize</c> as a legacy server), or null when no version applies: the schema the
    /// answer's messages follow.</summary>
    public Revision? Effective { get; init; }
}
