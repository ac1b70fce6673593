using System.Text;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.Sse;
using static McpFuzz.Tests.Driver.HarFiles;

namespace McpFuzz.Tests.Driver;

/// <summary>One entry point for recorded traffic: the wire log, HAR files and <c>curl -v</c> output.</summary>
public class RecordedTrafficTests
{
    private const string Host = "127.0.0.1:3000";

    private static readonly (string, string)[] PostHeaders = [("Host", Host), ("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream")];

    private static readonly (string, string)[] StreamHeaders = [("Content-Type", "text/event-stream"), ("Mcp-Session-Id", "s1")];

    private const string EventStream = "id: e1\nretry: 500\ndata:\n\nevent: message\nid: e2\ndata: " + InitializeResult + "\n\n";

    /// <summary>initialize answered by an event stream, then the initialized notification answered 202.</summary>
    private static WireExchange[] Expected() =>
    [
        new(0,
            new WireRequest("POST", $"http://{Host}/mcp", HeaderList.Of(PostHeaders), Encoding.UTF8.GetBytes(Initialize)),
            new WireResponse(200, HeaderList.Of(StreamHeaders), [],
                [
                    new WireSseEvent("message", "e1", "", 500, SseEventFlags.HasId | SseEventFlags.HasRetry),
                    new WireSseEvent("message", "e2", InitializeResult, -1, SseEventFlags.HasId),
                ],
                new WireStreamEnd(StreamEndKind.Clean))),
        new(1,
            new WireRequest("POST", $"http://{Host}/mcp", HeaderList.Of([.. PostHeaders, ("Mcp-Session-Id", "s1")]), Encoding.UTF8.GetBytes(Initialized)),
            new WireResponse(202, HeaderList.Of(("Content-Length", "0")), [], [], new WireStreamEnd(StreamEndKind.Clean))),
    ];

    private static byte[] WireLog(params WireExchange[] exchanges)
    {
        var file = new MemoryStream();
        using (var log = new WireLogWriter(file))
        {
            foreach (var exchange in exchanges) log.Exchange(exchange);
        }

        return file.ToArray();
    }

    private static byte[] HarFile() => Encoding.UTF8.GetBytes(Of(
        Entry(T0, "POST", $"http://{Host}/mcp", PostHeaders, Initialize, 200, StreamHeaders, EventStream),
        Entry(T0.AddSeconds(1), "POST", $"http://{Host}/mcp", [.. PostHeaders, ("Mcp-Session-Id", "s1")], Initialized, 202, [("Content-Length", "0")], null)));

    private static byte[] CurlOutput() => Encoding.UTF8.GetBytes(string.Join("\n",
    [
        "*   Trying 127.0.0.1:3000...",
        "> POST /mcp HTTP/1.1",
        .. PostHeaders.Select(h => $"> {h.Item1}: {h.Item2}"),
        "> ",
        "> " + Initialize,
        "< HTTP/1.1 200 OK",
        .. StreamHeaders.Select(h => $"< {h.Item1}: {h.Item2}"),
        "< ",
        .. EventStream.TrimEnd('\n').Split('\n').Select(line => "< " + line),
        "< ",
        "> POST /mcp HTTP/1.1",
        .. PostHeaders.Select(h => $"> {h.Item1}: {h.Item2}"),
        "> Mcp-Session-Id: s1",
        "> ",
        "> " + Initialized,
        "< HTTP/1.1 202 Accepted",
        "< Content-Length: 0",
        "< ",
        "",
    ]));

    private static RecordedTraffic Read(byte[] bytes, TrafficFormat format = TrafficFormat.Auto) => RecordedTraffic.Read(new OneWayStream(bytes), format);

    [Fact]
    public void Each_format_is_recognised_from_its_first_bytes()
    {
        Assert.Equal(TrafficFormat.WireLog, TrafficFormats.Detect(WireLog(Expected())));
        Assert.Equal(TrafficFormat.Har, TrafficFormats.Detect(HarFile()));
        Assert.Equal(TrafficFormat.Har, TrafficFormats.Detect([.. "\uFEFF"u8, .. HarFile().AsSpan(0, 40)])); // a BOM, and the head ends inside the file
        Assert.Equal(TrafficFormat.Curl, TrafficFormats.Detect(CurlOutput()));
        Assert.Equal(TrafficFormat.Curl, TrafficFormats.Detect(Encoding.UTF8.GetBytes(Initialize))); // JSON, but neither
    }

