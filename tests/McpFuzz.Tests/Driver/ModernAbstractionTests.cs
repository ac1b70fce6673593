using System.Text;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.Sse;
using Xunit;

namespace McpFuzz.Tests.Driver;

/// <summary>The 2026-07-28 values read from concrete traffic: a listen filter, declared capabilities,
/// an InputRequiredResult's inputs and state, a subscription's acknowledgement and tags, resultType.</summary>
public class ModernAbstractionTests
{
    private static WireRequest Post(string body, string method) =>
        new("POST", "http://127.0.0.1/mcp", HeaderList.Of(("Mcp-Method", method), ("MCP-Protocol-Version", "2026-07-28")), Encoding.UTF8.GetBytes(body));

    private static WireResponse Json(string body) =>
        new(200, HeaderList.Of(("Content-Type", "application/json")), Encoding.UTF8.GetBytes(body), [], null);

    private const string Meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{},\"roots\":{}}}";

    [Fact]
    public void A_tool_call_declares_its_input_capabilities_and_its_input_required_result_is_read()
    {
        var abstraction = new Abstraction();
        var request = abstraction.Request(Post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{" + Meta + ",\"name\":\"x\"}}", "tools/call")).Value;
        Assert.True(request.InputMethod);
        Assert.Equal(InputKinds.Elicitation | InputKinds.Roots, request.Declared);

        var response = abstraction.Response(Json("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"resultType\":\"input_required\",\"inputRequests\":{\"a\":{\"method\":\"elicitation/create\"},\"b\":{\"method\":\"tools/call\"}},\"requestState\":\"s\"}}")).Value;
        Assert.Equal(MessageKind.InputRequired, response.Message.Kind);
        Assert.Equal(InputKinds.Elicitation | InputKinds.Other, response.Message.Inputs);
        Assert.True(response.Message.RequestState);
    }

    [Fact]
    public void A_listen_request_its_acknowledgement_tags_and_final_result_are_read()
    {
        var abstraction = new Abstraction();
        var request = abstraction.Request(Post("{\"jsonrpc\":\"2.0\",\"id\":\"L\",\"method\":\"subscriptions/listen\",\"params\":{" + Meta +
            ",\"notifications\":{\"toolsListChanged\":true,\"promptsListChanged\":false,\"resourceSubscriptions\":[\"file:///a\"]}}}", "subscriptions/listen")).Value;
        Assert.Equal(Payload.Listen, request.Payload);
        Assert.False(request.InputMethod);
        Assert.Equal(Topics.ToolsListChanged | Topics.ResourceUpdated, request.Listen);

        var ack = abstraction.Event(new WireSseEvent("message", null, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/subscriptions/acknowledged\",\"params\":{\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":\"L\"},\"notifications\":{\"toolsListChanged\":true}}}", 0, SseEventFlags.None)).Value;
        Assert.Equal(NoticeKind.Acknowledged, ack.Message.Notice);
        Assert.Equal(request.RequestId, ack.Message.Subscription);
        Assert.Equal(Topics.ToolsListChanged, ack.Message.Topics);

        var untagged = abstraction.Event(new WireSseEvent("message", null, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}", 0, SseEventFlags.None)).Value;
        Assert.Equal(NoticeKind.ToolsListChanged, untagged.Message.Notice);
        Assert.Equal(0, untagged.Message.Subscription);

        var end = abstraction.Event(new WireSseEvent("message", null, "{\"jsonrpc\":\"2.0\",\"id\":\"L\",\"result\":{\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":\"L\"}}}", 0, SseEventFlags.None)).Value;
        Assert.Equal(MessageKind.ListenResult, end.Message.Kind);
        Assert.Equal(ResultType.Complete, end.Message.ResultType);
        Assert.Equal(request.RequestId, end.Message.Subscription);
    }

    [Fact]
    public void Error_bodies_keep_the_response_and_reserved_codes_are_told_apart()
    {
        var abstraction = new Abstraction();
        abstraction.Request(Post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + Meta + "}}", "tools/list"));
        var error = abstraction.Response(Json("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32042,\"message\":\"x\"}}")).Value;
        Assert.Equal(ErrorCode.Reserved, error.Error);
        Assert.Equal(MessageKind.ErrorResponse, error.Message.Kind);
        var untyped = abstraction.Response(Json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[]}}")).Value;
        Assert.Equal(ResultType.Absent, untyped.Message.ResultType);
    }
}
