using System.Buffers;
using System.Text;
using McpFuzz.Driver.Proxy;

namespace McpFuzz.Tests.Driver.Proxy;

public sealed class SseEndpointRewriterTests
{
    private static readonly OriginRewrite Rewrite = new(new Uri("http://127.0.0.1:9000/sse"), new Uri("http://127.0.0.1:7000/"));

    private static string Relay(string stream, int chunk)
    {
        var rewriter = new SseEndpointRewriter(Rewrite);
        var output = new ArrayBufferWriter<byte>();
        byte[] bytes = Encoding.UTF8.GetBytes(stream);
        for (int i = 0; i < bytes.Length; i += chunk) rewriter.Process(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)), output);
        rewriter.Complete(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Endpoint_data_on_the_upstream_origin_is_rewritten_whatever_the_chunking(int chunk)
    {
        string stream = "event: endpoint\r\ndata: http://127.0.0.1:9000/messages?sessionId=1\r\n\r\n: keepalive\n" +
                        "event: message\ndata: {\"url\":\"http://127.0.0.1:9000/x\"}\n\n" +
                        "event:endpoint\ndata:/relative?s=2\n\n" +
                        "event: endpoint\ndata: http://other.invalid:9000/m\n\n";

        Assert.Equal(
            "event: endpoint\r\ndata: http://127.0.0.1:7000/messages?sessionId=1\r\n\r\n: keepalive\n" +
            "event: message\ndata: {\"url\":\"http://127.0.0.1:9000/x\"}\n\n" +
            "event:endpoint\ndata:/relative?s=2\n\n" +
            "event: endpoint\ndata: http://other.invalid:9000/m\n\n",
            Relay(stream, chunk));
    }

    [Fact]
    public void Ordinary_events_pass_through_as_soon_as_their_bytes_arrive()
    {
        var rewriter = new SseEndpointRewriter(Rewrite);
        var output = new ArrayBufferWriter<byte>();

        rewriter.Process("data: {\"jsonrpc\":"u8, output);

        Assert.Equal("data: {\"jsonrpc\":", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void An_endpoint_event_the_stream_ends_inside_is_still_passed_on()
    {
        Assert.Equal("event: endpoint\ndata: http://127.0.0.1:7000/m", Relay("event: endpoint\ndata: http://127.0.0.1:9000/m", 5));
    }
}
