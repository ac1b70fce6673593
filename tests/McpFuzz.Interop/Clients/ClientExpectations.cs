using McpFuzz.Interop.Fixtures;
namespace McpFuzz.Interop.Clients;

/// <summary>The real clients <c>mcpfuzz client</c> is run against.</summary>
public enum ClientKind
{
    TypeScriptStreamable,
    TypeScriptAuto,
    TypeScriptSse,
    CSharpAuto,
    CSharpStreamable,
    CSharpSse,
    CSharpPinned2025_06_18,
    TypeScriptAuth,
    CSharpAuth,
}

/// <summary>
/// What each real client does in each scenario, as the findings `mcpfuzz client` reports: "scenario
/// rule" pairs, and the scenarios it cannot take part in. Every scenario not named passes.
/// </summary>
/// <param name="Findings">Each finding as "SCENARIO RULE".</param>
/// <param name="Skipped">Scenarios that do not apply (an HTTP+SSE-only client and a Streamable HTTP server).</param>
/// <param name="Scenarios">The scenarios run (all when empty).</param>
public sealed record ClientExpectation(ClientKind Kind, IReadOnlyList<string> Command, IReadOnlyList<string> Findings, IReadOnlyList<string> Skipped,
    IReadOnlyList<string>? Scenarios = null)
{
    /// <summary>The protected-server scenarios: a client without an authorization setup does not try, and is not judged there.</summary>
    private static readonly string[] AuthScenarios = ["auth-discovery", "auth-prm-fallback", "auth-oidc-issuer"];

    private static readonly string[] StreamableScenarios =
        ["lifecycle", "expired-session", "priming-to-old-clients", "legacy-endpoint-in-post", "close-before-response", "old-server",
         "sse-comments", "cr-line-endings", "multi-line-data", "split-writes", "reconnect-bounds", .. AuthScenarios];

    /// <summary>The TypeScript SDK's findings in the framing and reconnect scenarios (both modes).</summary>
    private static readonly string[] TypeScriptFraming =
        ["cr-line-endings sse.client-line-endings", "cr-line-endings version.header-required", "reconnect-bounds resume.bounded-reconnect"];

    /// <summary>The C# SDK's findings in reconnect-bounds at 2025-11-25.</summary>
    private static readonly string[] CSharpReconnects = ["reconnect-bounds resume.bounded-reconnect", "reconnect-bounds resume.client-waits-retry"];

    public static IReadOnlyList<ClientExpectation> All { get; } =
    [
        // TypeScript SDK 1.32.2, StreamableHTTPClientTransport:
        // - expired-session: a 404 for its session ends in "Error POSTing to endpoint"; it never sends a new initialize.
        // - http-sse-server: the initialize POST gets 405 and the transport has no fallback of its own.
        // - cr-line-endings: the event that ends the stream with a lone CR is never dispatched (its parser waits for a
        //   possible LF that never comes), so the initialize result is lost; it resumes with GET and Last-Event-ID
        //   (without MCP-Protocol-Version: it never learnt the version) and hangs.
        // - reconnect-bounds: each GET stream that ends cleanly restarts its retry count, so it reconnects every
        //   `retry` ms until the server answers 405 (15 reconnects here); it does wait the retry.
        // It survives priming events, comments, multi-line data and events split over many writes, skips the
        // `endpoint` event in a POST stream, and resumes a stream closed before its response with GET and Last-Event-ID.
        new(ClientKind.TypeScriptStreamable, ClientCli.TypeScriptClient("streamable"),
            ["expired-session session.expired-404-reinit", "http-sse-server fallback.400-404-405", .. TypeScriptFraming], AuthScenarios),

        // The same with the fallback the SDK's README shows (Streamable HTTP, then SSEClientTransport): after the
        // 404 it goes to HTTP+SSE with a GET instead of a new initialize.
        // Against a protected server (no OAuth provider given) it takes the 401 for an old server and GETs for HTTP+SSE,
        // which 2025-11-25 allows only after 400, 404 or 405.
        new(ClientKind.TypeScriptAuto, ClientCli.TypeScriptClient("auto"),
            ["expired-session session.expired-404-reinit", .. TypeScriptFraming, .. AuthScenarios.Select(s => s + " fallback.400-404-405")], []),

        new(ClientKind.TypeScriptSse, ClientCli.TypeScriptClient("sse"), [], StreamableScenarios),

        // C# SDK 2.3.1, HttpClientTransport (dual-era: it probes with server/discover first):
        // - expired-session: after the 404 it sends DELETE for the old session and stops; no new initialize.
        // - close-before-response: it resumes the initialize stream with Last-Event-ID but without Mcp-Session-Id
        //   (the session id came in that stream's response head), and the server cannot place the GET.
        // - reconnect-bounds: it reconnects a closed GET stream (retry honoured while streams open), and answers the
        //   405 that follows with another GET at once, in a loop: dozens of reconnects, most within the retry.
        // - auth scenarios (no OAuth options): the probe gets 401 and it GETs for HTTP+SSE, which the modern era allows only
        //   after 400, 404 or 405.
        new(ClientKind.CSharpAuto, CSharp("auto"),
            ["expired-session session.expired-404-reinit", "close-before-response session.client-sends-id", .. CSharpReconnects,
             .. AuthScenarios.Select(s => s + " fallback.not-modern-error")], []),

        // StreamableHttp mode, in addition: against an HTTP+SSE server the probe gets 405 and it gives up
        // without sending initialize.
        new(ClientKind.CSharpStreamable, CSharp("streamable"),
            ["expired-session session.expired-404-reinit", "close-before-response session.client-sends-id", "http-sse-server modern.dual-era-probe", .. CSharpReconnects], AuthScenarios),

        new(ClientKind.CSharpSse, CSharp("sse"), [], StreamableScenarios),

        // Pinned to 2025-06-18, which has no retry rule for clients: only the unbounded reconnects are a finding. Without
        // OAuth options it answers a 401 to initialize by falling back to HTTP+SSE (2025-06-18: any 4xx but 401).
        new(ClientKind.CSharpPinned2025_06_18, CSharp("auto", "--protocol-version", "2025-06-18"),
            ["expired-session session.expired-404-reinit", "close-before-response session.client-sends-id", "reconnect-bounds resume.bounded-reconnect",
             .. AuthScenarios.Select(s => s + " fallback.any-4xx")], []),
        // With an OAuth provider that records the authorization URL instead of opening a browser. Both SDKs follow the
        // 2025-11-25 order: the resource_metadata of the 401, else the PRM path form then the root; RFC 8414 then
        // OpenID Connect for an issuer with a path; then registration. The root PRM names the origin as its resource
        // (RFC 9728 §3.3): the C# SDK refuses a root document that names the MCP endpoint instead.
        new(ClientKind.TypeScriptAuth, [.. ClientCli.TypeScriptClient("streamable"), "--auth"], [], [], AuthScenarios),
        new(ClientKind.CSharpAuth, CSharp("auto", "--auth"), [], [], AuthScenarios),
    ];

    public static ClientExpectation For(ClientKind kind) => All.Single(e => e.Kind == kind);

    private static IReadOnlyList<string> CSharp(params string[] arguments) => [Peers.Dotnet, ClientCli.CSharpClient, .. arguments];
}
