using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;

namespace McpFuzz.Driver.Client;

/// <summary>The scenarios of <c>mcpfuzz client</c>, each served by the reference server with an
/// existing profile.</summary>
public static class ClientScenarios
{
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
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(s => s.Name).ToArray();
}
