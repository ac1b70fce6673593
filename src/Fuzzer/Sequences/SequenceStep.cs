namespace McpFuzz.Fuzzer.Sequences;

/// <summary>What a client does in one step of a sequence.</summary>
public enum StepKind : byte
{
    Initialize,

    /// <summary><c>notifications/initialized</c>.</summary>
    Initialized,

    /// <summary>The ordinary request of the revision (ping, or tools/list for 2026-07-28).</summary>
    Request,

    /// <summary>A notification other than initialized (the model reads it as one).</summary>
    Notification,

    /// <summary><see cref="SequenceStep.Count"/> requests in flight at once.</summary>
    Concurrent,

    /// <summary>A GET stream (also a reconnect without <c>Last-Event-ID</c>).</summary>
    OpenGet,

    /// <summary>A GET with <c>Last-Event-ID</c>: an event id the client saw, picked by <see cref="SequenceStep.Pick"/>.</summary>
    Resume,

    Delete,
}

/// <summary>Faults a step can carry: what a conforming client would not do. A server must still
/// answer as its revision says (refuse, or serve where the spec lets it).</summary>
[Flags]
public enum StepFaults : ushort
{
    None = 0,

    /// <summary>No <c>Mcp-Session-Id</c> although the client has a session.</summary>
    NoSession = 1 << 0,

    /// <summary>The id of a session the client ended with DELETE (a server must answer 404 to it); an
    /// unknown one when there was none. A session merely followed by a new initialize is not stale:
    /// a server may keep many sessions.</summary>
    StaleSession = 1 << 1,

    /// <summary>A session id the server never handed out.</summary>
    UnknownSession = 1 << 2,

    /// <summary>No <c>MCP-Protocol-Version</c> where the revision asks for one.</summary>
    NoVersionHeader = 1 << 3,

    /// <summary><c>MCP-Protocol-Version</c> names no revision.</summary>
    WrongVersionHeader = 1 << 4,

    /// <summary>Every header name in lower case (HTTP field names are case-insensitive: no change
    /// in meaning, so no change in the answer).</summary>
    LowercaseHeaders = 1 << 5,

    /// <summary>An <c>Accept</c> without <c>text/event-stream</c>.</summary>
    OddAccept = 1 << 6,

    /// <summary>The request id of the previous request, while it may still be in flight.</summary>
    DuplicateId = 1 << 7,

    /// <summary>The request id of the first request of the sequence, long answered.</summary>
    ReusedId = 1 << 8,

    /// <summary>A body from the malformed corpus (<see cref="MalformedBodies"/>) instead of the step's own.</summary>
    MalformedBody = 1 << 9,
}

/// <summary>
/// One client action of a sequence, with its faults. <see cref="Choice"/> is what the model's
/// server picks where the spec leaves it free (JSON or SSE, offering GET or not); a live server
/// picks for itself and ignores it. <see cref="AbortAt"/> (bytes, or -1) is where the client stops
/// reading the answer; the model, which has no bytes, takes every event as
/// <see cref="ModelEventBytes"/> bytes long.
/// </summary>
public sealed record SequenceStep(StepKind Kind, StepFaults Faults = StepFaults.None, byte Count = 1, byte Choice = 0, byte Pick = 0, int AbortAt = -1, byte Corpus = 0)
{
    public const int ModelEventBytes = 64;

    public bool Has(StepFaults fault) => (Faults & fault) != 0;

    /// <summary>How complicated the step is, for shrinking: faults, concurrency, aborts and choices all count.</summary>
    public int Weight => 1 + System.Numerics.BitOperations.PopCount((uint)Faults) + (Count - 1) + (AbortAt >= 0 ? 1 : 0) + (Choice != 0 ? 1 : 0) + (Pick != 0 ? 1 : 0) + (Corpus != 0 ? 1 : 0);

    public override string ToString()
    {
        var text = new System.Text.StringBuilder(Kind switch
        {
            StepKind.Initialize => "initialize",
            StepKind.Initialized => "initialized",
            StepKind.Request => "request",
            StepKind.Notification => "notification",
            StepKind.Concurrent => $"{Count} concurrent requests",
            StepKind.OpenGet => "GET stream",
            StepKind.Resume => $"resume (Last-Event-ID: seen #{Pick})",
            _ => "DELETE",
        });
        if (Faults != StepFaults.None) text.Append(" [").Append(Faults.ToString().Replace(", ", "+", StringComparison.Ordinal)).Append(']');
        if (Has(StepFaults.MalformedBody)) text.Append(" body #").Append(Corpus);
        if (AbortAt >= 0) text.Append(" abort at byte ").Append(AbortAt);
        if (Choice != 0) text.Append(" (model server choice ").Append(Choice).Append(')');
        return text.ToString();
    }
}
