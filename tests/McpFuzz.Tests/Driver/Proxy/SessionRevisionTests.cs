using System.Net.Http.Headers;
using System.Net;
using System.Text;
using McpFuzz.Driver.Proxy;
using McpFuzz.Driver.Reference;
using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Driver.Proxy;

/// <summary>Each proxied conversation is judged by the revision it negotiated, unless one is pinned.</summary>
public sealed class SessionRevisionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private static string Initialize(string version) =>
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":""" + "\"" + version + "\"" + ""","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";

    private static HttpRequestMessage Post(Uri url, string json, string? session, string? version)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (session is not null) request.Headers.Add("Mcp-Session-Id", session);
        if (version is not null) request.Headers.Add("MCP-Protocol-Version", version);
        return request;
    }

    /// <summary>initialize at <paramref name="version"/>, initialized, tools/list with the header of the version the server answered.</summary>
    private static async Task<string> SessionAsync(Uri url, HttpClient client, string version)
    {
        using var init = await client.SendAsync(Post(url, Initialize(version), null, null));
        string session = init.Headers.GetValues("Mcp-Session-Id").Single();
        string answer = await init.Content.ReadAsStringAsync();
        string negotiated = answer.Contains("\"protocolVersion\":\"2025-06-18\"", StringComparison.Ordinal) ? "2025-06-18" : "2025-11-25";
        using var initialized = await client.SendAsync(Post(url, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", session, negotiated));
        using var list = await client.SendAsync(Post(url, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", session, negotiated));
        Assert.Contains("\"tools\"", await list.Content.ReadAsStringAsync());
        return negotiated;
    }

    private static async Task<(ProxyJudging Judging, RunReport Report, string[] Negotiated)> TwoSessionsAsync(RevisionChoice revisions)
    {
        await using var server = await ReferenceServer.StartAsync(PeerRevision.V2025_11_25, ServerProfile.None, ReplyStyle.Json);
        var judging = new ProxyJudging(revisions, ClientOracleJudges.Instance);
        string[] negotiated;
        await using (var proxy = await CheckingProxy.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), server.Url, judging, new FaultPlan([], 1), null))
        {
            using var client = new HttpClient { Timeout = Limit };
            negotiated = [await SessionAsync(proxy.Url, client, "2025-11-25"), await SessionAsync(proxy.Url, client, "2025-06-18")];
        }

        return (judging, judging.Report("test", DateTimeOffset.UtcNow, TimeSpan.Zero), negotiated);
    }

    [Fact]
    public async Task Two_sessions_negotiating_different_revisions_are_each_judged_by_their_own()
    {
        var (judging, report, negotiated) = await TwoSessionsAsync(RevisionChoice.Detect());

        Assert.Equal(["2025-11-25", "2025-06-18"], negotiated);
        Assert.Equal([Revision.V2025_11_25, Revision.V2025_06_18], judging.Conversations.Select(c => c.Revision));
        Assert.Equal(
            ["client: conversation 1 2025-11-25", "client: conversation 2 2025-06-18", "server: conversation 1 2025-11-25", "server: conversation 2 2025-06-18"],
            report.Scenarios.Select(s => $"{s.Name} {s.Revision.ToText()}").Order());
        Assert.True(report.Findings.Count() == 0, string.Join("; ", report.Findings.Select(f => $"{f.RuleId} [{f.Scenario}] {f.Observed}")));
    }

    [Fact]
    public async Task A_counteroffer_judges_the_server_by_the_version_it_answered_and_the_client_by_the_one_it_asked_for()
    {
        await using var server = await ReferenceServer.StartAsync(PeerRevision.V2025_06_18, ServerProfile.None, ReplyStyle.Json);
        var judging = new ProxyJudging(RevisionChoice.Detect(), ClientOracleJudges.Instance);
        string negotiated;
        await using (var proxy = await CheckingProxy.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), server.Url, judging, new FaultPlan([], 1), null))
        {
            using var client = new HttpClient { Timeout = Limit };
            negotiated = await SessionAsync(proxy.Url, client, "2025-11-25");
        }

        var report = judging.Report("test", DateTimeOffset.UtcNow, TimeSpan.Zero);
        Assert.Equal("2025-06-18", negotiated);
        Assert.Equal(["client: conversation 1 2025-11-25", "server: conversation 1 2025-06-18"], report.Scenarios.Select(s => $"{s.Name} {s.Revision.ToText()}").Order());
        Assert.True(report.Findings.Count() == 0, string.Join("; ", report.Findings.Select(f => $"{f.RuleId} [{f.Scenario}] {f.Observed}")));
        Assert.Contains("lifecycle.version-counteroffer", report.Scenarios.Single(s => s.Name.StartsWith("server:", StringComparison.Ordinal)).RulesChecked);
    }

    [Fact]
    public async Task A_pinned_revision_judges_every_session_by_it()
    {
        var (judging, report, _) = await TwoSessionsAsync(RevisionChoice.Pin(Revision.V2025_11_25));

        Assert.All(judging.Conversations, c => Assert.Equal(Revision.V2025_11_25, c.Revision));
        Assert.All(report.Scenarios, s => Assert.Equal(Revision.V2025_11_25, s.Revision));
    }

    [Fact]
    public void The_revision_is_read_from_the_initialize_answer_then_the_header_then_an_endpoint_event()
    {
        var initialize = new WireRequest("POST", "http://h/mcp", HeaderList.Empty, Encoding.UTF8.GetBytes(Initialize("2025-11-25")), DateTimeOffset.UtcNow);
        var sse = HeaderList.Of(("Content-Type", "text/event-stream"));
        var answered = new WireResponse(200, sse, [], [new WireSseEvent("message", null, """{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-03-26"}}""", 0, default)], null);
        Assert.Equal(Revision.V2025_03_26, SessionRevision.Of(new WireExchange(0, initialize, answered)));

        var discover = new WireRequest("POST", "http://h/mcp", HeaderList.Of(("MCP-Protocol-Version", "2026-07-28")), Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"server/discover"}"""), DateTimeOffset.UtcNow);
        Assert.Equal(Revision.V2026_07_28, SessionRevision.Of(new WireExchange(0, discover, null)));

        var get = new WireRequest("GET", "http://h/sse", HeaderList.Empty, [], DateTimeOffset.UtcNow);
        var endpoint = new WireResponse(200, sse, [], [new WireSseEvent("endpoint", null, "/messages?sessionId=1", 0, default)], null);
        Assert.Equal(Revision.V2024_11_05, SessionRevision.Of(new WireExchange(0, get, endpoint)));
        Assert.Null(SessionRevision.Of(new WireExchange(0, get, null)));
    }
}
