using System.Text.Json;
using System.Text.Unicode;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Tests.Wire.JsonRpc;

/// <summary>What a DOM-based reading of a payload says; the streaming classifier must agree.</summary>
public sealed record DomView(JsonRpcKind Kind, JsonRpcFacts Facts, JsonRpcIdKind IdKind, string? IdRaw, string? Method, long? ErrorCode, string? ParamsRaw, string? ResultRaw, IReadOnlyList<DomView> Elements)
{
    public bool Equals(DomView? other) =>
        other is not null && Kind == other.Kind && Facts == other.Facts && IdKind == other.IdKind && IdRaw == other.IdRaw &&
        Method == other.Method && ErrorCode == other.ErrorCode && ParamsRaw == other.ParamsRaw && ResultRaw == other.ResultRaw &&
        Elements.SequenceEqual(other.Elements);

    public override int GetHashCode() => HashCode.Combine(Kind, Facts, IdRaw, Method);

    public override string ToString() =>
        $"{Kind} facts={Facts} id={IdKind}:{IdRaw} method={Method} code={ErrorCode} params={ParamsRaw} result={ResultRaw} [{string.Join(", ", Elements)}]";

    /// <summary>The same view of a streaming classification.</summary>
    public static DomView Of(JsonRpcEnvelope e, byte[] payload) => new(
        e.Kind, e.Facts & ~JsonRpcFacts.TrailingData, e.IdKind, e.IdText(payload), e.MethodName(payload), e.ErrorCode,
        e.Params.IsPresent ? System.Text.Encoding.UTF8.GetString(e.Params.Of(payload)) : null,
        e.Result.IsPresent ? System.Text.Encoding.UTF8.GetString(e.Result.Of(payload)) : null,
        e.Elements.Select(x => Of(x, payload)).ToList());
}

