using System.Net;
using System.Text;
using McpFuzz.Driver.Proxy;
using Microsoft.AspNetCore.Http;

namespace McpFuzz.Tests.Driver.Proxy;

/// <summary>What the client gets through the proxy: streams event by event, headers as an
/// end-to-end proxy passes them, upstream URIs kept on the proxy.</summary>
public sealed class CheckingProxyRelayTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_event_reaches_the_client_before_the_upstream_writes_the_next()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await StubUpstream.StartAsync(async http =>
        {
            http.Response.ContentType = "text/event-stream";
            await http.Response.WriteAsync("id: 1\ndata: first\n\n");
            await http.Response.Body.FlushAsync();
            // The second event is written only once the client has read the first through the proxy.
            await release.Task.WaitAsync(Limit);
            await http.Response.WriteAsync("id: 2\ndata: second\n\n");
            finished.SetResult();
        });
        var logged = new MemoryStream();
        await using var harness = await ProxyHarness.StartAsync(upstream.Url, log: new McpFuzz.Driver.Wire.WireLogWriter(logged));
        using var client = new HttpClient { Timeout = Limit };

        using var response = await client.GetAsync(harness.Proxy.Url, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var firstEvent = await ReadEventAsync(reader);
        Assert.False(finished.Task.IsCompleted);
        // The wire log has the event already, not only once the stream ends.
        Assert.Contains("\"kind\":\"event\",\"type\":\"message\",\"id\":\"1\",\"data\":\"first\"", Encoding.UTF8.GetString(logged.ToArray()));
        release.SetResult();
        var secondEvent = await ReadEventAsync(reader);

        Assert.Equal(["id: 1", "data: first"], firstEvent);
        Assert.Equal(["id: 2", "data: second"], secondEvent);
        Assert.Null(await reader.ReadLineAsync());
    }

    [Fact]
    public async Task Hop_by_hop_headers_stay_behind_and_end_to_end_ones_pass()
    {
        IHeaderDictionary? seen = null;
        await using var upstream = await StubUpstream.StartAsync(async http =>
        {
            seen = new HeaderDictionary(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value));
            http.Response.Headers["X-Upstream"] = "kept";
            await http.Response.WriteAsync("{}");
        });
        await using var harness = await ProxyHarness.StartAsync(upstream.Url);
        using var client = new HttpClient { Timeout = Limit };
        using var request = new HttpRequestMessage(HttpMethod.Post, harness.Proxy.Url) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Connection.Add("X-Private");
        request.Headers.Add("X-Private", "secret");
        request.Headers.Add("Mcp-Session-Id", "abc");
        request.Headers.Add("Keep-Alive", "timeout=5");

        using var response = await client.SendAsync(request);

        Assert.NotNull(seen);
        Assert.False(seen!.ContainsKey("X-Private"));
        Assert.False(seen.ContainsKey("Keep-Alive"));
        Assert.Equal("abc", seen["Mcp-Session-Id"].ToString());
        Assert.Equal("application/json; charset=utf-8", seen.ContentType.ToString());
        Assert.Equal(upstream.Url.Authority, seen.Host.ToString());
        Assert.Equal("kept", response.Headers.GetValues("X-Upstream").Single());
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_location_on_the_upstream_origin_points_at_the_proxy_and_one_elsewhere_is_left_alone()
    {
        await using var upstream = await StubUpstream.StartAsync(http =>
        {
            http.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            http.Response.Headers.Location = http.Request.Path == "/own"
                ? $"{http.Request.Scheme}://{http.Request.Host}/moved?x=1"
                : "http://elsewhere.invalid/moved";
            return Task.CompletedTask;
        });
        await using var harness = await ProxyHarness.StartAsync(upstream.Url);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = Limit };
        var origin = harness.Proxy.Url.GetLeftPart(UriPartial.Authority);

        using var own = await client.GetAsync(origin + "/own");
        using var foreign = await client.GetAsync(origin + "/foreign");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, own.StatusCode);
        Assert.Equal(new Uri(origin + "/moved?x=1"), own.Headers.Location);
        Assert.Equal(new Uri("http://elsewhere.invalid/moved"), foreign.Headers.Location);
    }

    [Fact]
    public async Task An_absolute_endpoint_event_on_the_upstream_origin_is_rewritten_and_message_data_is_not()
    {
        await using var upstream = await StubUpstream.StartAsync(async http =>
        {
            string self = $"{http.Request.Scheme}://{http.Request.Host}";
            http.Response.ContentType = "text/event-stream";
            // The endpoint event arrives in two writes, split inside its data line.
            await http.Response.WriteAsync($"event: endpoint\ndata: {self}/mess");
            await http.Response.Body.FlushAsync();
            await http.Response.WriteAsync($"ages?sessionId=7\n\ndata: {self}/not-an-endpoint\n\n");
        }, "/sse");
        await using var harness = await ProxyHarness.StartAsync(upstream.Url, revision: McpFuzz.Model.Revisions.Revision.V2024_11_05);
        using var client = new HttpClient { Timeout = Limit };

        string body = await client.GetStringAsync(harness.Proxy.Url);

        string proxy = harness.Proxy.Url.GetLeftPart(UriPartial.Authority);
        string self = upstream.Url.GetLeftPart(UriPartial.Authority);
        Assert.Equal($"event: endpoint\ndata: {proxy}/messages?sessionId=7\n\ndata: {self}/not-an-endpoint\n\n", body);
    }

    [Fact]
    public async Task A_request_target_naming_another_host_still_goes_to_the_upstream()
    {
        string? path = null;
        await using var upstream = await StubUpstream.StartAsync(async http =>
        {
            path = http.Request.Path + http.Request.QueryString;
            await http.Response.WriteAsync("ok");
        });
        await using var harness = await ProxyHarness.StartAsync(upstream.Url);
        // Used as a forward proxy, a client sends the absolute form; the proxy still only talks to its upstream.
        using var client = new HttpClient(new HttpClientHandler { Proxy = new WebProxy(harness.Proxy.Url), UseProxy = true }) { Timeout = Limit };

        string body = await client.GetStringAsync("http://elsewhere.invalid/mcp?a=b");

        Assert.Equal("ok", body);
        Assert.Equal("/mcp?a=b", path);
    }

    private static async Task<List<string>> ReadEventAsync(StreamReader reader)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync().WaitAsync(Limit) is { Length: > 0 } line) lines.Add(line);
        return lines;
    }
}