    [Fact]
    public void The_same_exchanges_read_from_a_wire_log_a_HAR_file_and_curl_output_are_equal()
    {
        var expected = Expected();
        RecordedTraffic[] readings = [Read(WireLog(expected)), Read(HarFile()), Read(CurlOutput())];

        Assert.Equal([TrafficFormat.WireLog, TrafficFormat.Har, TrafficFormat.Curl], readings.Select(r => r.Format));
        foreach (var reading in readings)
        {
            Assert.Empty(reading.Problems);
            Assert.Equal(expected.Length, reading.Exchanges.Count);
            for (int i = 0; i < expected.Length; i++)
            {
                WireExchange want = expected[i], got = reading.Exchanges[i];
                Assert.Equal(want.Index, got.Index);
                Assert.Equal(Comparable(want.Request), Comparable(got.Request));
                Assert.Equal(want.Request.Body, got.Request.Body);
                Assert.Equal(want.Response!.Status, got.Response!.Status);
                Assert.Equal(want.Response.Headers, got.Response.Headers);
                Assert.Equal(want.Response.Body, got.Response.Body);
                Assert.Equal(want.Response.Events, got.Response.Events.Select(e => e with { At = null }));
                Assert.Equal(want.Response.End!.Kind, got.Response.End!.Kind);
            }
        }
    }

    /// <summary>A request without what only some formats record: times, and the scheme and
    /// authority of the URL (<c>curl -v</c> shows only the request target).</summary>
    private static WireRequest Comparable(WireRequest request) =>
        request with { Url = Uri.TryCreate(request.Url, UriKind.Absolute, out var url) ? url.PathAndQuery : request.Url, Body = [], At = null };

    [Fact]
    public void A_wire_log_whose_first_line_is_longer_than_the_detection_head_is_still_read_whole()
    {
        string big = new('x', TrafficFormats.HeadLength * 2);
        var exchange = Expected()[1] with { Request = Expected()[1].Request with { Body = Encoding.UTF8.GetBytes(big) } };

        var traffic = Read(WireLog(exchange));

        Assert.Equal(TrafficFormat.WireLog, traffic.Format);
        Assert.Empty(traffic.Problems);
        Assert.Equal(big, Encoding.UTF8.GetString(Assert.Single(traffic.Exchanges).Request.Body));
    }

    [Fact]
    public void A_named_format_is_read_as_that_format_and_a_mismatch_is_a_problem()
    {
        var curlAsHar = Read(CurlOutput(), TrafficFormat.Har);
        Assert.Equal(TrafficFormat.Har, curlAsHar.Format);
        Assert.Empty(curlAsHar.Exchanges);
        Assert.Contains("not valid JSON", Assert.Single(curlAsHar.Problems).Reason);

        var harAsWireLog = Read(HarFile(), TrafficFormat.WireLog);
        Assert.Empty(harAsWireLog.Exchanges);
        Assert.Equal("line 1", harAsWireLog.Problems[0].Place); // "{" alone is not JSON
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}", "a raw HTTP response records no request")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", "not a wire log, a HAR file or `curl -v` output")]
    public void Input_in_no_known_format_is_a_problem(string text, string reason)
    {
        var traffic = Read(Encoding.UTF8.GetBytes(text));

        Assert.Empty(traffic.Exchanges);
        var problem = Assert.Single(traffic.Problems);
        Assert.Equal("file", problem.Place);
        Assert.StartsWith(reason, problem.Reason);
    }

    [Fact]
    public void Empty_input_has_no_exchanges_and_no_problems()
    {
        var traffic = Read([]);
        Assert.Empty(traffic.Exchanges);
        Assert.Empty(traffic.Problems);
    }

    [Fact]
    public void The_fixture_HAR_of_an_endpoint_event_inside_a_POST_initialize_response_reads_and_abstracts()
    {
        var traffic = RecordedTraffic.Read(Path.Combine(AppContext.BaseDirectory, "Driver", "Fixtures", "legacy-endpoint-in-streamable-post.har"));

        Assert.Equal(TrafficFormat.Har, traffic.Format);
        Assert.Empty(traffic.Problems);
        var exchange = Assert.Single(traffic.Exchanges);
        Assert.Equal("application/json, text/event-stream", exchange.Request.Headers.Get("Accept"));
        Assert.Equal("endpoint", exchange.Response!.Events[0].Type);
        Assert.Equal("/messages?sessionId=abc", exchange.Response.Events[0].Data);

        var abstracted = new Abstraction().Exchange(exchange);
        Assert.True(abstracted.IsAbstract, abstracted.Reason);
        Assert.Equal(Payload.Initialize, abstracted.Value.Request.Payload);
        Assert.Equal(VersionValue.V2025_06_18, abstracted.Value.Request.BodyVersion);
        Assert.Equal(AbstractResponse.Stream(), abstracted.Value.Response);
        Assert.Equal(
            [SseItem.Endpoint(), SseItem.Of(Message.Of(MessageKind.InitializeResult, 1, VersionValue.V2025_06_18))],
            abstracted.Value.Events);
    }

    /// <summary>Standard input: no seeking, and reads may return less than asked.</summary>
    private sealed class OneWayStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1000)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1000));
    }
}
