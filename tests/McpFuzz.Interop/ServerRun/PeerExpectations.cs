using McpFuzz.Interop.Fixtures;

namespace McpFuzz.Interop.ServerRun;

/// <summary>One finding McpFuzz reports: under which revision, which rule, at which level.</summary>
public sealed record ExpectedFinding(string Revision, string Rule, string Level)
{
    public override string ToString() => $"{Revision} {Rule} {Level}";
}

/// <summary>A scenario McpFuzz skips on a revision the server speaks, and the reason it gives.</summary>
public sealed record ExpectedSkip(string Revision, string Scenario, string Reason)
{
    public override string ToString() => $"{Revision} {Scenario}: {Reason}";
}

/// <summary>What <c>mcpfuzz server --revision all</c> reports for one real peer.</summary>
/// <param name="Detected">Each revision detection finds, with the start of how it says the server speaks it.</param>
/// <param name="Findings">Every (revision, rule, level) found; each is a real deviation of the peer.</param>
/// <param name="Skips">Scenarios skipped on detected revisions (on the others every scenario is
/// skipped because the server does not speak the revision).</param>
public sealed record PeerExpectation(PeerKind Kind, IReadOnlyDictionary<string, string> Detected, IReadOnlyList<ExpectedFinding> Findings, IReadOnlyList<ExpectedSkip> Skips)
{
    public bool FailsOnMust => Findings.Any(f => f.Level == "MUST");

    public override string ToString() => Kind.ToString();
}

/// <summary>
/// The real deviations of each peer, as McpFuzz names them. Every entry says what the server
/// puts on the wire; the rule ids are the catalog's (src/Model/Revisions/RuleCatalog*.cs).
/// </summary>
public static class PeerExpectations
{
    private const string V2024 = "2024-11-05";
    private const string V0326 = "2025-03-26";
    private const string V0618 = "2025-06-18";
    private const string V1125 = "2025-11-25";
    private static readonly string[] StreamableRevisions = [V0326, V0618, V1125];

    private const string NoSession = "the server assigns no session";
    private const string NoEventIdsReason = "the server put no event ids on the request's stream";

    private static readonly Dictionary<string, string> Streamable = StreamableRevisions.ToDictionary(r => r, r => "Streamable HTTP, negotiates " + r);
    private static readonly Dictionary<string, string> LegacySse = new() { [V2024] = "HTTP+SSE" };

    private static IEnumerable<ExpectedFinding> Must(string rule, params string[] revisions) => revisions.Select(r => new ExpectedFinding(r, rule, "MUST"));

    private static IEnumerable<ExpectedFinding> Should(string rule, params string[] revisions) => revisions.Select(r => new ExpectedFinding(r, rule, "SHOULD"));

    private static IEnumerable<ExpectedSkip> Skip(string reason, string scenario) => StreamableRevisions.Select(r => new ExpectedSkip(r, scenario, reason));

    // shttp.origin-403: initialize with `Origin: http://rebinding.invalid` gets 200 and a session;
    // no Host/Origin check at all (2025-11-25 requires 403). The server is a 2025-11-25 server, so
    // the rule is reported under each revision a client of it could speak.
    private static IEnumerable<ExpectedFinding> AcceptsForeignOrigin => Must("shttp.origin-403", StreamableRevisions);

    // jsonrpc.no-batch: the TS SDK 1.32.2 transport still takes a JSON-RPC array after 2025-03-26
    // removed batches: `[ping, notification]` in a 2025-06-18 or 2025-11-25 session gets 200 and
    // the ping's result (a 400 is required), with or without MCP-Protocol-Version (the session
    // tells the version).
    private static IEnumerable<ExpectedFinding> AcceptsBatchesAfter2025_03_26 => Must("jsonrpc.no-batch", V0618, V1125);

    // jsonrpc.id-not-null: the transport's own errors (400 for a missing or unknown session or a
    // repeated initialize, 406 for an Accept without text/event-stream, 415 for text/plain, 409
    // or 405 for a second GET) carry `"id": null`; the schema's error response has a string or
    // number id, or (2025-11-25) none.
    private static IEnumerable<ExpectedFinding> NullIdErrors => Must("jsonrpc.id-not-null", StreamableRevisions);

    // shttp.get-sse-or-405: a second GET while the first GET stream is open gets 409 "Conflict:
    // Only one SSE stream is allowed per session" (the C# host: 405). A client may hold several
    // streams; a GET gets a stream, or 405 when the server offers none at all.
    private static IEnumerable<ExpectedFinding> OneGetStreamOnly => Must("shttp.get-sse-or-405", StreamableRevisions);

    // resume.priming-event (SHOULD, 2025-11-25): an SSE answer in a 2025-11-25 session does not open
    // with an id-only priming event. Without an event store the SDKs never send one. The 2025-03-26
    // and 2025-06-18 rows come from version-counteroffer, where the server answers an unknown
    // version with 2025-11-25.
    private static IEnumerable<ExpectedFinding> NeverPrimes => Should("resume.priming-event", StreamableRevisions);

