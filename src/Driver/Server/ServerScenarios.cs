using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Server;

/// <summary>
/// The scenarios of <c>mcpfuzz server</c>. Each is a client of the revision doing something the
/// spec gives the server a rule for; none decides what the answer must be (the oracle does).
/// </summary>
public static class ServerScenarios
{
    /// <summary>An Origin no server should trust: a name that can never resolve (RFC 6761).</summary>
    public const string ForeignOrigin = "http://rebinding.invalid";

    public const string UnknownSession = "mcpfuzz-never-assigned";

    /// <summary>Streamable HTTP with sessions: where session.expired-404 holds.</summary>
    private static bool Streamable(Revision r) => Holds(Cite.SessionExpired404, r);

    private static bool WithHeader(Revision r) => Streamable(r) && Holds(Cite.HeaderInvalid400, r);

    /// <summary>HTTP+SSE is the transport of 2024-11-05 only; later revisions replaced it.</summary>
    private static bool Legacy(Revision r) => r == Revision.V2024_11_05;

    private static bool Modern(Revision r) => r.Era() == Era.Modern;

    private static bool Holds(string rule, Revision r) => RuleCatalog.Find(rule)!.AppliesTo(r);

    public static IReadOnlyList<ServerScenario> All { get; } =
    [
        new("lifecycle", "initialize, notifications/initialized, one request", Streamable, async c =>
        {
            if (await c.OpenSessionAsync()) await c.RequestAsync(c.Session, c.VersionHeader);
        }),
        new("version-counteroffer", "initialize asking for a version no revision has", Streamable,
            c => c.InitializeAsync(RequestSpelling.UnsupportedVersion)),
        new("session-required", "a request without Mcp-Session-Id", Streamable, async c =>
        {
            if (!await c.OpenSessionAsync()) return;
            if (c.Session is null) c.Skipped = "the server assigns no session";
            else await c.RequestAsync(null, c.VersionHeader);
        }),
        new("session-unknown", "a request with a session id the server never assigned", Streamable, async c =>
        {
            if (!await c.OpenSessionAsync()) return;
            if (c.Session is null) c.Skipped = "the server assigns no session";
            else await c.RequestAsync(UnknownSession, c.VersionHeader);
        }),
        new("session-delete", "DELETE the session, then use it", Streamable, async c =>
        {
            if (!await c.OpenSessionAsync()) return;
            if (c.Session is null)
            {
                c.Skipped = "the server assigns no session";
                return;
            }

            var deleted = await c.DeleteAsync();
            if (deleted?.Exchange.Response is { Status: >= 200 and < 300 }) await c.RequestAsync(c.Session, c.VersionHeader);
        }),
        new("get-stream", "GET the MCP endpoint for the server's stream", Streamable, async c =>
        {
            if (await c.OpenSessionAsync()) await c.GetAsync();
        }),
        new("protocol-version-header", "a request whose MCP-Protocol-Version names no revision", WithHeader, async c =>
        {
            if (await c.OpenSessionAsync()) await c.RequestAsync(c.Session, RequestSpelling.UnsupportedVersion);
        }),
        new("resumption", "break a request's stream and resume it with Last-Event-ID", Streamable, async c =>
        {
            if (!await c.OpenSessionAsync()) return;
            var answered = await c.RequestAsync(c.Session, c.VersionHeader);
            string? first = FirstResumableId(c, answered);
            if (!c.Going) return;
            if (first is null) c.Skipped = "the server put no event ids on the request's stream";
            else await c.GetAsync(lastEventId: first);
        }),
        new("batch", "a JSON-RPC batch of a request and a notification", Streamable, async c =>
        {
            if (await c.OpenSessionAsync()) await c.PostAsync(RequestSpelling.Batch(c.Spelling.NextId()), c.Session, c.VersionHeader);
        }),
        new("origin", "initialize from a foreign Origin (DNS rebinding)", r => !Legacy(r), async c =>
        {
            if (Modern(c.Revision)) await c.PostAsync(c.Spelling.Discover(c.Spelling.NextId()), null, "2026-07-28", "server/discover", ForeignOrigin);
            else await c.InitializeAsync(origin: ForeignOrigin);
        }),
        new("concurrent-requests", "three requests in flight at once, each on its own POST", r => !Legacy(r), async c =>
        {
            if (Modern(c.Revision)) await c.RequestsTogetherAsync(3, null, null);
            else if (await c.OpenSessionAsync()) await c.RequestsTogetherAsync(3, c.Session, c.VersionHeader);
        }),
        new("origin-rebinding", "initialize as a DNS-rebinding page sends it: Host and Origin both name the foreign site", r => !Legacy(r), async c =>
        {
            // The page's name resolves to the server, so the browser sends that name in Host as well
            // as in Origin; a server that only compares the two lets it through.
            string id = c.Spelling.NextId();
            var (body, version, method) = Modern(c.Revision)
                ? (c.Spelling.Discover(id), "2026-07-28", "server/discover")
                : (c.Spelling.Initialize(c.Revision.ToText(), id), (string?)null, (string?)null);
            var headers = c.Spelling.Headers(null, version, post: true, method, origin: ForeignOrigin + ":" + c.Url.Port)
                .With("Host", new Uri(ForeignOrigin).Host + ":" + c.Url.Port);
            await c.SendAsync(new WireRequest("POST", c.Url.AbsoluteUri, headers, body));
        }),
        new("origin-own", "initialize from the server's own Origin, which must be served", r => !Legacy(r), async c =>
        {
            string own = c.Url.GetLeftPart(UriPartial.Authority);
            if (Modern(c.Revision)) await c.PostAsync(c.Spelling.Discover(c.Spelling.NextId()), null, "2026-07-28", "server/discover", own);
            else await c.InitializeAsync(origin: own);
        }),
        new("legacy-stream", "HTTP+SSE: GET the stream, POST initialize, initialized and a request to its endpoint", Legacy, async c =>
        {
            await using var stream = await LegacyStream.OpenAsync(c);
            if (stream is null) return;
            string id = c.Spelling.NextId();
            await stream.PostAsync(c.Spelling.Initialize(c.Revision.ToText(), id), request: true);
            await stream.PostAsync(RequestSpelling.Initialized(), request: false);
            await stream.PostAsync(c.Spelling.Request(c.Spelling.NextId()), request: true);
        }),
        new("legacy-origin", "HTTP+SSE: GET the stream from a foreign Origin (DNS rebinding)", Legacy, async c =>
        {
            var request = new WireRequest("GET", c.Url.AbsoluteUri, c.Spelling.Headers(null, null, post: false, origin: ForeignOrigin), []);
            await c.SendAsync(request, listen: true);
        }),
        new("legacy-unknown-session", "HTTP+SSE: POST to an endpoint URI for a stream that does not exist", Legacy, async c =>
        {
            await using var stream = await LegacyStream.OpenAsync(c);
            if (stream is null) return;
            string id = c.Spelling.NextId();
            await stream.PostUnboundAsync(c.Spelling.Initialize(c.Revision.ToText(), id));
        }),
        new("discover", "server/discover with the request metadata", Modern,
            c => c.PostAsync(c.Spelling.Discover(c.Spelling.NextId()), null, "2026-07-28", "server/discover")),
        new("modern-request", "an ordinary request with the request metadata", Modern,
            c => c.PostAsync(c.Spelling.Request(c.Spelling.NextId()), null, "2026-07-28", c.Spelling.RequestMethod)),
        new("header-mismatch", "a request without the Mcp-Method header", Modern,
            c => c.PostAsync(c.Spelling.Request(c.Spelling.NextId()), null, "2026-07-28")),
        new("unsupported-version", "a request for a version no revision has, in header and _meta", Modern,
            c => c.PostAsync(c.Spelling.Request(c.Spelling.NextId(), RequestSpelling.UnsupportedVersion), null, RequestSpelling.UnsupportedVersion, c.Spelling.RequestMethod)),
        new("initialize-removed", "initialize, which 2026-07-28 no longer has", Modern,
            c => c.PostAsync(c.Spelling.Initialize("2026-07-28", c.Spelling.NextId()), null, "2026-07-28", "initialize")),
        new("modern-get", "GET the MCP endpoint of a stateless server", Modern, async c =>
        {
            await c.GetAsync();
        }),
        new("listen", "subscriptions/listen for tools list changes, read for the listening window, then closed", Modern,
            ModernConversations.ListenAsync),
        new("mrtr", "tools/call of a listed tool declaring elicitation; if input is required, answer it and retry", Modern,
            c => ModernConversations.CallToolAsync(c, ModernConversations.ElicitationCapability, retry: true)),
        new("missing-capability", "tools/call of a listed tool declaring no client capabilities", Modern,
            c => ModernConversations.CallToolAsync(c, "{}", retry: false)),
        AuthorizationScenario.Scenario,
        new("resume-other-stream", "open the GET stream, then resume a request's stream: only that stream is replayed", Streamable, async c =>
        {
            if (!await c.OpenSessionAsync()) return;
            var answered = await c.RequestAsync(c.Session, c.VersionHeader);
            string? first = FirstResumableId(c, answered);
            if (!c.Going) return;
            if (first is null)
            {
                c.Skipped = "the server put no event ids on the request's stream";
                return;
            }

            var listened = await c.GetAsync();
            if (!c.Going) return;
            if (listened?.Exchange.Response is not { IsEventStream: true }) c.Skipped = "the server offers no GET stream";
            else await c.GetAsync(lastEventId: first);
        }),
        new("header-on-initialize", "initialize carrying MCP-Protocol-Version with a version the server does not speak, as many clients send", Streamable,
            c => c.PostAsync(c.Spelling.Initialize(c.Revision.ToText(), c.Spelling.NextId()), null, RequestSpelling.UnsupportedVersion)),
        new("old-client-without-header", "a 2025-03-26 client: negotiates 2025-03-26, then sends a batch without MCP-Protocol-Version", WithHeader, async c =>
        {
            const string Old = "2025-03-26";
            await c.InitializeAsync(Old);
            if (c.Negotiated != Old)
            {
                if (c.Going) c.Skipped = $"the server did not negotiate {Old}";
                return;
            }

            await c.PostAsync(RequestSpelling.Initialized(), c.Session, null);
            // A batch, not a plain request: only 2025-03-26 accepts it, so the answer shows which
            // version the server applied (a plain request's answer may look alike at both).
            await c.PostAsync(RequestSpelling.Batch(c.Spelling.NextId()), c.Session, null);
        }),
        .. StreamableScenarios.All,
    ];

    /// <summary>The first event id of an answer that the conforming server would also have sent
    /// (an id on an event it would not send, such as a priming event on an older session, is not
    /// one the oracle can follow a resumption from).</summary>
    private static string? FirstResumableId(Conversation c, JudgedExchange? answered) =>
        answered?.Exchange.Response?.Events.Select(e => e.Id).OfType<string>()
            .FirstOrDefault(id => c.Judge.Oracle.KnowsEvent(c.Judge.Abstraction.Events.Find(id)));

    public static IReadOnlyList<string> Names => All.Select(s => s.Name).ToArray();
}
