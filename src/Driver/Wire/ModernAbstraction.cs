using System.Text.Json;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Wire;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Driver.Wire;

/// <summary>Reads the 2026-07-28 values the model distinguishes from JSON-RPC payloads: a
/// request's declared input capabilities and subscription filter, a notification's kind and
/// subscription tag, a result's <c>resultType</c> and the inputs an InputRequiredResult asks for.
/// Ids are compared as JSON text, as the request ids are (<see cref="Symbols"/>).</summary>
public static class ModernAbstraction
{
    private const string SubscriptionKey = "io.modelcontextprotocol/subscriptionId";

    /// <summary>The methods a server may answer with an InputRequiredResult (2026-07-28/basic/patterns/mrtr#supported-requests).</summary>
    public static bool IsInputMethod(string? method) => method is "tools/call" or "resources/read" or "prompts/get";

    /// <summary>The input kinds <c>_meta</c> <c>io.modelcontextprotocol/clientCapabilities</c> declares.</summary>
    public static InputKinds Declared(ReadOnlySpan<byte> parameters)
    {
        if (!JsonRpcMembers.TryFind(parameters, "_meta"u8, out ByteRange meta, out _)) return InputKinds.None;
        var metaJson = meta.Of(parameters);
        if (!JsonRpcMembers.TryFind(metaJson, "io.modelcontextprotocol/clientCapabilities"u8, out ByteRange caps, out JsonTokenType type) || type != JsonTokenType.StartObject)
            return InputKinds.None;
        var json = caps.Of(metaJson);
        var kinds = InputKinds.None;
        if (JsonRpcMembers.TryFind(json, "elicitation"u8, out _, out _)) kinds |= InputKinds.Elicitation;
        if (JsonRpcMembers.TryFind(json, "sampling"u8, out _, out _)) kinds |= InputKinds.Sampling;
        if (JsonRpcMembers.TryFind(json, "roots"u8, out _, out _)) kinds |= InputKinds.Roots;
        return kinds;
    }

    /// <summary>The notification types a <c>notifications</c> filter asks for (of a listen request's
    /// params, or of an acknowledgement's params).</summary>
    public static Topics Filter(ReadOnlySpan<byte> parameters)
    {
        if (!JsonRpcMembers.TryFind(parameters, "notifications"u8, out ByteRange filter, out JsonTokenType type) || type != JsonTokenType.StartObject)
            return Topics.None;
        var json = filter.Of(parameters);
        var topics = Topics.None;
        if (IsTrue(json, "toolsListChanged"u8)) topics |= Topics.ToolsListChanged;
        if (IsTrue(json, "promptsListChanged"u8)) topics |= Topics.PromptsListChanged;
        if (IsTrue(json, "resourcesListChanged"u8)) topics |= Topics.ResourcesListChanged;
        if (JsonRpcMembers.TryFind(json, "resourceSubscriptions"u8, out ByteRange uris, out JsonTokenType list) && list == JsonTokenType.StartArray && !IsEmptyArray(uris.Of(json)))
            topics |= Topics.ResourceUpdated;
        return topics;
    }

    public static NoticeKind Notice(string? method) => method switch
    {
        "notifications/subscriptions/acknowledged" => NoticeKind.Acknowledged,
        "notifications/cancelled" => NoticeKind.Cancelled,
        "notifications/tools/list_changed" => NoticeKind.ToolsListChanged,
        "notifications/prompts/list_changed" => NoticeKind.PromptsListChanged,
        "notifications/resources/list_changed" => NoticeKind.ResourcesListChanged,
        "notifications/resources/updated" => NoticeKind.ResourceUpdated,
        _ => NoticeKind.Other,
    };

    /// <summary>The JSON text of <c>_meta</c> <c>io.modelcontextprotocol/subscriptionId</c> of a params or result object, or null.</summary>
    public static string? SubscriptionId(ReadOnlySpan<byte> json)
    {
        if (!JsonRpcMembers.TryFind(json, "_meta"u8, out ByteRange meta, out _)) return null;
        var metaJson = meta.Of(json);
        return JsonRpcMembers.TryFind(metaJson, System.Text.Encoding.UTF8.GetBytes(SubscriptionKey), out ByteRange id, out JsonTokenType type) && type is JsonTokenType.Number or JsonTokenType.String
            ? System.Text.Encoding.UTF8.GetString(id.Of(metaJson))
            : null;
    }

    public static ResultType ResultTypeOf(ReadOnlySpan<byte> result)
    {
        if (!JsonRpcMembers.TryFind(result, "resultType"u8, out _, out _)) return ResultType.Absent;
        return JsonRpcMembers.FindString(result, "resultType"u8) switch
        {
            "complete" => ResultType.Complete,
            "input_required" => ResultType.InputRequired,
            _ => ResultType.Unknown,
        };
    }

    /// <summary>The kinds of input the <c>inputRequests</c> map of an InputRequiredResult asks for.</summary>
    public static InputKinds Inputs(ReadOnlySpan<byte> result)
    {
        if (!JsonRpcMembers.TryFind(result, "inputRequests"u8, out ByteRange map, out JsonTokenType type) || type != JsonTokenType.StartObject) return InputKinds.None;
        var kinds = InputKinds.None;
        try
        {
            using var doc = JsonDocument.Parse(map.Of(result).ToArray());
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                string? method = entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                kinds |= method switch
                {
                    "elicitation/create" => InputKinds.Elicitation,
                    "sampling/createMessage" => InputKinds.Sampling,
                    "roots/list" => InputKinds.Roots,
                    _ => InputKinds.Other,
                };
            }
        }
        catch (JsonException)
        {
            return InputKinds.Other;
        }

        return kinds;
    }

    public static bool HasRequestState(ReadOnlySpan<byte> result) => JsonRpcMembers.FindString(result, "requestState"u8) is not null;

    private static bool IsTrue(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name) =>
        JsonRpcMembers.TryFind(json, name, out _, out JsonTokenType type) && type == JsonTokenType.True;

    private static bool IsEmptyArray(ReadOnlySpan<byte> array)
    {
        var reader = new Utf8JsonReader(array);
        return reader.Read() && reader.Read() && reader.TokenType == JsonTokenType.EndArray;
    }
}