    // resume.priming-event, version-counteroffer (and a 2025-11-25 request without the header):
    // with an event store the TS SDK primes 2025-11-25 sessions, but decides by the version the
    // request names; initialize asking for 1999-01-01 is answered with 2025-11-25 and no priming event.
    private static IEnumerable<ExpectedFinding> NoPrimingOnCounteroffer => Should("resume.priming-event", StreamableRevisions);

    // shttp.close-after-response (SHOULD): a request's stream resumed by GET with Last-Event-ID
    // replays the response and then stays open (it becomes the session's GET stream).
    private static IEnumerable<ExpectedFinding> ResumedStreamStaysOpen => Should("shttp.close-after-response", V1125);

    // shttp.origin-validate (2024-11-05): the HTTP+SSE stream is opened for a GET from
    // `Origin: http://rebinding.invalid` (200 and the endpoint event); any 4xx is required.
    private static IEnumerable<ExpectedFinding> LegacyAcceptsForeignOrigin => Must("shttp.origin-validate", V2024);

    public static IReadOnlyList<PeerExpectation> All { get; } =
    [
        new(PeerKind.TsStatefulSse, Streamable, [.. AcceptsForeignOrigin, .. AcceptsBatchesAfter2025_03_26, .. NullIdErrors, .. OneGetStreamOnly, .. NeverPrimes],
            [.. NoEventIds]),

        // JSON answers: no SSE stream, so no priming event is owed.
        new(PeerKind.TsStatefulJson, Streamable, [.. AcceptsForeignOrigin, .. AcceptsBatchesAfter2025_03_26, .. NullIdErrors, .. OneGetStreamOnly],
            [.. NoEventIds]),

        // No session: every request is served, GET gets 405 (no stream to conflict with).
        new(PeerKind.TsStateless, Streamable, [.. AcceptsForeignOrigin, .. AcceptsBatchesAfter2025_03_26, .. NullIdErrors, .. NeverPrimes],
            [.. Skip(NoSession, "session-required"), .. Skip(NoSession, "session-unknown"), .. Skip(NoSession, "session-delete"), .. Skip(NoSession, "reinitialize"), .. NoEventIds]),

        // Resumption runs here (event ids on every stream); replay stays on its stream.
        new(PeerKind.TsEventStore, Streamable,
            [.. AcceptsForeignOrigin, .. AcceptsBatchesAfter2025_03_26, .. NullIdErrors, .. OneGetStreamOnly, .. NoPrimingOnCounteroffer, .. ResumedStreamStaysOpen], []),

        // Apart from Origin, the 2024-11-05 transport conforms, including 404 for a POST to a stream
        // never announced (our launcher's answer; the bare SDK leaves that to the host).
        new(PeerKind.TsLegacySse, LegacySse, [.. LegacyAcceptsForeignOrigin], []),

        new(PeerKind.EverythingStreamable, Streamable,
        [
            .. AcceptsForeignOrigin, .. AcceptsBatchesAfter2025_03_26, .. NullIdErrors, .. OneGetStreamOnly, .. NoPrimingOnCounteroffer, .. ResumedStreamStaysOpen,

            // session.expired-404: a request naming an unknown session, or one just deleted, gets
            // 400 {"code":-32000,"message":"Bad Request: No valid session ID provided"}, not 404,
            // so a client cannot tell it must start a new session.
            .. Must("session.expired-404", StreamableRevisions),

            // jsonrpc.error-id: that 400's error has no `id` at all, which only 2025-11-25 allows.
            .. Must("jsonrpc.error-id", V0326, V0618),
        ], []),

        // legacy.two-endpoints: a POST to /message?sessionId=<never announced> gets no HTTP answer
        // at all (the express handler logs "No transport found" and returns without a response).
        new(PeerKind.EverythingSse, LegacySse, [.. Must("legacy.two-endpoints", V2024), .. LegacyAcceptsForeignOrigin], []),

        new(PeerKind.CSharpStreamable, Streamable,
        [
            .. AcceptsForeignOrigin, .. NullIdErrors, .. OneGetStreamOnly, .. NeverPrimes,

            // lifecycle.version-echo (hazard 12): initialize carrying `MCP-Protocol-Version:
            // 1999-01-01` gets 400 "Bad Request: The MCP-Protocol-Version header contains invalid or
            // unsupported version" instead of the initialize result; the header has no meaning
            // before a version is negotiated, and many clients send one.
            .. Must("lifecycle.version-echo", StreamableRevisions),

            // version.header-missing-default: a request without MCP-Protocol-Version in a session
            // that negotiated 2025-03-26 is handled at 2025-11-25: the batch a 2025-03-26 server
            // must accept gets 400 {"code":-32600,"message":"... batches are not supported"}.
            .. Should("version.header-missing-default", StreamableRevisions),
        ],
        [.. NoEventIds]),

        new(PeerKind.CSharpLegacySse, LegacySse, [.. LegacyAcceptsForeignOrigin], []),
    ];

    /// <summary>Servers that put no ids on a request's stream: nothing to resume.</summary>
    private static IEnumerable<ExpectedSkip> NoEventIds =>
        [.. Skip(NoEventIdsReason, "resumption"), .. Skip(NoEventIdsReason, "resume-other-stream"), .. Skip(NoEventIdsReason, "resume-other-session")];

    public static PeerExpectation For(PeerKind kind) => All.Single(e => e.Kind == kind);
}
