using System.Text;

namespace McpFuzz.Benchmarks.JsonRpc;

/// <summary>Payloads of realistic shape and size.</summary>
public enum JsonRpcCase
{
    /// <summary>A tools/call request with arguments and _meta (~350 B).</summary>
    Request,

    /// <summary>A tools/call result with text content (~250 B).</summary>
    SmallResult,

    /// <summary>A tools/list result with 60 tools and schemas (~25 KB).</summary>
    LargeResult,

    /// <summary>An error response with data (~200 B).</summary>
    Error,
}

public static class JsonRpcPayloads
{
    public static byte[] For(JsonRpcCase @case) => Encoding.UTF8.GetBytes(@case switch
    {
        JsonRpcCase.Request =>
            """{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"get-weather","arguments":{"location":"Seattle, WA","units":"metric","days":3,"include":["wind","rain"]},"_meta":{"progressToken":"p-42","io.modelcontextprotocol/protocolVersion":"2025-11-25","io.modelcontextprotocol/clientCapabilities":{"sampling":{},"elicitation":{"form":{}}}}}}""",
        JsonRpcCase.SmallResult =>
            """{"result":{"content":[{"type":"text","text":"The weather in Seattle is 12°C with light rain and wind from the south-west."}],"isError":false},"jsonrpc":"2.0","id":42}""",
        JsonRpcCase.LargeResult => LargeResult(),
        JsonRpcCase.Error =>
            """{"jsonrpc":"2.0","id":"req-7","error":{"code":-32602,"message":"Invalid params: location is required","data":{"field":"location","reason":"missing","schema":"#/properties/location"}}}""",
        _ => throw new ArgumentOutOfRangeException(nameof(@case)),
    });

    private static string LargeResult()
    {
        var tools = Enumerable.Range(0, 60).Select(t =>
            "{\"name\":\"tool-" + t + "\",\"title\":\"Tool number " + t + "\",\"description\":\"Does thing " + t + " with the given arguments and returns structured content.\"," +
            "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\",\"description\":\"Message\"},\"count\":{\"type\":\"number\",\"minimum\":1,\"maximum\":10}," +
            "\"mode\":{\"type\":\"string\",\"enum\":[\"fast\",\"slow\"]}},\"required\":[\"message\"]},\"annotations\":{\"readOnlyHint\":true,\"destructiveHint\":false}}");
        return $$"""{"result":{"tools":[{{string.Join(",", tools)}}]},"jsonrpc":"2.0","id":2}""";
    }
}