/// <summary>An independent classifier built on <see cref="JsonDocument"/>: parse everything, then
/// look at the tree. Written from the JSON-RPC and MCP texts, not from the streaming code.</summary>
public static class DomClassifier
{
    /// <summary>Null when the payload is not one JSON value (JsonDocument throws).</summary>
    public static DomView? Classify(byte[] payload, int maxDepth = 64)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            JsonRpcFacts utf8 = Utf8.IsValid(payload) ? JsonRpcFacts.None : JsonRpcFacts.InvalidUtf8;
            JsonElement root = document.RootElement;
            DomView view = root.ValueKind switch
            {
                JsonValueKind.Object => Message(root),
                JsonValueKind.Array => Batch(root),
                _ => new DomView(JsonRpcKind.Invalid, JsonRpcFacts.BadShape, JsonRpcIdKind.Absent, null, null, null, null, null, []),
            };
            return view with { Facts = view.Facts | utf8 };
        }
    }

    private static DomView Batch(JsonElement array)
    {
        var elements = array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object
            ? Message(e)
            : new DomView(JsonRpcKind.Invalid, JsonRpcFacts.BadShape, JsonRpcIdKind.Absent, null, null, null, null, null, [])).ToList();
        JsonRpcFacts facts = JsonRpcFacts.IsBatch;
        bool requests = elements.Any(e => e.Kind is JsonRpcKind.Request or JsonRpcKind.Notification);
        bool responses = elements.Any(e => e.Kind is JsonRpcKind.Result or JsonRpcKind.Error);
        if (elements.Count == 0 || (requests && responses) || elements.Any(e => e.Kind == JsonRpcKind.Invalid)) facts |= JsonRpcFacts.BadBatch;
        if (elements.Any(e => e.Kind == JsonRpcKind.Request && e.Method == "initialize")) facts |= JsonRpcFacts.InitializeInBatch;
        return new DomView(JsonRpcKind.Batch, facts, JsonRpcIdKind.Absent, null, null, null, null, null, elements);
    }

    private static DomView Message(JsonElement message)
    {
        var members = message.EnumerateObject().ToList();
        JsonRpcFacts facts = JsonRpcFacts.None;
        if (members.GroupBy(m => m.Name).Any(g => g.Count() > 1)) facts |= JsonRpcFacts.DuplicateMember;
        JsonElement? Get(string name)
        {
            int last = members.FindLastIndex(m => m.Name == name); // the last duplicate wins
            return last < 0 ? null : members[last].Value;
        }

        var version = Get("jsonrpc");
        if (version is not { ValueKind: JsonValueKind.String } v || v.GetString() != "2.0") facts |= JsonRpcFacts.BadVersion;

        var id = Get("id");
        JsonRpcIdKind idKind = id switch
        {
            null => JsonRpcIdKind.Absent,
            { ValueKind: JsonValueKind.String } => JsonRpcIdKind.String,
            { ValueKind: JsonValueKind.Null } => JsonRpcIdKind.Null,
            { ValueKind: JsonValueKind.Number } n => n.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0 ? JsonRpcIdKind.Integer : JsonRpcIdKind.NonInteger,
            _ => JsonRpcIdKind.Other,
        };
        if (idKind == JsonRpcIdKind.Null) facts |= JsonRpcFacts.NullId;
        if (idKind is JsonRpcIdKind.NonInteger or JsonRpcIdKind.Other) facts |= JsonRpcFacts.BadIdType;

        var parameters = Get("params");
        if (parameters is { ValueKind: not JsonValueKind.Object }) facts |= JsonRpcFacts.ParamsNotObject;

        var method = Get("method");
        var result = Get("result");
        var error = Get("error");
        long? code = null;
        JsonRpcKind kind;
        if (method is not null)
        {
            bool isString = method.Value.ValueKind == JsonValueKind.String;
            kind = !isString ? JsonRpcKind.Invalid : id is null ? JsonRpcKind.Notification : JsonRpcKind.Request;
            if (!isString || result is not null || error is not null) facts |= JsonRpcFacts.BadShape;
        }
        else if (result is not null && error is not null)
        {
            kind = JsonRpcKind.Invalid;
            facts |= JsonRpcFacts.ResultAndError;
        }
        else if (result is not null)
        {
            kind = JsonRpcKind.Result;
            if (id is null) facts |= JsonRpcFacts.ResultWithoutId;
        }
        else if (error is not null)
        {
            kind = JsonRpcKind.Error;
            if (id is null) facts |= JsonRpcFacts.ErrorWithoutId;
        }
        else
        {
            kind = JsonRpcKind.Invalid;
            facts |= JsonRpcFacts.BadShape;
        }

        if (error is { } err)
        {
            bool wellFormed = false;
            if (err.ValueKind == JsonValueKind.Object)
            {
                var errorMembers = err.EnumerateObject().ToList();
                if (errorMembers.Where(m => m.Name is "code" or "message" or "data").GroupBy(m => m.Name).Any(g => g.Count() > 1)) facts |= JsonRpcFacts.DuplicateMember;
                var codes = errorMembers.Where(m => m.Name == "code").Select(m => m.Value).ToList();
                var messages = errorMembers.Where(m => m.Name == "message").Select(m => m.Value).ToList();
                foreach (var c in codes)
                {
                    bool integer = c.ValueKind == JsonValueKind.Number && c.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0;
                    if (!integer) facts |= JsonRpcFacts.NonIntegerErrorCode;
                }

                if (codes.Count > 0)
                {
                    var last = codes[^1];
                    code = last.ValueKind == JsonValueKind.Number && last.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0 && last.TryGetInt64(out long c) ? c : null;
                }

                wellFormed = codes.Count > 0 && messages.Count > 0 && messages[^1].ValueKind == JsonValueKind.String;
            }

            if (kind == JsonRpcKind.Error && !wellFormed) facts |= JsonRpcFacts.BadErrorObject;
        }

        return new DomView(kind, facts, idKind, id?.GetRawText(), method is { ValueKind: JsonValueKind.String } m ? m.GetString() : null,
            code, parameters?.GetRawText(), result?.GetRawText(), []);
    }
}
