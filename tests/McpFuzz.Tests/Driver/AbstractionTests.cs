using System.Text;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Tests.Driver;

public class AbstractionTests
{
    private static WireRequest Post(string body, params (string, string)[] headers) =>
        new("POST", "http://127.0.0.1:1/mcp", HeaderList.Of(headers), Encoding.UTF8.GetBytes(body));

    private static WireResponse Json(int status, string body, params (string, string)[] headers) =>
        new(status, HeaderList.Of([("Content-Type", "application/json"), .. headers]), Encoding.UTF8.GetBytes(body), [], new WireStreamEnd(StreamEndKind.Clean));

    private static WireSseEvent Data(string data, string? id = null) =>
        new("message", id, data, -1, id is null ? SseEventFlags.None : SseEventFlags.HasId);

    private const string ToolCall = """{"jsonrpc":"2.0","id":"a","method":"tools/call","params":{"name":"echo"}}""";

    [Theory]
    [InlineData("/mcp", "http://127.0.0.1:8080", false)]
    [InlineData("/mcp", "http://rebinding.invalid", true)]
    [InlineData("http://127.0.0.1:8080/mcp", "http://127.0.0.1:8080", false)]
    [InlineData("http://127.0.0.1:8080/mcp", "http://rebinding.invalid", true)]
    public void An_origin_is_foreign_only_when_it_names_another_host(string target, string origin, bool foreign)
    {
        // A server sees a request target ("/mcp") and the Host header; a client log has the absolute URL.
        var request = new WireRequest("POST", target, HeaderList.Of([("Host", "127.0.0.1:8080"), ("Origin", origin)]), Encoding.UTF8.GetBytes(ToolCall));
        var abstracted = new Abstraction().Request(request);
        Assert.True(abstracted.IsAbstract, abstracted.Reason);
        Assert.Equal(foreign, abstracted.Value.ForeignOrigin);
    }

    [Fact]
    public void A_rebinding_page_is_foreign_though_its_host_and_origin_agree()
    {
        // DNS rebinding: the page's name resolves to the server, so Host and Origin both carry it.
        // The URL the client really sent to (a client log, or the reference server's bound address) decides.
        var request = new WireRequest("POST", "http://127.0.0.1:8080/mcp",
            HeaderList.Of([("Host", "rebinding.invalid:8080"), ("Origin", "http://rebinding.invalid:8080")]), Encoding.UTF8.GetBytes(ToolCall));
        Assert.True(new Abstraction().Request(request).Value.ForeignOrigin);
    }

    [Fact]
    public void Symbols_number_ids_in_order_of_first_appearance()
    {
        var symbols = new Symbols();
        Assert.True(symbols.TryGet("x", out byte first));
        Assert.True(symbols.TryGet("y", out byte second));
        Assert.True(symbols.TryGet("x", out byte again));
        Assert.Equal((1, 2, 1), (first, second, again));
        Assert.Equal(0, symbols.Find("never seen"));
        for (int i = symbols.Count; i < Symbols.Capacity; i++) Assert.True(symbols.TryGet("id" + i, out _));
        Assert.False(symbols.TryGet("one too many", out _));
        Assert.True(symbols.TryGet("x", out _));
    }

    [Fact]
    public void Two_sessions_become_S1_and_S2_and_each_keeps_its_symbol()
    {
        var abstraction = new Abstraction();
        byte Assigned(string id) => abstraction.Response(Json(200, "{}", ("Mcp-Session-Id", id)) with { Body = [] }).Value.AssignedSession;
        byte Sent(string id) => abstraction.Request(new WireRequest("DELETE", "/mcp", HeaderList.Of(("mcp-session-id", id)), [])).Value.Session;

        Assert.Equal(1, Assigned("daf8acd6"));
        Assert.Equal(2, Assigned("0333c537"));
        Assert.Equal(1, Sent("daf8acd6"));
        Assert.Equal(2, Sent("0333c537"));
    }

    [Fact]
    public void A_result_is_recognised_by_the_request_it_answers()
    {
        var abstraction = new Abstraction();
        var call = abstraction.Request(Post(ToolCall));
        Assert.Equal((Payload.ToolCall, (byte)1), (call.Value.Payload, call.Value.RequestId));

        var answer = abstraction.Response(Json(200, """{"jsonrpc":"2.0","id":"a","result":{"content":[]}}"""));
        Assert.Equal(AbstractResponse.Json(Message.Of(MessageKind.ToolResult, 1)), answer.Value);

        var stranger = abstraction.Response(Json(200, """{"jsonrpc":"2.0","id":"b","result":{}}"""));
        Assert.Contains("a result for id \"b\"", stranger.Reason);
    }

    [Fact]
    public void A_2026_request_with_matching_headers_and_meta_has_modern_metadata()
    {
        const string discover = """{"jsonrpc":"2.0","id":1,"method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}""";
        var modern = new Abstraction().Request(Post(discover, ("Mcp-Method", "server/discover"), ("MCP-Protocol-Version", "2026-07-28"), ("Authorization", "Bearer t0k")));
        Assert.True(modern.IsAbstract, modern.Reason);
        Assert.Equal(Payload.Discover, modern.Value.Payload);
        Assert.Equal(VersionValue.V2026_07_28, modern.Value.BodyVersion);
        Assert.Equal(VersionValue.V2026_07_28, modern.Value.VersionHeader);
        Assert.True(modern.Value.ModernMetadata);
        Assert.True(modern.Value.Token);

        var mismatched = new Abstraction().Request(Post(discover, ("Mcp-Method", "tools/call"), ("Authorization", "Basic abc")));
        Assert.False(mismatched.Value.ModernMetadata);
        Assert.False(mismatched.Value.Token);
    }

