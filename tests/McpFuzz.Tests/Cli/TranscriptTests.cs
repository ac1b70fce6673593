using System.Text;
using McpFuzz.Driver.Transcripts;

namespace McpFuzz.Tests.Cli;

public class TranscriptTests
{
    private const string Curl = """
        ################ T1. first
        # curl -X POST http://127.0.0.1:1/mcp
        > POST /mcp HTTP/1.1
        > Content-Type: application/json
        > 
        >
        > {"jsonrpc":"2.0","id":1,"method":"ping"}

        < HTTP/1.1 200 OK
        < content-type: text/event-stream
        < 
        <
        < data: shown
        < 

        # body escaped: "data: exact\r\n\r\n"
        > GET /mcp HTTP/1.1
        > Accept: text/event-stream
        > 
        < HTTP/1.1 405 Method Not Allowed
        < 
        <
        < nope
        """;

    [Fact]
    public void Curl_output_splits_into_exchanges_with_exact_bodies_when_given()
    {
        var exchanges = CurlTranscript.Parse(Curl);
        Assert.Equal(2, exchanges.Count);
        Assert.Equal("T1. first", exchanges[0].Title);
        Assert.Equal("POST /mcp HTTP/1.1", exchanges[0].Request!.StartLine);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", Encoding.UTF8.GetString(exchanges[0].Request!.Body));
        Assert.Equal(200, exchanges[0].Response!.Status);
        Assert.Equal("text/event-stream", exchanges[0].Response!.Headers.Get("Content-Type"));
        Assert.Equal("data: exact\r\n\r\n", Encoding.UTF8.GetString(exchanges[0].Response!.Body));
    }

    [Fact]
    public void Without_an_exact_body_the_displayed_lines_are_used()
    {
        var second = CurlTranscript.Parse(Curl)[1];
        Assert.Equal("GET /mcp HTTP/1.1", second.Request!.StartLine);
        Assert.Equal(405, second.Response!.Status);
        Assert.Equal("nope\n", Encoding.UTF8.GetString(second.Response!.Body));
    }

    [Fact]
    public void A_raw_response_has_a_status_headers_and_a_body()
    {
        var exchange = RawHttpResponse.Parse(Encoding.UTF8.GetBytes("HTTP/1.1 202 Accepted\r\nX-A: 1\r\n\r\nbody\r\n"));
        Assert.Equal(202, exchange.Response!.Status);
        Assert.Equal("1", exchange.Response.Headers.Get("x-a"));
        Assert.Equal("body\r\n", Encoding.UTF8.GetString(exchange.Response.Body));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\n", TranscriptFormat.Http)]
    [InlineData("################ x\n", TranscriptFormat.Curl)]
    [InlineData("> GET / HTTP/1.1\n", TranscriptFormat.Curl)]
    [InlineData("data: x\n\n", TranscriptFormat.Body)]
    [InlineData("{\"jsonrpc\":\"2.0\"}", TranscriptFormat.Body)]
    public void The_format_is_recognised_from_the_first_bytes(string head, TranscriptFormat format) =>
        Assert.Equal(format, TranscriptFormats.Detect(Encoding.UTF8.GetBytes(head)));
}
