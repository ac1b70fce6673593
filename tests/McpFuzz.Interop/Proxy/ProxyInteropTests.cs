using McpFuzz.Interop.Fixtures;
using McpFuzz.Interop.ServerRun;

namespace McpFuzz.Interop.Proxy;

/// <summary>
/// <c>mcpfuzz proxy</c> between a real client (the TypeScript SDK's StreamableHTTPClientTransport)
/// and a real server, run as a user runs it: the client's calls go through and succeed, and the
/// report names exactly the rules the server broke on the way.
/// </summary>
public sealed class ProxyInteropTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);

    private static Task<(ClientRun Client, int ProxyExit, BackgroundProcess Proxy, ServerReport Report)> ThroughProxyAsync(Uri upstream, string[] extra, CancellationToken cancel) =>
        ThroughProxyAsync(upstream, extra, TsClient.RunAsync, cancel);

    /// <summary>Starts the proxy in front of <paramref name="upstream"/>, runs <paramref name="client"/> against it, stops it as Ctrl+C does and reads its report.</summary>
    internal static async Task<(ClientRun Client, int ProxyExit, BackgroundProcess Proxy, ServerReport Report)> ThroughProxyAsync(
        Uri upstream, string[] extra, Func<Uri, CancellationToken, Task<ClientRun>> client, CancellationToken cancel)
    {
        var report = Path.Combine(Path.GetTempPath(), $"mcpfuzz-proxy-{Guid.NewGuid():N}.json");
        await using var proxy = await BackgroundProcess.StartAsync(
            BackgroundProcess.McpFuzz(["proxy", "--listen", "127.0.0.1:0", "--upstream", upstream.AbsoluteUri, "--report", "json:" + report, .. extra]), "LISTENING ", cancel);
        try
        {
            var run = await client(new Uri(proxy.Announced), cancel);
            int exit = await proxy.StopAsync();
            Assert.True(File.Exists(report), $"the proxy wrote no report (exit {exit}){Environment.NewLine}{proxy.Stderr}");
            return (run, exit, proxy, ServerReport.Parse(await File.ReadAllTextAsync(report, cancel)));
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task The_ts_client_talks_to_server_everything_through_the_proxy_which_finds_nothing_wrong()
    {
        using var timeout = new CancellationTokenSource(Bound);
        await using var peer = await Peer.StartAsync(PeerKind.EverythingStreamable, timeout.Token);

        var (client, exit, proxy, report) = await ThroughProxyAsync(peer.Url, [], timeout.Token);

        Assert.True(client.ExitCode == 0, client.ToString());
        Assert.Contains("CALLED [{\"type\":\"text\",\"text\":\"Echo: through the proxy\"}]", client.Stdout);
        Assert.True(report.Findings.ToArray() is [], string.Join("; ", report.Findings));
        Assert.Equal(0, exit);
        // Both sides are judged: the server by the server model, the client by the client model.
        Assert.Equal(["client: conversation 1", "server: conversation 1"], report.Scenarios.Select(s => s.Name).Order());
        var server = report.Scenarios.Single(s => s.Name == "server: conversation 1");
        Assert.Contains("shttp.notification-202", server.RulesChecked);
        Assert.Contains("shttp.sse-carries-response", server.RulesChecked);
        Assert.Contains("lifecycle.initialized-notification", report.Scenarios.Single(s => s.Name == "client: conversation 1").RulesChecked);
    }

    [Fact]
    public async Task A_cut_initialize_stream_is_resumed_by_the_ts_client_and_the_reference_server_is_not_blamed()
    {
        using var timeout = new CancellationTokenSource(Bound);
        await using var server = await BackgroundProcess.StartAsync(BackgroundProcess.McpFuzz("serve-reference", "--reply", "sse"), "http://", timeout.Token);
        var url = new Uri("http://" + server.Announced);

        var (client, exit, proxy, report) = await ThroughProxyAsync(url, ["--fault", "abort-stream:p=1,max=1", "--seed", "1"], timeout.Token);

        Assert.True(client.ExitCode == 0, client.ToString() + proxy.Stderr);
        Assert.Contains("TOOLS confirm", client.Stdout);
        Assert.Contains("seed 1", proxy.Stderr);
        Assert.Contains("fault abort-stream: exchange 0 (POST) cut at byte", proxy.Stderr);
        Assert.True(report.Findings.ToArray() is [], string.Join("; ", report.Findings));
        Assert.Equal(0, exit);
        Assert.Contains("resume.priming-event", report.Scenarios.Single(s => s.Name.StartsWith("server:", StringComparison.Ordinal)).RulesChecked);
    }

    [Fact]
    public async Task After_an_injected_session_expiry_the_ts_client_does_not_initialize_again_and_the_client_side_names_it()
    {
        using var timeout = new CancellationTokenSource(Bound);
        await using var server = await BackgroundProcess.StartAsync(BackgroundProcess.McpFuzz("serve-reference", "--reply", "sse"), "http://", timeout.Token);
        var url = new Uri("http://" + server.Announced);

        var (client, exit, proxy, report) = await ThroughProxyAsync(url, ["--fault", "expire-session:after=3", "--seed", "1"], timeout.Token);

        // initialize, initialized and tools/list pass; the call is answered 404 by the proxy, and the
        // client reports the error instead of starting a new session.
        Assert.Equal(1, client.ExitCode);
        Assert.Contains("TOOLS confirm", client.Stdout);
        Assert.Contains("fault expire-session: exchange", proxy.Stderr);
        Assert.Equal(["client: conversation 1 2025-11-25: [session.expired-404-reinit]", "server: conversation 1 2025-11-25: []"], CsClientProxyTests.Sides(report));
        Assert.Contains("finding MUST session.expired-404-reinit [client: conversation 1]", proxy.Stdout);
        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task A_server_answering_notifications_with_200_is_named_live_and_in_the_report_while_the_client_carries_on()
    {
        using var timeout = new CancellationTokenSource(Bound);
        await using var server = await BackgroundProcess.StartAsync(
            BackgroundProcess.McpFuzz("serve-reference", "--reply", "sse", "--profile", "no-202-for-notifications"), "http://", timeout.Token);
        var url = new Uri("http://" + server.Announced);

        var (client, exit, proxy, report) = await ThroughProxyAsync(url, [], timeout.Token);

        Assert.Equal(1, exit);
        Assert.Contains("finding MUST shttp.notification-202 [server: conversation 1]", proxy.Stdout);
        Assert.Equal(["shttp.notification-202"], report.Findings.Select(f => f.Rule).Distinct());
        Assert.True(client.ExitCode == 0, client.ToString());
    }
}
