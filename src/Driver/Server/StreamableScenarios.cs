using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Server;

/// <summary>
/// The Streamable HTTP scenarios (2025-03-26 to 2025-11-25) about content negotiation, the
/// lifecycle inside a session, the version header, overlapping streams and resuming another
/// session's stream. Like every scenario they only send; the oracle decides what may come back,
/// including where a request that breaks a client rule may be refused instead of served.
/// </summary>
public static class StreamableScenarios
{
    /// <summary>Media types with parameters: weights in Accept, a charset on the body. Both still
    /// list application/json and text/event-stream, so a server must serve them.</summary>
    public const string WeightedAccept = "application/json;q=0.9, text/event-stream;q=0.8";

    public const string JsonWithCharset = "application/json; charset=utf-8";

    private static bool Streamable(Revision r) => Holds(Cite.SessionExpired404, r);

    private static bool WithHeader(Revision r) => Streamable(r) && Holds(Cite.HeaderInvalid400, r);

    private static bool Resumable(Revision r) => Streamable(r) && Holds(Cite.SameStreamOnly, r);

    private static bool Holds(string rule, Revision r) => RuleCatalog.Find(rule)!.AppliesTo(r);

    public static IReadOnlyList<ServerScenario> All { get; } =
    [
        new("media-types-parameterised", "initialize, initialized and a request with a weighted Accept and a charset on Content-Type", Streamable, async c =>
        {
            var init = await c.SendAsync(Relabelled(c, c.Spelling.Initialize(c.Revision.ToText(), c.Spelling.NextId()), null, null, WeightedAccept, JsonWithCharset));
            string? session = init?.Exchange.Response?.Headers.Get(HeaderNames.SessionId);
            string? version = c.Spelling.VersionHeaderAfterInitialize && init?.Exchange.Response is { } r ? Conversation.ProtocolVersionOf(r) : null;
            if (!c.Going) return;
            await c.SendAsync(Relabelled(c, RequestSpelling.Initialized(), session, version, WeightedAccept, JsonWithCharset));
            if (c.Going) await c.SendAsync(Relabelled(c, c.Spelling.Request(c.Spelling.NextId()), session, version, WeightedAccept, JsonWithCharset));
        }),
        new("accept-json-only", "a request whose Accept lists application/json but not text/event-stream", Streamable, async c =>
        {
            if (await c.OpenSessionAsync())
                await c.SendAsync(Relabelled(c, c.Spelling.Request(c.Spelling.NextId()), c.Session, c.VersionHeader, MediaType.Json, MediaType.Json));
        }),
        new("content-type-text", "a request whose JSON body is labelled text/plain", Streamable, async c =>
        {
            if (await c.OpenSessionAsync())
                await c.SendAsync(Relabelled(c, c.Spelling.Request(c.Spelling.NextId()), c.Session, c.VersionHeader, RequestSpelling.Accept, "text/plain"));
        }),
        new("reinitialize", "initialize again inside an initialized session, then a request", Streamable, async c =>
        {
            if (!await c.OpenSessionAsync()) return;
            if (c.Session is null)
            {
                c.Skipped = "the server assigns no session";
                return;
            }

            await c.InitializeAsync(session: c.Session);
            await c.RequestAsync(c.Session, c.VersionHeader);
        }),
        new("request-before-initialized", "a request between the initialize response and notifications/initialized", Streamable, async c =>
        {
            await c.InitializeAsync();
            await c.RequestAsync(c.Session, c.VersionHeader);
            await c.InitializedAsync();
            await c.RequestAsync(c.Session, c.VersionHeader);
        }),
        new("version-header-missing", "a request and a batch without MCP-Protocol-Version", WithHeader, async c =>
        {
            if (!await c.OpenSessionAsync()) return;
            await c.RequestAsync(c.Session, null);
            await c.PostAsync(RequestSpelling.Batch(c.Spelling.NextId()), c.Session, null);
        }),
        new("version-header-mismatch", "a request whose MCP-Protocol-Version is supported but not the negotiated one", WithHeader, async c =>
        {
            if (await c.OpenSessionAsync()) await c.RequestAsync(c.Session, OtherVersion(c));
        }),
        new("get-concurrent", "while a GET stream is open: a request, then a second GET", Streamable, async c =>
        {
            if (!await c.OpenSessionAsync()) return;
            var headers = c.Spelling.Headers(c.Session, c.VersionHeader, post: false);
            var first = c.ExchangeAsync(new WireRequest("GET", c.Url.AbsoluteUri, headers, []), listen: true);

            // The probe has no signal for "the stream is open"; a quarter of the listening window
            // lets the server see the first GET before the others (an ordering, not a measurement).
            await Task.Delay(c.Limits.Listen / 4);
            var ping = await c.ExchangeAsync(new WireRequest("POST", c.Url.AbsoluteUri, c.Spelling.Headers(c.Session, c.VersionHeader, post: true), c.Spelling.Request(c.Spelling.NextId())));
            var second = await c.ExchangeAsync(new WireRequest("GET", c.Url.AbsoluteUri, headers, []), listen: true);
            c.JudgeAndRecord(await first);
            c.JudgeAndRecord(ping);
            c.JudgeAndRecord(second);
        }),
        new("resume-other-session", "resume a new session's stream with an event id of an earlier session", Resumable, async c =>
        {
            if (!await c.OpenSessionAsync()) return;
            var answered = await c.RequestAsync(c.Session, c.VersionHeader);
            string? earlier = answered?.Exchange.Response?.Events.LastOrDefault(e => !string.IsNullOrEmpty(e.Id))?.Id;
            if (!c.Going) return;
            if (earlier is null)
            {
                c.Skipped = "the server put no event ids on the request's stream";
                return;
            }

            if (!await c.OpenSessionAsync()) return;
            if (c.Session is null) c.Skipped = "the server assigns no session";
            else await c.GetAsync(lastEventId: earlier);
        }),
    ];

    /// <summary>The conversation's request with its media-type headers replaced.</summary>
    private static WireRequest Relabelled(Conversation c, byte[] body, string? session, string? versionHeader, string accept, string contentType)
    {
        var headers = c.Spelling.Headers(session, versionHeader, post: true)
            .With(HeaderNames.Accept, accept)
            .With(HeaderNames.ContentType, contentType);
        return new WireRequest("POST", c.Url.AbsoluteUri, headers, body);
    }

    /// <summary>A version the server speaks that the session did not negotiate: its newest, or
    /// 2025-03-26 when that is what was negotiated.</summary>
    private static string OtherVersion(Conversation c)
    {
        var newest = c.Judge.Oracle.Peer.LatestLegacy() ?? Revision.V2025_11_25;
        string other = newest.ToText();
        return other == c.Negotiated ? Revision.V2025_03_26.ToText() : other;
    }
}
