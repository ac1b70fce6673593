using System.Text.Json;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Fuzzer.Targets;

/// <summary>
/// The reference for the streaming <see cref="JsonRpcClassifier"/>, used by the
/// <c>jsonrpc-classifier</c> fuzz target and by the classifier's property tests: JSON-RPC 2.0
/// message kinds and facts computed from a <see cref="JsonDocument"/>, as directly from the
/// JSON-RPC and MCP texts as possible, not from the streaming code. Duplicate members: the last one
/// wins, as in our classifier. Only the first JSON value is parsed; what follows is reported as
/// trailing data.
/// </summary>
public static class JsonRpcDomClassifier
{
    /// <summary>What the DOM says about a payload. <see cref="Parsed"/> is false when
    /// System.Text.Json rejected the payload (then nothing else is set). The raw texts are the
    /// JSON source of the id, params and result; <see cref="Depth"/> and
    /// <see cref="DuplicateNames"/> describe the whole payload and are set on the top verdict only.</summary>
    public sealed record Verdict(
        bool Parsed,
        JsonRpcKind Kind,
        JsonRpcFacts Facts,
        IReadOnlyList<Verdict> Elements,
        int Depth = 0,
        bool DuplicateNames = false,
        JsonRpcIdKind IdKind = JsonRpcIdKind.Absent,
        string? IdRaw = null,
        string? Method = null,
        long? ErrorCode = null,
        string? ParamsRaw = null,
        string? ResultRaw = null);

