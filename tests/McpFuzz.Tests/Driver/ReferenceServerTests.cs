using System.Net;
using System.Net.Http.Headers;
using System.Text;
using McpFuzz.Driver.Reference;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.JsonRpc;
using McpFuzz.Tests.Wire.Sse;

namespace McpFuzz.Tests.Driver;

/// <summary>The server machines over Kestrel on 127.0.0.1, driven by a plain HTTP client as a
/// conforming client of the revision would drive them.</summary>
public sealed class ReferenceServerTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private static HttpRequestMessage Post(Uri url, string json, string? session = null, string? version = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (session is not null) request.Headers.Add("Mcp-Session-Id", session);
        if (version is not null) request.Headers.Add("MCP-Protocol-Version", version);
        return request;
    }

    private static string Initialize(string version) =>
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version +
        "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";

    private const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    private const string ToolCall = """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{}}}""";

    private static void AssertResult(string json, string id, Revision revision)
    {
        byte[] payload = Encoding.UTF8.GetBytes(json);
        var envelope = JsonRpcClassifier.Classify(payload);
        Assert.Equal(JsonRpcKind.Result, envelope.Kind);
        Assert.Equal(id, Encoding.UTF8.GetString(envelope.Id.Of(payload)));
        Assert.Empty(JsonRpcValidator.Validate(payload, envelope, revision));
    }

    [Fact]
    public async Task A_2025_06_18_session_with_json_replies_runs_from_initialize_to_delete()
    {
        await using var server = await ReferenceServer.StartAsync(PeerRevision.V2025_06_18, ServerProfile.None, ReplyStyle.Json);
        using var http = new HttpClient { Timeout = Limit };
        Assert.Equal(IPAddress.Loopback.ToString(), server.Url.Host);

        using var init = await http.SendAsync(Post(server.Url, Initialize("2025-06-18")));
        Assert.Equal(HttpStatusCode.OK, init.StatusCode);
        Assert.Equal("application/json", init.Content.Headers.ContentType?.MediaType);
        string session = init.Headers.GetValues("Mcp-Session-Id").Single();
        AssertResult(await init.Content.ReadAsStringAsync(), "1", Revision.V2025_06_18);

        using var initialized = await http.SendAsync(Post(server.Url, Initialized, session, "2025-06-18"));
        Assert.Equal(HttpStatusCode.Accepted, initialized.StatusCode);
        Assert.Empty(await initialized.Content.ReadAsByteArrayAsync());

        using var call = await http.SendAsync(Post(server.Url, ToolCall, session, "2025-06-18"));
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        AssertResult(await call.Content.ReadAsStringAsync(), "2", Revision.V2025_06_18);

        using var unknown = await http.SendAsync(Post(server.Url, ToolCall, "not-a-session", "2025-06-18"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var delete = new HttpRequestMessage(HttpMethod.Delete, server.Url);
        delete.Headers.Add("Mcp-Session-Id", session);
        delete.Headers.Add("MCP-Protocol-Version", "2025-06-18");
        using var deleted = await http.SendAsync(delete);
        Assert.True(deleted.StatusCode is HttpStatusCode.OK or HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_2025_11_25_polling_server_closes_after_priming_and_answers_the_resume()
    {
        await using var server = await ReferenceServer.StartAsync(PeerRevision.V2025_11_25, ServerProfile.None, ReplyStyle.Poll);
        using var http = new HttpClient { Timeout = Limit };

        using var init = await http.SendAsync(Post(server.Url, Initialize("2025-11-25")));
        Assert.Equal("text/event-stream", init.Content.Headers.ContentType?.MediaType);
        string session = init.Headers.GetValues("Mcp-Session-Id").Single();
        byte[] stream = await ReadUntilClosed(init);
        var priming = Assert.Single(SseObserver.Observe(stream).Events);
        Assert.Equal("", priming.DataText);
        Assert.NotEqual("", priming.LastEventIdText);

        var resume = new HttpRequestMessage(HttpMethod.Get, server.Url);
        resume.Headers.Accept.ParseAdd("text/event-stream");
        resume.Headers.Add("Mcp-Session-Id", session);
        resume.Headers.Add("Last-Event-ID", priming.LastEventIdText);
        using var resumed = await http.SendAsync(resume, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var events = SseObserver.Observe(await resumed.Content.ReadAsByteArrayAsync()).Events.ToList();
        AssertResult(Assert.Single(events).DataText, "1", Revision.V2025_11_25);
    }

    [Fact]
    public async Task A_2024_11_05_server_sends_endpoint_then_answers_on_the_sse_stream()
    {
        await using var server = await ReferenceServer.StartAsync(PeerRevision.V2024_11_05, ServerProfile.None, ReplyStyle.Json);
        using var http = new HttpClient { Timeout = Limit };
        var get = new HttpRequestMessage(HttpMethod.Get, server.Url);
        get.Headers.Accept.ParseAdd("text/event-stream");
        using var sse = await http.SendAsync(get, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await sse.Content.ReadAsStreamAsync());

        Assert.Equal("event: endpoint", await reader.ReadLineAsync());
        string endpoint = (await reader.ReadLineAsync())!["data: ".Length..];
        Assert.Equal("", await reader.ReadLineAsync());

        using var posted = await http.SendAsync(Post(new Uri(server.Url, endpoint), Initialize("2024-11-05")));
        Assert.True(posted.IsSuccessStatusCode);
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null && !line.StartsWith("data: ", StringComparison.Ordinal))
        {
        }

        AssertResult(line!["data: ".Length..], "1", Revision.V2024_11_05);
    }

    [Fact]
    public async Task With_legacy_endpoint_in_post_the_initialize_stream_starts_with_endpoint()
    {
        await using var server = await ReferenceServer.StartAsync(PeerRevision.V2025_06_18, ServerProfile.LegacyEndpointInPost, ReplyStyle.Sse);
        using var http = new HttpClient { Timeout = Limit };
        using var init = await http.SendAsync(Post(server.Url, Initialize("2025-06-18")));

        var events = SseObserver.Observe(await init.Content.ReadAsByteArrayAsync()).Events.ToList();
        Assert.Equal(["endpoint", "message"], events.Select(e => e.TypeText));
        AssertResult(events[1].DataText, "1", Revision.V2025_06_18);
    }

    [Fact]
    public async Task A_modern_server_answers_a_tool_call_without_a_handshake()
    {
        await using var server = await ReferenceServer.StartAsync(PeerRevision.V2026_07_28, ServerProfile.None, ReplyStyle.Json);
        using var http = new HttpClient { Timeout = Limit };
        string call = """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}""";
        var request = Post(server.Url, call, version: "2026-07-28");
        request.Headers.Add("Mcp-Method", "tools/call");
        request.Headers.Add("Mcp-Name", "echo");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        AssertResult(await response.Content.ReadAsStringAsync(), "7", Revision.V2026_07_28);
    }

    private static async Task<byte[]> ReadUntilClosed(HttpResponseMessage response)
    {
        using var buffer = new MemoryStream();
        try
        {
            await (await response.Content.ReadAsStreamAsync()).CopyToAsync(buffer);
        }
        catch (HttpRequestException)
        {
            // The server closed the connection after the priming event, as polling servers do.
        }
        catch (IOException)
        {
        }

        return buffer.ToArray();
    }
}
