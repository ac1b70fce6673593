using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Driver.Reference;

/// <summary>The JSON-RPC text of the model's abstract messages, written with the wire layer's
/// writer. Results carry only what their revision's schema requires, plus <c>resultType</c>
/// where the catalog (jsonrpc.result-type) requires it.</summary>
public static class MessageText
{
    public const string ServerName = "mcpfuzz-reference";

    private const string ServerInfo = "{\"name\":\"" + ServerName + "\",\"version\":\"1.0.0\"}";

    /// <param name="requestId">The concrete JSON id of the request this answers (raw JSON text).</param>
    /// <param name="revision">The revision whose schema applies to the message.</param>
    /// <param name="method">The method of the request a result answers: the model's one ordinary
    /// request stands for any, and each method's result has its own schema.</param>
    public static byte[] Of(Message message, string? requestId, Revision revision, string? method = null) => message.Kind switch
    {
        MessageKind.ToolResult when method == "ping" => JsonRpcWriter.Write(JsonRpcDraft.Success(Id(requestId), "{}")),
        MessageKind.ToolResult when method == "tools/list" => JsonRpcWriter.Write(JsonRpcDraft.Success(Id(requestId),
            """{"tools":[{"name":"echo","inputSchema":{"type":"object"}}]""" + ResultType(revision) + "}")),
        MessageKind.InitializeResult => JsonRpcWriter.Write(JsonRpcDraft.Success(Id(requestId),
            "{\"protocolVersion\":" + JsonRpcWriter.Quote(message.Version.ToText()) + ",\"capabilities\":{\"tools\":{}},\"serverInfo\":" + ServerInfo + "}")),
        MessageKind.ToolResult => JsonRpcWriter.Write(JsonRpcDraft.Success(Id(requestId),
            """{"content":[{"type":"text","text":"ok"}]""" + ResultType(revision) + "}")),
        MessageKind.DiscoverResult => JsonRpcWriter.Write(JsonRpcDraft.Success(Id(requestId),
            "{\"supportedVersions\":[\"2026-07-28\"],\"capabilities\":{\"tools\":{}},\"_meta\":{\"io.modelcontextprotocol/serverInfo\":" + ServerInfo + "}" + ResultType(revision) + "}")),
        MessageKind.ErrorResponse => JsonRpcWriter.Write(JsonRpcDraft.Failure(Id(requestId), -32603, "internal error")),
        MessageKind.Notification => JsonRpcWriter.Write(JsonRpcDraft.Notification("notifications/message", """{"level":"info","data":"mcpfuzz"}""")),
        MessageKind.ServerRequest => JsonRpcWriter.Write(JsonRpcDraft.Request("\"mcpfuzz-ping\"", "ping")),
        _ => throw new ArgumentOutOfRangeException(nameof(message), message.Kind, "no JSON-RPC text for an empty message"),
    };

    /// <summary>The body of an HTTP-level error, or null where the revision has no conforming
    /// one: where jsonrpc.error-id holds, an error response needs the id of a request.</summary>
    public static byte[]? ErrorBody(ErrorCode error, string? requestId, Revision revision)
    {
        if (requestId is null && RuleCatalog.JsonRpc.ErrorId.AppliesTo(revision)) return null;
        var (code, text) = error switch
        {
            ErrorCode.HeaderMismatch32020 => (-32020L, "header mismatch"),
            ErrorCode.MissingCapability32021 => (-32021L, "missing required client capability"),
            ErrorCode.UnsupportedVersion32022 => (-32022L, "unsupported protocol version"),
            ErrorCode.MethodNotFound32601 => (-32601L, "method not found"),
            _ => (-32600L, "invalid request"),
        };
        string? data = error == ErrorCode.UnsupportedVersion32022 ? """{"supported":["2026-07-28"]}""" : null;
        return JsonRpcWriter.Write(JsonRpcDraft.Failure(requestId, code, text, data));
    }

    private static string Id(string? requestId) => requestId ?? throw new ArgumentNullException(nameof(requestId), "a response answers a request");

    /// <summary>jsonrpc.result-type: where it holds, every result says it is complete.</summary>
    private static string ResultType(Revision revision) => RuleCatalog.JsonRpc.ResultType.AppliesTo(revision) ? ",\"resultType\":\"complete\"" : "";
}