    public static Verdict Classify(ReadOnlySpan<byte> payload, int maxDepth = 1024)
    {
        // JSON text is UTF-8 (RFC 8259 §8.1). System.Text.Json does not check every byte (member
        // names are only checked when decoded), so the reference checks first.
        if (!System.Text.Unicode.Utf8.IsValid(payload)) return Unparsed;
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = maxDepth, AllowMultipleValues = true });
        JsonDocument document;
        try
        {
            if (!JsonDocument.TryParseValue(ref reader, out JsonDocument? parsed)) return Unparsed;
            document = parsed;
        }
        catch (JsonException)
        {
            return Unparsed;
        }

        using (document)
        {
            long end = reader.BytesConsumed;
            bool trailing = !payload[(int)end..].Trim(" \t\r\n"u8).IsEmpty;
            Verdict verdict = Top(document.RootElement);
            return trailing ? verdict with { Facts = verdict.Facts | JsonRpcFacts.TrailingData } : verdict;
        }
    }

    private static readonly Verdict Unparsed = new(false, JsonRpcKind.Invalid, JsonRpcFacts.Malformed, []);

    private static readonly Verdict NotAnObject = new(true, JsonRpcKind.Invalid, JsonRpcFacts.BadShape, []);

    private static Verdict Top(JsonElement root)
    {
        int depth = Depth(root);
        bool duplicates = HasDuplicateNames(root);
        if (root.ValueKind == JsonValueKind.Array)
        {
            var elements = root.EnumerateArray().Select(Element).ToList();
            JsonRpcFacts facts = JsonRpcFacts.IsBatch;
            bool requests = elements.Any(e => e.Kind is JsonRpcKind.Request or JsonRpcKind.Notification);
            bool responses = elements.Any(e => e.Kind is JsonRpcKind.Result or JsonRpcKind.Error);
            if (elements.Count == 0 || elements.Any(e => e.Kind == JsonRpcKind.Invalid) || (requests && responses)) facts |= JsonRpcFacts.BadBatch;
            if (elements.Any(e => e.Kind == JsonRpcKind.Request && e.Method == "initialize")) facts |= JsonRpcFacts.InitializeInBatch;
            return new Verdict(true, JsonRpcKind.Batch, facts, elements, depth, duplicates);
        }

        return Element(root) with { Depth = depth, DuplicateNames = duplicates };
    }

    private static Verdict Element(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) return NotAnObject;
        var members = e.EnumerateObject().ToList();
        JsonRpcFacts facts = JsonRpcFacts.None;
        if (members.GroupBy(m => m.Name).Any(g => g.Count() > 1)) facts |= JsonRpcFacts.DuplicateMember;
        JsonElement? version = Last(members, "jsonrpc"), id = Last(members, "id"), method = Last(members, "method"),
            parameters = Last(members, "params"), result = Last(members, "result"), error = Last(members, "error");

        if (version is not { ValueKind: JsonValueKind.String } v || !v.ValueEquals("2.0")) facts |= JsonRpcFacts.BadVersion;
        JsonRpcIdKind idKind = id switch
        {
            null => JsonRpcIdKind.Absent,
            { ValueKind: JsonValueKind.String } => JsonRpcIdKind.String,
            { ValueKind: JsonValueKind.Null } => JsonRpcIdKind.Null,
            { ValueKind: JsonValueKind.Number } n => IsIntegerNumber(n) ? JsonRpcIdKind.Integer : JsonRpcIdKind.NonInteger,
            _ => JsonRpcIdKind.Other,
        };
        if (idKind == JsonRpcIdKind.Null) facts |= JsonRpcFacts.NullId;
        if (idKind is JsonRpcIdKind.NonInteger or JsonRpcIdKind.Other) facts |= JsonRpcFacts.BadIdType;
        if (parameters is { ValueKind: not JsonValueKind.Object }) facts |= JsonRpcFacts.ParamsNotObject;

        JsonRpcKind kind;
        if (method is { } m)
        {
            bool isString = m.ValueKind == JsonValueKind.String;
            kind = isString ? (id is null ? JsonRpcKind.Notification : JsonRpcKind.Request) : JsonRpcKind.Invalid;
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

        long? code = null;
        if (error is { } err)
        {
            var (errorFacts, errorCode, wellFormed) = ErrorObject(err);
            facts |= errorFacts;
            code = errorCode;
            if (kind == JsonRpcKind.Error && !wellFormed) facts |= JsonRpcFacts.BadErrorObject;
        }

        return new Verdict(true, kind, facts, [], IdKind: idKind, IdRaw: id?.GetRawText(),
            Method: method is { ValueKind: JsonValueKind.String } name ? name.GetString() : null,
            ErrorCode: code, ParamsRaw: parameters?.GetRawText(), ResultRaw: result?.GetRawText());
    }

    /// <summary>An error member: well formed when it is an object whose last <c>code</c> exists and
    /// whose last <c>message</c> is a string (JSON-RPC 2.0 §5.1); every <c>code</c> that is not an
    /// integer is reported, and the last one's value is the code.</summary>
    private static (JsonRpcFacts Facts, long? Code, bool WellFormed) ErrorObject(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object) return (JsonRpcFacts.None, null, false);
        var members = error.EnumerateObject().ToList();
        JsonRpcFacts facts = JsonRpcFacts.None;
        if (members.Where(m => m.Name is "code" or "message" or "data").GroupBy(m => m.Name).Any(g => g.Count() > 1)) facts |= JsonRpcFacts.DuplicateMember;
        var codes = members.Where(m => m.Name == "code").Select(m => m.Value).ToList();
        if (codes.Any(c => !IsIntegerNumber(c))) facts |= JsonRpcFacts.NonIntegerErrorCode;
        long? code = codes.Count > 0 && IsIntegerNumber(codes[^1]) && codes[^1].TryGetInt64(out long c) ? c : null;
        bool wellFormed = codes.Count > 0 && Last(members, "message") is { ValueKind: JsonValueKind.String };
        return (facts, code, wellFormed);
    }

    /// <summary>The last member called <paramref name="name"/> (escapes resolved), or null.</summary>
    private static JsonElement? Last(List<JsonProperty> members, string name)
    {
        int last = members.FindLastIndex(m => m.NameEquals(name));
        return last < 0 ? null : members[last].Value;
    }

    private static bool IsIntegerNumber(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number && e.GetRawText().AsSpan().IndexOfAny(".eE") < 0;

    private static int Depth(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => 1 + e.EnumerateObject().Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => 1 + e.EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    /// <summary>Whether some object anywhere repeats a member name, compared as raw tokens and as
    /// decoded names (either form counts: the classifier may compare either).</summary>
    private static bool HasDuplicateNames(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                bool repeated = false;
                foreach (var property in e.EnumerateObject())
                {
                    string name;
                    try { name = property.Name; }
                    catch (InvalidOperationException) { name = "\0raw:" + property.ToString(); }
                    repeated |= !names.Add(name);
                    repeated |= HasDuplicateNames(property.Value);
                }

                return repeated;
            case JsonValueKind.Array:
                return e.EnumerateArray().Any(HasDuplicateNames);
            default:
                return false;
        }
    }
}
