using McpFuzz.Interop.Fixtures;

namespace McpFuzz.Interop.Proxy;

/// <summary>
/// <c>mcpfuzz proxy</c> between the C# SDK client (ModelContextProtocol 2.3.1, HttpClientTransport)
/// and real servers: the calls go through, and each side's findings are named by rule.
/// </summary>
public sealed class CsClientProxyTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);

    /// <summary>Each scenario of the report with the rules it found, e.g. "server: conversation 2 2025-11-25: []".</summary>
    internal static string[] Sides(ServerRun.ServerReport report) =>
        report.Scenarios.Select(s => $"{s.Name} {s.Revision}: [{string.Join(",", s.Findings.Select(f => f.Rule).Distinct().Order())}]").Order().ToArray();

    [Fact]
    public async Task The_cs_client_calls_echo_on_server_everything_through_the_proxy_after_a_2026_probe_the_server_refuses_with_a_null_id()
    {
        using var timeout = new CancellationTokenSource(Bound);
        await using var peer = await Peer.StartAsync(PeerKind.EverythingStreamable, timeout.Token);

        var (client, exit, proxy, report) = await ProxyInteropTests.ThroughProxyAsync(peer.Url, [], (url, c) => CsClient.RunAsync("streamable", url, c), timeout.Token);

        Assert.True(client.ExitCode == 0, client.ToString() + proxy.Stderr);
        Assert.Contains("CALLED ok: Echo: through the proxy", client.Stdout);
        // The client first probes with a sessionless 2026-07-28 server/discover (a conversation of
        // its own, whose client side is judged as 2026-07-28); server-everything refuses it with 400
        // and `"id":null`, and is judged by the default 2025-11-25 since it showed it does not speak
        // 2026-07-28. The client then initializes at 2025-11-25 and both sides keep every rule.
        Assert.Equal(
            [
                "client: conversation 1 (no session) 2026-07-28: []",
                "client: conversation 2 2025-11-25: []",
                "server: conversation 1 (no session) 2025-11-25: [jsonrpc.id-not-null]",
                "server: conversation 2 2025-11-25: []",
            ],
            Sides(report));
        Assert.Equal(1, exit);
        Assert.Contains("finding MUST jsonrpc.id-not-null [server: conversation 1 (no session)]", proxy.Stdout);
        var session = report.Scenarios.Single(s => s.Name == "client: conversation 2");
        Assert.Contains("lifecycle.initialized-notification", session.RulesChecked);
        Assert.Contains("shttp.sse-carries-response", report.Scenarios.Single(s => s.Name == "server: conversation 2").RulesChecked);
    }

    [Fact]
    public async Task A_cut_initialize_stream_ends_the_cs_clients_run_without_a_resume_which_the_client_side_names_and_the_server_is_not_blamed()
    {
        using var timeout = new CancellationTokenSource(Bound);
        await using var server = await BackgroundProcess.StartAsync(BackgroundProcess.McpFuzz("serve-reference", "--reply", "sse"), "http://", timeout.Token);
        var url = new Uri("http://" + server.Announced);

        var (client, exit, proxy, report) = await ProxyInteropTests.ThroughProxyAsync(
            url, ["--fault", "abort-stream:p=1,max=1", "--seed", "1"], (u, c) => CsClient.RunAsync("streamable", u, c), timeout.Token);

        // The reference server answers the 2026-07-28 probe with a legacy error (no stream to cut),
        // so the cut falls on the initialize stream; the C# client does not resume it with GET and
        // Last-Event-ID but gives up.
        Assert.Contains("fault abort-stream: exchange 1 (POST) cut at byte", proxy.Stderr);
        Assert.Equal(1, client.ExitCode);
        Assert.Contains("completed without a reply", client.Stderr);
        // The client side is judged on what the client received (the events before the cut, then a
        // broken connection): it had the priming event's id and never resumed.
        Assert.Equal(
            [
                "client: conversation 1 (no session) 2026-07-28: []",
                "client: conversation 2 2025-11-25: [resume.last-event-id]",
                "server: conversation 1 (no session) 2025-11-25: []",
                "server: conversation 2 2025-11-25: []",
            ],
            Sides(report));
        Assert.Contains("finding SHOULD resume.last-event-id [client: conversation 2]", proxy.Stdout);
        Assert.Equal(0, exit);
    }
}
