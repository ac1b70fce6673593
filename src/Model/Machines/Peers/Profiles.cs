namespace McpFuzz.Model.Machines.Peers;

/// <summary>A named profile: its flag, the side it applies to, what it does, and what it breaks
/// (a hazard of spec digest section 7, a rule id, or both).</summary>
/// <param name="Explored">Whether the model checker's conversations reach the deviation. The
/// 2026-07-28 subscription and input profiles are not: the model's client neither subscribes nor
/// calls a tool that needs input; <c>mcpfuzz server --embedded</c> shows them instead.</param>
public sealed record ProfileInfo(string Name, bool IsServer, uint Flag, string Breaks, string Description, bool Explored = true);

/// <summary>The documented profiles. <c>mcpfuzz check --client REV+name</c> composes them.</summary>
public static class Profiles
{
    public static IReadOnlyList<ProfileInfo> All { get; } =
    [
        Server(ServerProfile.LegacyEndpointInPost, "legacy-endpoint-in-post", "hazard 1; shttp.message-events",
            "Answers a Streamable HTTP POST with an SSE stream whose first event is the legacy `endpoint` event."),
        Server(ServerProfile.Status400ForUnknownSession, "status-400-for-unknown-session", "session.expired-404",
            "Answers a request bearing an expired or unknown session id with 400 instead of 404, so clients never re-initialize."),
        Server(ServerProfile.PrimingToOldClients, "priming-to-old-clients", "hazard 3; resume.priming-event",
            "Sends 2025-11-25 priming events (id, empty data) on sessions negotiated at an older version."),
        Server(ServerProfile.CloseBeforeResponse, "close-before-response", "hazard 4; shttp.no-close-before-response",
            "Closes a POST's SSE stream before the response (2025-11-25 polling) on every session, old ones included."),
        Server(ServerProfile.BatchAfter2025_06_18, "batch-after-2025-06-18", "hazard 17; jsonrpc.no-batch",
            "Sends JSON-RPC batches (arrays) on SSE streams of sessions negotiated at 2025-06-18 or later."),
        Server(ServerProfile.ReplayAcrossStreams, "replay-across-streams", "resume.same-stream-only",
            "On a resume with Last-Event-ID, replays messages of other streams of the session too."),
        Server(ServerProfile.No202ForNotifications, "no-202-for-notifications", "shttp.notification-202",
            "Answers accepted notifications with 200 or 204 instead of 202 Accepted."),
        Server(ServerProfile.RejectsHeaderOnInitialize, "rejects-header-on-initialize", "hazard 12; version.header-invalid-400",
            "Validates MCP-Protocol-Version on the initialize POST and answers 400 when it is not a version it would negotiate."),
        Server(ServerProfile.GetAnswers400, "get-answers-400", "shttp.get-sse-or-405",
            "Answers a GET on the MCP endpoint with 400 instead of an SSE stream or 405."),
        Server(ServerProfile.AssumesNegotiatedWhenHeaderMissing, "assumes-own-version-when-header-missing", "hazard 10; version.header-missing-default",
            "Applies its own revision, not 2025-03-26, to requests without MCP-Protocol-Version (the 2025-06-18 text as tagged)."),
        Server(ServerProfile.RequiresAuthorization, "requires-authorization", "(allowed; exercises authorization discovery)",
            "Answers MCP requests without a bearer token with 401 and its revision's challenge; metadata documents are where its revision puts them."),
        Scenario(ServerProfile.ListenWithoutAck, "listen-without-ack", "modern.listen-ack-first",
            "Starts a subscriptions/listen stream with its notifications, never sending notifications/subscriptions/acknowledged."),
        Scenario(ServerProfile.UntaggedSubscriptionNotifications, "untagged-subscription-notifications", "modern.listen-subscription-id",
            "Sends a subscription's notifications (after the acknowledgement) without the io.modelcontextprotocol/subscriptionId tag."),
        Scenario(ServerProfile.AsksUndeclaredInput, "asks-undeclared-input", "modern.mrtr-declared-capabilities",
            "Asks for elicitation in an InputRequiredResult whether or not the request declared the elicitation capability."),

        Client(ClientProfile.FirstEventIsResponse, "first-event-is-response", "hazard 1; shttp.message-events",
            "Reads only the first SSE event of a POST response and treats it as the JSON-RPC response."),
        Client(ClientProfile.EmptyDataIsJson, "empty-data-is-json", "hazard 3; resume.priming-not-message",
            "Hands every event, priming events included, to the JSON parser and fails on empty data."),
        Client(ClientProfile.NoReinitOn404, "no-reinit-on-404", "session.expired-404-reinit",
            "Reports an error on 404 for a request with a session id instead of starting a new session."),
        Client(ClientProfile.FallbackOnAny4xx, "fallback-on-any-4xx", "hazard 2; fallback.400-404-405",
            "Falls back to HTTP+SSE on any 4xx to the initialize POST, 401 and 403 included, whatever its revision."),
        Client(ClientProfile.NoFallback, "no-fallback", "fallback.any-4xx",
            "Never falls back to HTTP+SSE; a failed initialize POST is fatal."),
        Client(ClientProfile.Non405GetIsFatal, "non-405-get-is-fatal", "shttp.get-sse-or-405",
            "Treats any answer to the optional GET stream other than SSE or 405 as fatal for the session."),
        Client(ClientProfile.OmitsProtocolVersionHeader, "omits-protocol-version-header", "hazard 10; version.header-required",
            "Never sends MCP-Protocol-Version, whatever version it negotiated."),
        Client(ClientProfile.OAuthDiscoveryHeaderLeak, "oauth-discovery-header-leak", "hazard 11; version.header-negotiated",
            "Sends MCP-Protocol-Version: 2024-11-05 (the value its OAuth metadata discovery used) on MCP requests."),
        Client(ClientProfile.ResumeWithoutLastEventId, "resume-without-last-event-id", "resume.last-event-id",
            "Reconnects a broken stream with a plain GET, without Last-Event-ID."),
        Client(ClientProfile.UnboundedReconnect, "unbounded-reconnect", "resume.bounded-reconnect",
            "Keeps reconnecting a broken stream however often the reconnect fails."),
        Client(ClientProfile.HeaderOnInitialize, "header-on-initialize", "(allowed; exposes hazard 12)",
            "Sends MCP-Protocol-Version with its latest version on the initialize POST, as many clients do."),
    ];

    public static ProfileInfo? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    public static IEnumerable<ProfileInfo> Of(ServerProfile profile) => All.Where(p => p.IsServer && (profile & (ServerProfile)p.Flag) != 0);

    public static IEnumerable<ProfileInfo> Of(ClientProfile profile) => All.Where(p => !p.IsServer && (profile & (ClientProfile)p.Flag) != 0);

    public static string Names(ServerProfile profile) => string.Join("+", Of(profile).Select(p => p.Name));

    public static string Names(ClientProfile profile) => string.Join("+", Of(profile).Select(p => p.Name));

    private static ProfileInfo Server(ServerProfile flag, string name, string breaks, string description) => new(name, true, (uint)flag, breaks, description);

    private static ProfileInfo Scenario(ServerProfile flag, string name, string breaks, string description) => new(name, true, (uint)flag, breaks, description, Explored: false);

    private static ProfileInfo Client(ClientProfile flag, string name, string breaks, string description) => new(name, false, (uint)flag, breaks, description);
}
