using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Server;

/// <summary>
/// The <c>authorization</c> scenario: a request without a token and, when it draws a 401, the
/// discovery a client of the revision makes. Which URL comes next is the discovery machine's
/// output (<see cref="LiveDiscovery"/>); this only fetches it and reads the JSON, and the model
/// judges what was found (<see cref="LiveDiscoveryJudge"/>).
/// </summary>
/// <remarks>Credentials never leave the origin the user named: discovery requests to that origin
/// carry the user's headers except Authorization (discovery is what a client without a token
/// does); requests to any other origin (an authorization server elsewhere, a resource_metadata
/// URL on another host) carry none of them.</remarks>
public static class AuthorizationScenario
{
    public const string Name = "authorization";

    // Every revision's discovery is a few requests; this bounds a walk whatever the server says.
    private const int MaxProbes = 16;

    public static ServerScenario Scenario { get; } = new(Name,
        "a request without a token, then authorization discovery in the revision's URL order",
        r => RuleCatalog.Authorization.Unauthorized401.AppliesTo(r), RunAsync);

    private static async Task RunAsync(Conversation c)
    {
        var walk = new LiveDiscovery(c.Revision, c.Url);
        var exchanges = new Dictionary<Probe, List<WireExchange>>();
        var challenge = await c.FetchAsync(Tokenless(c)).ConfigureAwait(false);
        walk.Challenged(challenge.Response?.Status, challenge.Response?.Headers.Get(HeaderNames.WwwAuthenticate));
        if (walk.End == LiveDiscoveryEnd.NotChallenged)
        {
            c.Skipped = challenge.Response is { } r
                ? $"the server answered {r.Status} to a request without a token: it requires no authorization"
                : $"no answer to the request without a token ({c.LastError})";
            await CloseAsync(c, challenge).ConfigureAwait(false);
            return;
        }

        for (int n = 0; n < MaxProbes && walk.Next.Probe != Probe.None; n++)
        {
            var next = walk.Next;
            var fetched = new List<WireExchange>();
            foreach (var url in walk.NextUrls)
                fetched.Add(await c.FetchAsync(new WireRequest("GET", url.AbsoluteUri, DiscoveryHeaders(c, url, next.ProtocolVersionHeader), [])).ConfigureAwait(false));
            exchanges[next.Probe] = fetched;
            walk.Fetched(AnswerOf(next.Probe, walk, fetched, c.LastError));
        }

        var verdict = LiveDiscoveryJudge.Judge(walk);
        foreach (var rule in verdict.Checked) c.AddChecked(rule.Id);
        foreach (var finding in verdict.Findings)
        {
            var shown = finding.Evidence is { } e ? exchanges.GetValueOrDefault(e.Probe) ?? [] : [challenge];
            c.AddFinding(finding.Rule.Id, finding.Observed, finding.Expected, shown.SelectMany(x => ExchangeLines.Of(x)).ToArray());
        }
    }

    /// <summary>The revision's first request (initialize, or server/discover for 2026-07-28) without Authorization.</summary>
    private static WireRequest Tokenless(Conversation c)
    {
        var spelling = new RequestSpelling(c.Revision, WithoutAuthorization(c.UserHeaders));
        string id = c.Spelling.NextId();
        return spelling.Modern
            ? new WireRequest("POST", c.Url.AbsoluteUri, spelling.Headers(null, "2026-07-28", post: true, "server/discover"), spelling.Discover(id))
            : new WireRequest("POST", c.Url.AbsoluteUri, spelling.Headers(null, null, post: true), spelling.Initialize(c.Revision.ToText(), id));
    }

    private static HeaderList DiscoveryHeaders(Conversation c, Uri url, bool protocolVersion)
    {
        var headers = new List<(string, string)>(SameOrigin(url, c.Url) ? WithoutAuthorization(c.UserHeaders) : []);
        headers.Add((HeaderNames.Accept, "application/json"));
        if (protocolVersion) headers.Add((HeaderNames.ProtocolVersion, c.Revision.ToText()));
        return HeaderList.Of(headers.ToArray());
    }

    private static IReadOnlyList<(string Name, string Value)> WithoutAuthorization(IReadOnlyList<(string Name, string Value)> headers) =>
        headers.Where(h => !string.Equals(h.Name, HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase)).ToArray();

    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private static LiveAnswer AnswerOf(Probe probe, LiveDiscovery walk, List<WireExchange> fetched, string? lastError)
    {
        var urls = fetched.Select(x => new Uri(x.Request.Url)).ToArray();
        var statuses = fetched.Select(x => x.Response?.Status).ToArray();
        if (fetched.Count == 0)
            return new LiveAnswer(probe, urls, statuses, null, probe == Probe.PrmFromHeader
                ? $"resource_metadata in \"{walk.Challenge}\" is not an absolute http(s) URL" : "no URL to fetch");
        if (probe == Probe.DefaultEndpoints) return new LiveAnswer(probe, urls, statuses, null, null);
        var response = fetched[0].Response;
        if (response is null) return new LiveAnswer(probe, urls, statuses, null, $"no answer ({lastError})");
        if (response.Status is >= 300 and < 400)
            return new LiveAnswer(probe, urls, statuses, null, $"{response.Status} to {response.Headers.Get("Location") ?? "(no Location)"} (redirects are not followed)");
        if (response.Status != 200) return new LiveAnswer(probe, urls, statuses, null, $"status {response.Status}");
        var doc = MetadataReader.Read(response.Body, out string? problem);
        return new LiveAnswer(probe, urls, statuses, doc, problem);
    }

    /// <summary>Ends a session the tokenless request opened on a server that needs no token.</summary>
    private static async Task CloseAsync(Conversation c, WireExchange exchange)
    {
        if (exchange.Response?.Headers.Get(HeaderNames.SessionId) is not { } session) return;
        var spelling = new RequestSpelling(c.Revision, c.UserHeaders);
        await c.FetchAsync(new WireRequest("DELETE", c.Url.AbsoluteUri, spelling.Headers(session, null, post: false), [])).ConfigureAwait(false);
    }
}
