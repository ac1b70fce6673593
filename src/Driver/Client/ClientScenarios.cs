using McpFuzz.Model.Machines.Peers;
using McpFuzz.Driver.Reference;
using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Machines.Rules;

namespace McpFuzz.Driver.Client;

/// <summary>The scenarios of <c>mcpfuzz client</c>, each served by the reference server with an
/// existing profile.</summary>
public static class ClientScenarios
{
    /// <summary>reconnect-bounds: GET streams served before the 405s (more than the oracle's limit of
    /// 10 reconnects, so an unbounded client shows), the retry sent on each, and how long the tool call takes.</summary>
    private const int ReconnectServe = 15;
    private const int ReconnectRetryMs = 250;
    private const int ReconnectHoldMs = 6000;

    public static IReadOnlyList<ClientScenario> All { get; } =
    [
        new("lifecycle", PeerRevision.V2025_11_25, ServerProfile.None, Cite.InitializedNotification,
            "A conforming 2025-11-25 server: initialize, initialized, the session id and the version header on every request."),
        new("expired-session", PeerRevision.V2025_11_25, ServerProfile.None, Cite.SessionReinit,
            "The session expires at the client's first request after the handshake: 404, and the client starts a new session.", ExpireAt: 1),
        new("priming-to-old-clients", PeerRevision.V2025_06_18, ServerProfile.PrimingToOldClients, Cite.PrimingNotMessage,
            "A 2025-06-18 server that opens every SSE response with a priming event (an id and empty data)."),
        new("legacy-endpoint-in-post", PeerRevision.V2025_11_25, ServerProfile.LegacyEndpointInPost, Cite.MessageEvents,
            "The motivating case: the POST response stream starts with the HTTP+SSE `endpoint` event."),
        new("close-before-response", PeerRevision.V2025_11_25, ServerProfile.CloseBeforeResponse, Cite.LastEventId,
            "The server closes each POST stream after the priming event, before the response: the client resumes with Last-Event-ID."),
        new("old-server", PeerRevision.V2025_03_26, ServerProfile.None, null,
            "A 2025-03-26-only server: it answers a newer initialize with 2025-03-26 (no version header after that)."),
        new("http-sse-server", PeerRevision.V2024_11_05, ServerProfile.None, null,
            "An HTTP+SSE (2024-11-05) server: the initialize POST fails, and the client falls back only on the statuses its revision allows."),

        // SSE framings that WHATWG allows and careless parsers get wrong; the events are those of the lifecycle scenario.
        new("sse-comments", PeerRevision.V2025_11_25, ServerProfile.None, Cite.SseClientComments,
            "Every event stream opens with a comment line and has a comment line before each event.", Framing: WireFraming.Comments),
        new("cr-line-endings", PeerRevision.V2025_11_25, ServerProfile.None, Cite.SseClientLineEndings,
            "Every line of every event stream ends with a lone CR.", Framing: WireFraming.CrLineEndings),
        new("multi-line-data", PeerRevision.V2025_11_25, ServerProfile.None, Cite.SseClientMultiLineData,
            "Each JSON-RPC message is indented JSON over several `data:` lines of one event.", Framing: WireFraming.MultiLine),
        new("split-writes", PeerRevision.V2025_11_25, ServerProfile.None, Cite.SseClientSplitEvents,
            "Every event stream goes out in 7-byte writes, each flushed on its own, so events arrive over several TCP segments.", Framing: WireFraming.SplitWrites),
        new("reconnect-bounds", PeerRevision.V2025_11_25, ServerProfile.None, null,
            $"The server closes every GET stream at once after `retry: {ReconnectRetryMs}` (405 after {ReconnectServe} streams) while a tool call takes {ReconnectHoldMs / 1000} s: the client's reconnects are counted.",
            ClosedGets: new ClosedGetStreams(ReconnectServe, ReconnectRetryMs), HoldToolCallMs: ReconnectHoldMs),
        new("auth-discovery", PeerRevision.V2025_11_25, ServerProfile.RequiresAuthorization, null,
            "A protected 2025-11-25 server (401 naming its protected resource metadata, which names a separate issuer): the client's discovery requests are judged in order for its revision. A client that does not try to authorize is not judged."),
        new("auth-prm-fallback", PeerRevision.V2025_11_25, ServerProfile.RequiresAuthorization, null,
            "A protected server whose 401 names no resource metadata and whose protected resource metadata is only at the root well-known URL: a 2025-11-25 client tries the path form, then the root.",
            Authorization: new Deployment(DeploymentFlags.PrmAtRoot | DeploymentFlags.OAuthPathInserted | DeploymentFlags.PkceAdvertised | DeploymentFlags.IssuerMatches)),
        new("auth-oidc-issuer", PeerRevision.V2025_11_25, ServerProfile.RequiresAuthorization, null,
            "A protected server whose authorization server has an issuer with a path and publishes only OpenID Connect metadata (path inserted): a 2025-11-25 client tries RFC 8414 first, then OpenID Connect.",
            Authorization: new Deployment(DeploymentFlags.ResourceMetadataInChallenge | DeploymentFlags.PrmAtPath | DeploymentFlags.IssuerHasPath
                | DeploymentFlags.OidcPathInserted | DeploymentFlags.PkceAdvertised | DeploymentFlags.IssuerMatches)),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(s => s.Name).ToArray();
}
