using McpFuzz.Interop.Fixtures;

namespace McpFuzz.Interop.Proxy;

/// <summary>
/// <c>mcpfuzz proxy</c> in front of HTTP+SSE (2024-11-05) servers, with the TypeScript SDK's
/// SSEClientTransport: each POST is judged with the answer the GET stream carried for it.
/// </summary>
public sealed class LegacySseProxyTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task The_posts_to_the_reference_2024_server_are_judged_with_their_answers_from_the_stream()
    {
        using var timeout = new CancellationTokenSource(Bound);
        await using var server = await BackgroundProcess.StartAsync(BackgroundProcess.McpFuzz("serve-reference", "--revision", "2024-11-05"), "http://", timeout.Token);
        var url = new Uri("http://" + server.Announced);

        var (client, exit, proxy, report) = await ProxyInteropTests.ThroughProxyAsync(url, [], (u, c) => TsClient.RunAsync("sse", u, c), timeout.Token);

        Assert.True(client.ExitCode == 0, client.ToString() + proxy.Stderr);
        Assert.Contains("CALLED", client.Stdout);
        Assert.True(report.Findings.ToArray() is [], string.Join("; ", report.Findings));
        Assert.Equal(0, exit);
        var side = report.Scenarios.Single(s => s.Name == "server: conversation 1 (no session)");
        Assert.Equal("2024-11-05", side.Revision);
        // Rules only an answer on the stream can be held to: the initialize answer (the reference
        // counteroffers 2024-11-05 to the client's 2025-11-25) and the message events carrying it.
        Assert.Contains("lifecycle.version-counteroffer", side.RulesChecked);
        Assert.Contains("legacy.message-events", side.RulesChecked);
        Assert.Contains("legacy.post-to-endpoint", report.Scenarios.Single(s => s.Name == "client: conversation 1 (no session)").RulesChecked);
    }

    [Fact]
    public async Task A_ts_client_falling_back_to_http_sse_is_followed_and_the_fallback_is_judged_by_the_2024_machine()
    {
        using var timeout = new CancellationTokenSource(Bound);
        await using var server = await BackgroundProcess.StartAsync(BackgroundProcess.McpFuzz("serve-reference", "--revision", "2024-11-05"), "http://", timeout.Token);
        var url = new Uri("http://" + server.Announced);

        var (client, exit, proxy, report) = await ProxyInteropTests.ThroughProxyAsync(url, [], (u, c) => TsClient.RunAsync("auto", u, c), timeout.Token);

        Assert.True(client.ExitCode == 0, client.ToString() + proxy.Stderr);
        // The client's Streamable HTTP initialize is answered 405, and it falls back to HTTP+SSE in
        // the same conversation. The client side follows the fallback (allowed on 405): no finding.
        // The server side switches to the 2024-11-05 machine at the endpoint event, but the 405
        // before it was judged by the Streamable HTTP machine, which names lifecycle.version-echo:
        // the proxy cannot know the server's transport before the fallback (docs/proxy.md).
        Assert.Equal(["client: conversation 1 2025-11-25: []", "server: conversation 1 2024-11-05: [lifecycle.version-echo]"], CsClientProxyTests.Sides(report));
        Assert.Contains("legacy.message-events", report.Scenarios.Single(s => s.Name == "server: conversation 1").RulesChecked);
        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task A_session_negotiating_2025_11_25_over_http_sse_on_server_everything_is_relayed_and_left_unjudged()
    {
        using var timeout = new CancellationTokenSource(Bound);
        await using var peer = await Peer.StartAsync(PeerKind.EverythingSse, timeout.Token);

        var (client, exit, proxy, report) = await ProxyInteropTests.ThroughProxyAsync(peer.Url, [], (u, c) => TsClient.RunAsync("sse", u, c), timeout.Token);

        Assert.True(client.ExitCode == 0, client.ToString() + proxy.Stderr);
        Assert.Contains("CALLED [{\"type\":\"text\",\"text\":\"Echo: through the proxy\"}]", client.Stdout);
        Assert.True(report.Findings.ToArray() is [], string.Join("; ", report.Findings));
        Assert.Equal(0, exit);
        Assert.All(report.Scenarios, s => Assert.Equal("an HTTP+SSE session that negotiated 2025-11-25: the model knows HTTP+SSE only as 2024-11-05", s.Skipped));
    }
}
