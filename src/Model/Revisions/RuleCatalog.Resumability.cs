namespace McpFuzz.Model.Revisions;

using static Revision;

public static partial class RuleCatalog
{
    /// <summary>Rules on SSE event ids, <c>Last-Event-ID</c> resumption and the 2025-11-25 polling
    /// pattern (priming event, <c>retry</c>, server-initiated close). 2026-07-28 has no resumability;
    /// see <c>modern.no-resumability</c>.</summary>
    public static class Resumability
    {
        private static readonly RevisionSet Resumable = RevisionSet.Range(V2025_03_26, V2025_11_25);

        // Polling exists only in 2025-11-25: earlier revisions forbid closing before the response
        // and 2026-07-28 dropped resumption altogether.
        private static readonly RevisionSet Polling = RevisionSet.Of(V2025_11_25);

        public static readonly Rule EventIdUnique = new(
            "resume.event-id-unique", RuleLevel.Must, RuleSide.Server, Resumable,
            "2025-03-26/basic/transports#resumability-and-redelivery",
            "An SSE event id is unique across all streams of the session (or of the client, without sessions).");

        public static readonly Rule EventIdEncodesStream = new(
            "resume.event-id-encodes-stream", RuleLevel.Should, RuleSide.Server, Polling,
            "2025-11-25/basic/transports#resumability-and-redelivery",
            "An SSE event id carries enough to tell which stream it came from, so a Last-Event-ID maps back to that stream.");

        public static readonly Rule LastEventId = new(
            "resume.last-event-id", RuleLevel.Should, RuleSide.Client, Resumable,
            "2025-03-26/basic/transports#resumability-and-redelivery",
            "A client resuming after a disconnection sends a GET to the MCP endpoint with Last-Event-ID set to the last id it received.");

        // Before 2025-11-25 a GET with Last-Event-ID for a stream that began as a POST is not said to
        // work; servers of those revisions may not map it back. The level follows resumption itself,
        // which is a SHOULD.
        public static readonly Rule AlwaysGet = new(
            "resume.always-get", RuleLevel.Should, RuleSide.Client, Polling,
            "2025-11-25/basic/transports#resumability-and-redelivery",
            "A client resumes any stream, whether opened by POST or GET, with an HTTP GET carrying Last-Event-ID.");

        public static readonly Rule ReplayAfterId = new(
            "resume.replay-after-id", RuleLevel.May, RuleSide.Server, Resumable,
            "2025-03-26/basic/transports#resumability-and-redelivery",
            "A server given Last-Event-ID may replay the messages after that id on the disconnected stream and continue it.");

        public static readonly Rule SameStreamOnly = new(
            "resume.same-stream-only", RuleLevel.Must, RuleSide.Server, Resumable,
            "2025-03-26/basic/transports#resumability-and-redelivery",
            "A resumed stream replays only messages of the stream that was disconnected, never those of another stream.");

        public static readonly Rule PrimingEvent = new(
            "resume.priming-event", RuleLevel.Should, RuleSide.Server, Polling,
            "2025-11-25/basic/transports#sending-messages-to-the-server",
            "A server that answers a POST with an SSE stream first sends a priming event: an id and an empty data field.");

        // A `data:` line makes the WHATWG data buffer non-empty, so the priming event is dispatched
        // as a `message` with empty data; clients that JSON-parse every message crash on it. Only
        // 2025-11-25 defines priming, so only its clients are held to skipping it.
        public static readonly Rule PrimingNotMessage = new(
            "resume.priming-not-message", RuleLevel.Must, RuleSide.Client, Polling,
            "2025-11-25/basic/transports#sending-messages-to-the-server; WHATWG HTML 9.2.6 (interpreting an event stream, dispatch)",
            "A client does not hand an SSE event whose data is empty to its JSON-RPC parser; it only records the event's id.");

        public static readonly Rule CloseAfterIdOnly = new(
            "resume.close-after-id-only", RuleLevel.May, RuleSide.Server, Polling,
            "2025-11-25/basic/transports#sending-messages-to-the-server",
            "A server may close the connection of an unfinished SSE stream only after it has sent an event carrying an id.");

        public static readonly Rule RetryBeforeClose = new(
            "resume.retry-before-close", RuleLevel.Should, RuleSide.Server, Polling,
            "2025-11-25/basic/transports#sending-messages-to-the-server",
            "A server that closes the connection before ending the SSE stream first sends an event with a `retry` field.");

        public static readonly Rule ClientWaitsRetry = new(
            "resume.client-waits-retry", RuleLevel.Must, RuleSide.Client, Polling,
            "2025-11-25/basic/transports#sending-messages-to-the-server",
            "A client waits at least the last `retry` interval, in milliseconds, before reconnecting.");

        public static readonly Rule PollAfterClose = new(
            "resume.poll-after-close", RuleLevel.Should, RuleSide.Client, Polling,
            "2025-11-25/basic/transports#sending-messages-to-the-server",
            "A client whose SSE connection the server closed before the stream ended reconnects to poll for the rest.");

        // No revision bounds reconnect loops directly; the timeout section's "enforce a maximum
        // timeout" is what keeps a client from polling a dead stream for ever.
        public static readonly Rule BoundedReconnect = new(
            "resume.bounded-reconnect", RuleLevel.Should, RuleSide.Client, Resumable,
            "2025-03-26/basic/lifecycle#timeouts",
            "A client bounds its reconnect attempts for a request by a maximum timeout instead of retrying for ever.");
    }

    private static IEnumerable<Rule> ResumabilityRules() =>
    [
        Resumability.EventIdUnique, Resumability.EventIdEncodesStream, Resumability.LastEventId,
        Resumability.AlwaysGet, Resumability.ReplayAfterId, Resumability.SameStreamOnly, Resumability.PrimingEvent,
        Resumability.PrimingNotMessage, Resumability.CloseAfterIdOnly, Resumability.RetryBeforeClose,
        Resumability.ClientWaitsRetry, Resumability.PollAfterClose, Resumability.BoundedReconnect,
    ];
}
