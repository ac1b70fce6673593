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
}

/// <summary>
/// What each real client does in each scenario, as the findings `mcpfuzz client` reports: "scenario
/// rule" pairs, and the scenarios it cannot take part in. Every scenario not named passes.
/// </summary>
/// <param name="Findings">Each finding as "SCENARIO RULE".</param>
/// <param name="Skipped">Scenarios that do not apply (an HTTP+SSE-only client and a Streamable HTTP server).</param>
public sealed record ClientExpectation(ClientKind Kind, IReadOnlyList<string> Command, IReadOnlyList<string> Findings, IReadOnlyList<string> Skipped)
{
    private static readonly string[] StreamableScenarios =
        ["lifecycle", "expired-session", "priming-to-old-clients", "legacy-endpoint-in-post", "close-before-response", "old-server"];

    public static IReadOnlyList<ClientExpectation> All { get; } =
    [
        // TypeScript SDK 1.32.2, StreamableHTTPClientTransport:
        // - expired-session: a 404 for its session ends in "Error POSTing to endpoint"; it never sends a new initialize.
        // - http-sse-server: the initialize POST gets 405 and the transport has no fallback of its own.
        // It survives priming events, skips the `endpoint` event in a POST stream, and resumes a stream closed
        // before its response with GET and Last-Event-ID.
        new(ClientKind.TypeScriptStreamable, ClientCli.TypeScriptClient("streamable"),
            ["expired-session session.expired-404-reinit", "http-sse-server fallback.400-404-405"], []),

        // The same with the fallback the SDK's README shows (Streamable HTTP, then SSEClientTransport): after the
        // 404 it goes to HTTP+SSE with a GET instead of a new initialize.
        new(ClientKind.TypeScriptAuto, ClientCli.TypeScriptClient("auto"),
            ["expired-session session.expired-404-reinit"], []),

        new(ClientKind.TypeScriptSse, ClientCli.TypeScriptClient("sse"), [], StreamableScenarios),

        // C# SDK 2.3.1, HttpClientTransport (dual-era: it probes with server/discover first):
        // - expired-session: after the 404 it sends DELETE for the old session and stops; no new initialize.
        // - close-before-response: it resumes the initialize stream with Last-Event-ID but without Mcp-Session-Id
        //   (the session id came in that stream's response head), and the server cannot place the GET.
        new(ClientKind.CSharpAuto, CSharp("auto"),
            ["expired-session session.expired-404-reinit", "close-before-response session.client-sends-id"], []),

        // StreamableHttp mode, in addition: against an HTTP+SSE server the probe gets 405 and it gives up
        // without sending initialize.
        new(ClientKind.CSharpStreamable, CSharp("streamable"),
            ["expired-session session.expired-404-reinit", "close-before-response session.client-sends-id", "http-sse-server modern.dual-era-probe"], []),

        new(ClientKind.CSharpSse, CSharp("sse"), [], StreamableScenarios),

        new(ClientKind.CSharpPinned2025_06_18, CSharp("auto", "--protocol-version", "2025-06-18"),
            ["expired-session session.expired-404-reinit", "close-before-response session.client-sends-id"], []),
    ];

    public static ClientExpectation For(ClientKind kind) => All.Single(e => e.Kind == kind);

    private static IReadOnlyList<string> CSharp(params string[] arguments) => [Peers.Dotnet, ClientCli.CSharpClient, .. arguments];
}
