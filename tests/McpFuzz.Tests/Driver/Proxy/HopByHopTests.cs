using McpFuzz.Driver.Proxy;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Driver.Proxy;

public sealed class HopByHopTests
{
    [Fact]
    public void Connection_fields_and_those_it_names_are_dropped_and_the_rest_keep_their_order()
    {
        var headers = HeaderList.Of(("Host", "a"), ("Accept", "text/event-stream"), ("connection", "keep-alive, X-Trace"), ("X-Trace", "1"),
            ("Transfer-Encoding", "chunked"), ("Mcp-Session-Id", "s"), ("Content-Length", "3"), ("Upgrade", "h2c"), ("accept", "application/json"));

        var kept = HopByHop.EndToEnd(headers).Select(f => (f.Name, f.Value)).ToArray();

        Assert.Equal([("Accept", "text/event-stream"), ("Mcp-Session-Id", "s"), ("accept", "application/json")], kept);
    }
}
