using System.Net.Http.Headers;
using System.Text;
using McpFuzz.Driver.Reference;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Tests.Driver.Proxy;

/// <summary>The proxy between a plain HTTP client and the reference server judges the server's answers per conversation.</summary>
public sealed class ProxyJudgingTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";

    private const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    private const string ToolsList = """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""";

    private static HttpRequestMessage Post(Uri url, string json, string? session)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (session is not null)
        {
            request.Headers.Add("Mcp-Session-Id", session);
            request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        }

        return request;
    }

    private static async Task RunSessionAsync(Uri url, HttpClient client)
    {
        using var init = await client.SendAsync(Post(url, Initialize, null));
        string session = init.Headers.GetValues("Mcp-Session-Id").Single();
        await init.Content.ReadAsStringAsync();
        using var initialized = await client.SendAsync(Post(url, Initialized, session));
        using var list = await client.SendAsync(Post(url, ToolsList, session));
        Assert.Contains("\"tools\"", await list.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_conforming_server_gets_no_finding_and_its_rules_count_as_checked()
    {
        await using var server = await ReferenceServer.StartAsync(PeerRevision.V2025_11_25, ServerProfile.None, ReplyStyle.Sse);
        await using var harness = await ProxyHarness.StartAsync(server.Url);
        using var client = new HttpClient { Timeout = Limit };

        await RunSessionAsync(harness.Proxy.Url, client);
        await RunSessionAsync(harness.Proxy.Url, client);
        var report = await harness.StopAsync();

        Assert.Empty(report.Findings);
        Assert.Equal(["server: conversation 1", "server: conversation 2"], report.Scenarios.Select(s => s.Name));
        Assert.All(report.Scenarios, s => Assert.Contains("shttp.notification-202", s.RulesChecked));
        Assert.Equal(3, harness.Proxy.Judging.Conversations[0].Exchanges);
    }

    [Fact]
    public async Task A_server_that_answers_a_notification_with_200_is_reported_live_and_in_the_report()
    {
        await using var server = await ReferenceServer.StartAsync(PeerRevision.V2025_11_25, ServerProfile.No202ForNotifications, ReplyStyle.Json);
        await using var harness = await ProxyHarness.StartAsync(server.Url);
        using var client = new HttpClient { Timeout = Limit };

        await RunSessionAsync(harness.Proxy.Url, client);
        var report = await harness.StopAsync();

        Assert.Equal(["shttp.notification-202"], harness.Live.Select(f => f.RuleId).Distinct());
        var finding = Assert.Single(report.Findings);
        Assert.Equal("shttp.notification-202", finding.RuleId);
        Assert.Equal("server: conversation 1", finding.Scenario);
    }

    [Fact]
    public async Task A_session_the_proxy_did_not_see_begin_is_relayed_but_not_judged()
    {
        await using var server = await ReferenceServer.StartAsync(PeerRevision.V2025_11_25, ServerProfile.None, ReplyStyle.Json);
        await using var harness = await ProxyHarness.StartAsync(server.Url);
        using var client = new HttpClient { Timeout = Limit };

        using var response = await client.SendAsync(Post(harness.Proxy.Url, ToolsList, "never-seen"));
        var report = await harness.StopAsync();

        Assert.Empty(report.Findings);
        var scenario = Assert.Single(report.Scenarios);
        Assert.Equal("the proxy did not see this session begin", scenario.Skipped);
    }
}
