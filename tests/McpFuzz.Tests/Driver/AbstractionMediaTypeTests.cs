using System.Text;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Driver;

/// <summary>Which media-type headers the abstraction counts as what a client must send
/// (2025-03-26/basic/transports#sending-messages-to-the-server): parameters never matter, a
/// missing type or another body label does.</summary>
public class AbstractionMediaTypeTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";

    [Theory]
    [InlineData("application/json, text/event-stream", "application/json", MediaFault.None)]
    [InlineData("application/json;q=0.9, text/event-stream;q=0.8", "application/json; charset=utf-8", MediaFault.None)]
    [InlineData("TEXT/EVENT-STREAM, Application/Json", "Application/JSON", MediaFault.None)]
    [InlineData("application/json", "application/json", MediaFault.AcceptIncomplete)]
    [InlineData("application/json, text/event-stream;q=0", "application/json", MediaFault.AcceptIncomplete)]
    [InlineData("*/*", "application/json", MediaFault.AcceptIncomplete)]
    [InlineData(null, "application/json", MediaFault.AcceptIncomplete)]
    [InlineData("application/json, text/event-stream", "text/plain", MediaFault.ContentTypeNotJson)]
    [InlineData("application/json, text/event-stream", null, MediaFault.ContentTypeNotJson)]
    public void A_POST_is_judged_by_both_listed_types_and_a_JSON_body(string? accept, string? contentType, MediaFault expected)
    {
        var headers = new List<(string, string)>();
        if (accept is not null) headers.Add(("Accept", accept));
        if (contentType is not null) headers.Add(("Content-Type", contentType));
        var request = new WireRequest("POST", "http://127.0.0.1:1/mcp", HeaderList.Of(headers.ToArray()), Encoding.UTF8.GetBytes(Ping));
        Assert.Equal(expected, new Abstraction().Request(request).Value.Media);
    }

    [Theory]
    [InlineData("text/event-stream", MediaFault.None)]
    [InlineData("text/event-stream; charset=utf-8", MediaFault.None)]
    [InlineData("application/json", MediaFault.AcceptIncomplete)]
    public void A_GET_lists_the_event_stream(string accept, MediaFault expected)
    {
        var request = new WireRequest("GET", "http://127.0.0.1:1/mcp", HeaderList.Of(("Accept", accept)), []);
        Assert.Equal(expected, new Abstraction().Request(request).Value.Media);
    }
}
