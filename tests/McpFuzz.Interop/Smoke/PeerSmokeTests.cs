using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using McpFuzz.Interop.Fixtures;

namespace McpFuzz.Interop.Smoke;

/// <summary>
/// Each peer starts, listens on 127.0.0.1 only, answers the first step of its transport, and is
/// gone after disposal. These are the facts every later interop test builds on.
/// </summary>
public class PeerSmokeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static readonly HttpClient Http = new() { Timeout = Bound };

    public static TheoryData<PeerKind> Streamable() => new(Enum.GetValues<PeerKind>().Where(kind => !kind.IsLegacySse()));

    public static TheoryData<PeerKind> LegacySse() => new(Enum.GetValues<PeerKind>().Where(kind => kind.IsLegacySse()));

    public static TheoryData<PeerKind> All() => new(Enum.GetValues<PeerKind>());

    [Theory]
    [MemberData(nameof(Streamable))]
    public async Task Streamable_peer_answers_initialize_with_a_protocol_version(PeerKind kind)
    {
        using var timeout = new CancellationTokenSource(Bound);
        await using var peer = await Peer.StartAsync(kind, timeout.Token);

        using var request = new HttpRequestMessage(HttpMethod.Post, peer.Url)
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"mcpfuzz-interop","version":"0.1.0"}}}""",
                Encoding.UTF8, "application/json"),
        };
        // Spec (2025-03-26 and later): a POST's Accept lists both JSON and SSE.
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = await ReadAnswerAsync(response, timeout.Token);
        var root = answer.RootElement;
        Assert.Equal(1, root.GetProperty("id").GetInt32());
        // Every peer supports 2025-06-18, so it answers with the version the client asked for.
        Assert.Equal("2025-06-18", root.GetProperty("result").GetProperty("protocolVersion").GetString());
    }

    [Theory]
    [MemberData(nameof(LegacySse))]
    public async Task Legacy_peer_sends_the_endpoint_event_first(PeerKind kind)
    {
        using var timeout = new CancellationTokenSource(Bound);
        await using var peer = await Peer.StartAsync(kind, timeout.Token);

        using var request = new HttpRequestMessage(HttpMethod.Get, peer.Url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        await using var events = SseParser.Create(body).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await events.MoveNextAsync(), "the stream ended before its first event");
        // Spec 2024-11-05: the server's first event is `endpoint`, whose data is the URI to POST to.
        Assert.Equal("endpoint", events.Current.EventType);
        Assert.Contains("sessionId=", events.Current.Data, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Peer_listens_on_loopback_only_and_is_gone_after_disposal(PeerKind kind)
    {
        using var timeout = new CancellationTokenSource(Bound);
        var peer = await Peer.StartAsync(kind, timeout.Token);
        var processId = peer.ProcessId;
        try
        {
            Assert.Equal("127.0.0.1", peer.Url.Host);
            var listening = ListeningSockets.Of(processId);
            Assert.Contains(listening, endpoint => endpoint.Port == peer.Url.Port);
            Assert.All(listening, endpoint => Assert.Equal(IPAddress.Loopback, endpoint.Address));
        }
        finally
        {
            await peer.DisposeAsync();
        }
        Assert.False(Directory.Exists($"/proc/{processId}"), $"{kind} (pid {processId}) still exists after disposal");
    }

    [Fact]
    public void Missing_node_modules_says_to_run_test_sh()
    {
        var empty = Directory.CreateTempSubdirectory("mcpfuzz-peers-");
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => Peers.RequireNodeModules(empty.FullName));
            Assert.Contains("./test.sh", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void Installed_node_modules_hold_the_pinned_node_22()
    {
        Assert.True(File.Exists(Peers.Node22), $"{Peers.Node22} is missing");
    }

    /// <summary>
    /// The JSON-RPC answer to request id 1: the whole body when it is JSON, or the first SSE event
    /// whose data is a message with that id (priming events with empty data come first on some peers).
    /// </summary>
    private static async Task<JsonDocument> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (mediaType == "application/json")
        {
            return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        Assert.Equal("text/event-stream", mediaType);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(item.Data)) continue;
            var message = JsonDocument.Parse(item.Data);
            if (message.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number) return message;
            message.Dispose();
        }
        throw new InvalidDataException("the SSE stream ended without an answer to the initialize request");
    }
}
