using McpFuzz.Driver.Wire;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Tests.Driver;

public class SseBodyTests
{
    [Fact]
    public void A_body_that_ends_between_events_ends_clean_with_every_event_decoded()
    {
        var (events, end) = SseBody.Decode(": hello\r\nid: 1\r\nretry: 20\r\ndata:\r\n\r\nevent: endpoint\r\ndata: /m?s=1\r\n\r\n"u8);
        Assert.Equal(StreamEndKind.Clean, end.Kind);
        Assert.Equal(
            [new WireSseEvent("message", "1", "", 20, SseEventFlags.HasId | SseEventFlags.HasRetry), new WireSseEvent("endpoint", null, "/m?s=1", -1, SseEventFlags.None)],
            events);
    }

    [Fact]
    public void A_body_cut_inside_an_event_or_at_a_limit_ends_aborted()
    {
        var (events, end) = SseBody.Decode("data: a\n\ndata: {\"jsonrpc\""u8);
        Assert.Equal(StreamEndKind.Aborted, end.Kind);
        Assert.Equal("a", Assert.Single(events).Data);

        var (limited, limitEnd) = SseBody.Decode("data: 1\n\ndata: 2\n\ndata: 3\n\n"u8, new SseReaderOptions { MaxEvents = 2 });
        Assert.Equal(2, limited.Count);
        Assert.Equal(StreamEndKind.Aborted, limitEnd.Kind);
    }
}
