using System.Text;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Tests.Driver;

public class WireLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 15, 0, 0, TimeSpan.Zero);

    private static WireExchange SseExchange() => new(0,
        new WireRequest("POST", "http://127.0.0.1:3000/mcp",
            HeaderList.Of(("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream"), ("X-Dup", "1"), ("X-Dup", "2")),
            Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"""), T0),
        new WireResponse(200, HeaderList.Of(("Content-Type", "text/event-stream"), ("Mcp-Session-Id", "abc")), [],
            [
                new WireSseEvent("message", "p1", "", 1500, SseEventFlags.HasId | SseEventFlags.HasRetry, T0.AddMilliseconds(2)),
                new WireSseEvent("message", null, """{"jsonrpc":"2.0","id":1,"result":{}}""", -1, SseEventFlags.None, T0.AddMilliseconds(3)),
            ],
            new WireStreamEnd(StreamEndKind.Aborted, T0.AddMilliseconds(4)), T0.AddMilliseconds(1)));

    private static WireExchange JsonExchange() => new(1,
        new WireRequest("DELETE", "http://127.0.0.1:3000/mcp", HeaderList.Of(("Mcp-Session-Id", "abc")), [], T0.AddSeconds(1)),
        new WireResponse(404, HeaderList.Of(("Content-Type", "application/json")), [0x7B, 0xFF, 0x7D], [],
            new WireStreamEnd(StreamEndKind.Clean, T0.AddSeconds(2)), T0.AddSeconds(2)));

    private static byte[] Write(params WireExchange[] exchanges)
    {
        var file = new MemoryStream();
        using (var log = new WireLogWriter(file))
        {
            foreach (var exchange in exchanges) log.Exchange(exchange);
        }

        return file.ToArray();
    }

    private static WireLogContents Read(byte[] bytes, WireLogLimits? limits = null) => WireLogReader.Read(new MemoryStream(bytes), limits);

    private static void AssertSame(WireExchange expected, WireExchange actual)
    {
        Assert.Equal(expected.Index, actual.Index);
        Assert.Equal(expected.Request with { Body = [] }, actual.Request with { Body = [] });
        Assert.Equal(expected.Request.Body, actual.Request.Body);
        Assert.Equal(expected.Response!.Status, actual.Response!.Status);
        Assert.Equal(expected.Response.Headers, actual.Response.Headers);
        Assert.Equal(expected.Response.Body, actual.Response.Body);
        Assert.Equal(expected.Response.Events, actual.Response.Events);
        Assert.Equal(expected.Response.End, actual.Response.End);
        Assert.Equal(expected.Response.At, actual.Response.At);
    }

    [Fact]
    public void Exchanges_survive_a_write_and_read_round_trip()
    {
        var contents = Read(Write(SseExchange(), JsonExchange()));
        Assert.Empty(contents.Problems);
        Assert.Equal(2, contents.Exchanges.Count);
        AssertSame(SseExchange(), contents.Exchanges[0]);
        AssertSame(JsonExchange(), contents.Exchanges[1]);
    }

    [Fact]
    public void Every_event_is_one_line_flushed_as_it_is_written()
    {
        var file = new FlushCountingStream();
        var log = new WireLogWriter(file);
        log.Exchange(SseExchange());
        // request, response head, two events, end
        Assert.Equal(5, file.Flushes);
        Assert.Equal(5, Encoding.UTF8.GetString(file.ToArray()).Count(c => c == '\n'));
        Assert.Contains("\"body\":\"{\\\"jsonrpc\\\"", Encoding.UTF8.GetString(file.ToArray()));
    }

    [Fact]
    public void A_log_cut_mid_line_keeps_the_earlier_lines_and_reports_the_truncated_one()
    {
        byte[] whole = Write(SseExchange());
        string text = Encoding.UTF8.GetString(whole);
        int lastLineStart = text.LastIndexOf('\n', text.Length - 2) + 1;
        // Cut inside the second event's line: the end line and half of that event are lost.
        int secondEvent = text.LastIndexOf("\"kind\":\"event\"", StringComparison.Ordinal);
        byte[] cut = whole.AsSpan(0, secondEvent + 10).ToArray();
        Assert.True(secondEvent < lastLineStart);

        var contents = Read(cut);
        var problem = Assert.Single(contents.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains("truncated", problem.Reason);
        var exchange = Assert.Single(contents.Exchanges);
        Assert.Equal(200, exchange.Response!.Status);
        Assert.Equal("p1", Assert.Single(exchange.Response.Events).Id);
        Assert.Null(exchange.Response.End); // the stream was still open when the log stopped
    }

    [Fact]
    public void Bad_lines_are_reported_with_their_numbers_and_skipped()
    {
        string good = Encoding.UTF8.GetString(Write(JsonExchange()));
        string log =
            "not json\n" +
            "[1,2]\n" +
            """{"exchange":7,"kind":"response","status":200,"headers":[]}""" + "\n" +
            """{"exchange":0,"kind":"request","method":"GET"}""" + "\n" +
            """{"exchange":0,"kind":"teleport"}""" + "\n" +
            good.Replace("\"exchange\":1", "\"exchange\":0") +
            """{"exchange":0,"kind":"end","end":"sideways"}""" + "\n";

        var contents = Read(Encoding.UTF8.GetBytes(log));
        Assert.Equal([1L, 2, 3, 4, 5, 10], contents.Problems.Select(p => p.Line));
        Assert.Contains("whose request is not in the log", contents.Problems[2].Reason);
        Assert.Contains("without `method` or `url`", contents.Problems[3].Reason);
        Assert.Contains("unknown kind", contents.Problems[4].Reason);
        var exchange = Assert.Single(contents.Exchanges);
        Assert.Equal("DELETE", exchange.Request.Method);
        Assert.Equal(404, exchange.Response!.Status);
    }

    [Fact]
    public void Line_length_and_line_count_are_bounded()
    {
        byte[] bytes = Write(SseExchange(), JsonExchange());
        var shortLines = Read(bytes, new WireLogLimits(MaxLineLength: 200));
        Assert.Contains(shortLines.Problems, p => p.Line == 1 && p.Reason.Contains("longer than 200 bytes"));

        var fewLines = Read(bytes, new WireLogLimits(MaxLines: 3));
        var problem = Assert.Single(fewLines.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains("more than 3 lines", problem.Reason);
        var response = Assert.Single(fewLines.Exchanges).Response!;
        Assert.Equal("p1", Assert.Single(response.Events).Id); // request, head and the first event fit in 3 lines
        Assert.Null(response.End);
    }

    private sealed class FlushCountingStream : MemoryStream
    {
        public int Flushes { get; private set; }

        public override void Flush()
        {
            Flushes++;
            base.Flush();
        }
    }
}
