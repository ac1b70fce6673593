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
            string? first = answered?.Exchange.Response?.Events.FirstOrDefault(e => e.Id is not null)?.Id;
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
        new("legacy-stream", "HTTP+SSE: GET the stream, POST initialize, initialized and a request to its endpoint", Legacy, async c =>
        {
            await using var stream = await LegacyStream.OpenAsync(c);
            if (stream is null) return;
            string id = c.Spelling.NextId();
            await stream.PostAsync(c.Spelling.Initialize(c.Revision.ToText(), id), request: true);
            await stream.PostAsync(RequestSpelling.Initialized(), request: false);
            await stream.PostAsync(c.Spelling.Request(c.Spelling.NextId()), request: true);
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
        .. StreamableScenarios.All,
    ];

    public static IReadOnlyList<string> Names => All.Select(s => s.Name).ToArray();
}
