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

    /// <param name="requestId">The concrete JSON id of the request this answers, or for a
    /// subscription's notification of the listen request (raw JSON text).</param>
    /// <param name="revision">The revision whose schema applies to the message.</param>
    /// <param name="method">The method of the request a result answers: the model's one ordinary
    /// request stands for any, and each method's result has its own schema.</param>
    public static byte[] Of(Message message, string? requestId, Revision revision, string? method = null) => message.Kind switch
    {
        MessageKind.ToolResult when method == "ping" => JsonRpcWriter.Write(JsonRpcDraft.Success(Id(requestId), "{}")),
        MessageKind.ToolResult when method == "tools/list" => JsonRpcWriter.Write(JsonRpcDraft.Success(Id(requestId), Tools + ResultType(revision) + "}")),
        MessageKind.InitializeResult => JsonRpcWriter.Write(JsonRpcDraft.Success(Id(requestId),
            "{\"protocolVersion\":" + JsonRpcWriter.Quote(message.Version.ToText()) + ",\"capabilities\":{\"tools\":{}},\"serverInfo\":" + ServerInfo + "}")),
        MessageKind.ToolResult => JsonRpcWriter.Write(JsonRpcDraft.Success(Id(requestId),
            """{"content":[{"type":"text","text":"ok"}]""" + ResultType(revision) + "}")),
        MessageKind.InputRequired => JsonRpcWriter.Write(JsonRpcDraft.Success(Id(requestId), InputRequired(message))),
        MessageKind.ListenResult => JsonRpcWriter.Write(JsonRpcDraft.Success(Id(requestId),
            "{\"resultType\":\"complete\"," + SubscriptionMeta(requestId) + "}")),
        MessageKind.Notification when message.Notice != NoticeKind.Other => JsonRpcWriter.Write(JsonRpcDraft.Notification(Notices.Method(message.Notice), SubscriptionParams(message, requestId))),
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
        // An id that is neither a string nor an integer is no request id (jsonrpc.id-type): the
        // error answers a request whose id could not be read.
        if (requestId is not null && !IsRequestId(requestId)) requestId = null;
        if (requestId is null && RuleCatalog.JsonRpc.ErrorId.AppliesTo(revision)) return null;
        var (code, text) = error switch
        {
            ErrorCode.HeaderMismatch32020 => (-32020L, "header mismatch"),
            ErrorCode.MissingCapability32021 => (-32021L, "missing required client capability"),
            ErrorCode.UnsupportedVersion32022 => (-32022L, "unsupported protocol version"),
            ErrorCode.MethodNotFound32601 => (-32601L, "method not found"),
            _ => (-32600L, "invalid request"),
        };
        string? data = error switch
        {
            ErrorCode.UnsupportedVersion32022 => """{"supported":["2026-07-28"]}""",
            ErrorCode.MissingCapability32021 => """{"requiredCapabilities":{"elicitation":{}}}""",
            _ => null,
        };
        return JsonRpcWriter.Write(JsonRpcDraft.Failure(requestId, code, text, data));
    }

    /// <summary>The tool whose call needs the user's confirmation (an elicitation).</summary>
    public const string ConfirmTool = "confirm";

    /// <summary>From 2026-07-28 every result also lists the one tool, so that <c>tools/list</c> names it.</summary>
    /// <summary>The start of a tools/list result: the one tool, which needs an elicitation where MRTR exists.</summary>
    private const string Tools = "{\"tools\":[{\"name\":\"" + ConfirmTool + "\",\"description\":\"asks the user to confirm\",\"inputSchema\":{\"type\":\"object\"}}]";

    /// <summary>An InputRequiredResult asking for each kind of input the message names, with a request state.</summary>
    private static string InputRequired(Message message)
    {
        var requests = new List<string>();
        if ((message.Inputs & InputKinds.Elicitation) != 0)
            requests.Add("\"confirm\":{\"method\":\"elicitation/create\",\"params\":{\"mode\":\"form\",\"message\":\"Confirm?\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}}}");
        if ((message.Inputs & InputKinds.Roots) != 0) requests.Add("\"roots\":{\"method\":\"roots/list\"}");
        if ((message.Inputs & InputKinds.Sampling) != 0)
            requests.Add("\"sample\":{\"method\":\"sampling/createMessage\",\"params\":{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"Confirm?\"}}],\"maxTokens\":10}}");
        string inputs = requests.Count == 0 ? "" : ",\"inputRequests\":{" + string.Join(",", requests) + "}";
        string state = message.RequestState ? ",\"requestState\":\"mcpfuzz-confirm\"" : "";
        return "{\"resultType\":\"input_required\"" + inputs + state + "}";
    }

    private static string SubscriptionMeta(string? subscription) =>
        subscription is null ? "\"_meta\":{}" : "\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":" + subscription + "}";

    /// <summary>A subscription's notification: its tag and, for the acknowledgement, the filter it honours.</summary>
    private static string SubscriptionParams(Message message, string? subscription)
    {
        string text = "{" + SubscriptionMeta(subscription);
        if (message.Notice == NoticeKind.Acknowledged)
        {
            var fields = new List<string>();
            if ((message.Topics & Topics.ToolsListChanged) != 0) fields.Add("\"toolsListChanged\":true");
            if ((message.Topics & Topics.PromptsListChanged) != 0) fields.Add("\"promptsListChanged\":true");
            if ((message.Topics & Topics.ResourcesListChanged) != 0) fields.Add("\"resourcesListChanged\":true");
            text += ",\"notifications\":{" + string.Join(",", fields) + "}";
        }

        return text + "}";
    }

    private static bool IsRequestId(string json) =>
        (json.Length >= 2 && json[0] == '"' && json[^1] == '"') || long.TryParse(json, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string Id(string? requestId) => requestId ?? throw new ArgumentNullException(nameof(requestId), "a response answers a request");

    /// <summary>jsonrpc.result-type: where it holds, every result says it is complete.</summary>
    private static string ResultType(Revision revision) => RuleCatalog.JsonRpc.ResultType.AppliesTo(revision) ? ",\"resultType\":\"complete\"" : "";
}