    [Fact]
    public void Error_bodies_keep_the_codes_fallback_depends_on_and_a_401_its_metadata_pointer()
    {
        var abstraction = new Abstraction();
        var unsupported = abstraction.Response(Json(400, """{"jsonrpc":"2.0","id":1,"error":{"code":-32022,"message":"unsupported"}}"""));
        Assert.Equal(AbstractResponse.Failure(Status.BadRequest400, ErrorCode.UnsupportedVersion32022), unsupported.Value);
        var other = abstraction.Response(Json(400, """{"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"Bad Request"}}"""));
        Assert.Equal(ErrorCode.Legacy, other.Value.Error);

        var challenge = ("WWW-Authenticate", "Bearer resource_metadata=\"https://h/.well-known/oauth-protected-resource\"");
        Assert.True(abstraction.Response(Json(401, "", challenge)).Value.ResourceMetadata);
        Assert.False(abstraction.Response(Json(401, "", ("WWW-Authenticate", "Bearer realm=\"x\""))).Value.ResourceMetadata);
    }

    [Fact]
    public void Events_map_by_type_and_data_with_ids_retry_and_batches()
    {
        var abstraction = new Abstraction();
        abstraction.Request(Post(ToolCall));

        Assert.Equal(SseItem.Priming(1, retry: true), abstraction.Event(new WireSseEvent("message", "p", "", 500, SseEventFlags.HasId | SseEventFlags.HasRetry)).Value);
        Assert.Equal(SseItem.Of(Message.Of(MessageKind.Notification), 2), abstraction.Event(Data("""{"jsonrpc":"2.0","method":"notifications/progress"}""", "n")).Value);
        Assert.Equal(SseItem.Of(Message.Of(MessageKind.ServerRequest)), abstraction.Event(Data("""{"jsonrpc":"2.0","id":7,"method":"ping"}""")).Value);

        var batch = abstraction.Event(Data("""[{"jsonrpc":"2.0","method":"notifications/progress"},{"jsonrpc":"2.0","id":"a","result":{}}]"""));
        var expected = SseItem.Of(Message.Of(MessageKind.ToolResult, 1));
        expected.Batched = true;
        Assert.Equal(expected, batch.Value);
        Assert.Equal(EventKind.Endpoint, abstraction.Event(new WireSseEvent("endpoint", null, "/message?sessionId=1", -1, SseEventFlags.None)).Value.Kind);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/ca""", "malformed JSON")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{}}""", "a JSON-RPC response from the client")]
    [InlineData("42", "JSON that is not a JSON-RPC message")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2099-1-1"}}""", "initialize protocolVersion `2099-1-1` is not a published revision")]
    public void Request_bodies_without_an_abstract_value_say_why(string body, string reason)
    {
        var result = new Abstraction().Request(Post(body));
        Assert.False(result.IsAbstract);
        Assert.Contains(reason, result.Reason);
    }

    [Fact]
    public void Heads_and_events_without_an_abstract_value_say_why()
    {
        var abstraction = new Abstraction();
        Assert.Contains("HTTP method `PUT`", abstraction.Request(new WireRequest("PUT", "/mcp", HeaderList.Empty, [])).Reason);
        Assert.Contains("MCP-Protocol-Version `2025-6-18`", abstraction.Request(new WireRequest("GET", "/mcp", HeaderList.Of(("MCP-Protocol-Version", "2025-6-18")), [])).Reason);
        Assert.Contains("status 418", abstraction.Response(Json(418, "")).Reason);
        // Every other request stands for the model's ordinary request; a date no revision has is Unsupported.
        var other = abstraction.Request(new WireRequest("POST", "/mcp", HeaderList.Empty, System.Text.Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":7,"method":"tools/list"}""")));
        Assert.Equal(Payload.ToolCall, other.Value.Payload);
        var future = abstraction.Request(new WireRequest("POST", "/mcp", HeaderList.Empty, System.Text.Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":8,"method":"initialize","params":{"protocolVersion":"2099-01-01"}}""")));
        Assert.Equal(VersionValue.Unsupported, future.Value.BodyVersion);
        Assert.Equal(Body.Other, abstraction.Response(new WireResponse(202, HeaderList.Of(("Content-Type", "text/plain")), [65], [], null)).Value.Body);
        Assert.Contains("malformed JSON", abstraction.Event(Data("{\"jsonrpc\":")).Reason);
        Assert.Contains("event type `update`", abstraction.Event(new WireSseEvent("update", null, "{}", -1, SseEventFlags.None)).Reason);
        Assert.Contains("empty data and no id", abstraction.Event(Data("")).Reason);
        Assert.Contains("an empty JSON-RPC batch", abstraction.Event(Data("[]")).Reason);
    }

    [Fact]
    public void An_exchange_names_the_part_that_has_no_abstract_value()
    {
        var abstraction = new Abstraction();
        var response = new WireResponse(200, HeaderList.Of(("Content-Type", "text/event-stream")), [], [Data("""{"jsonrpc":"2.0","id":"a","result":{}}"""), Data("not json")], null);
        var result = abstraction.Exchange(new WireExchange(0, Post(ToolCall), response));
        Assert.StartsWith("SSE event 2: malformed JSON", result.Reason);
    }
}
