using System.Text.Json;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Fuzzer.Targets;

/// <summary>
/// The reference for <c>jsonrpc-classifier</c>: JSON-RPC 2.0 message kinds computed from a
/// <see cref="JsonDocument"/>, as directly from the spec as possible. Duplicate members: the last
/// one wins, as in our classifier. Only the first JSON value is parsed; what follows is reported
/// as trailing data.
/// </summary>
public static class JsonRpcDomClassifier
{
    /// <summary>The kind and the facts the DOM can decide. <see cref="Parsed"/> is false when
    /// System.Text.Json rejected the payload (then nothing else is set).</summary>
    public sealed record Verdict(bool Parsed, JsonRpcKind Kind, JsonRpcFacts Facts, IReadOnlyList<Verdict> Elements, int Depth, bool DuplicateNames);

    public static Verdict Classify(ReadOnlySpan<byte> payload)
    {
        // JSON text is UTF-8 (RFC 8259 §8.1). System.Text.Json does not check every byte (member
        // names are only checked when decoded), so the reference checks first.
        if (!System.Text.Unicode.Utf8.IsValid(payload)) return Unparsed;
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 1024, AllowMultipleValues = true });
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

    private static readonly Verdict Unparsed = new(false, JsonRpcKind.Invalid, JsonRpcFacts.Malformed, [], 0, false);

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
            if (root.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object && Member(e, "id") is not null && Member(e, "method") is { ValueKind: JsonValueKind.String } m && m.ValueEquals("initialize")))
                facts |= JsonRpcFacts.InitializeInBatch;
            return new Verdict(true, JsonRpcKind.Batch, facts, elements, depth, duplicates);
        }

        return Element(root) with { Depth = depth, DuplicateNames = duplicates };
    }

    private static Verdict Element(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) return new Verdict(true, JsonRpcKind.Invalid, JsonRpcFacts.BadShape, [], 0, false);
        JsonElement? version = Member(e, "jsonrpc"), id = Member(e, "id"), method = Member(e, "method"),
            parameters = Member(e, "params"), result = Member(e, "result"), error = Member(e, "error");
        JsonRpcFacts facts = JsonRpcFacts.None;
        if (version is not { ValueKind: JsonValueKind.String } v || !v.ValueEquals("2.0")) facts |= JsonRpcFacts.BadVersion;
        if (id is { ValueKind: JsonValueKind.Null }) facts |= JsonRpcFacts.NullId;
        if (id is { } i && i.ValueKind is not (JsonValueKind.Null or JsonValueKind.String) && !IsIntegerNumber(i)) facts |= JsonRpcFacts.BadIdType;
        if (parameters is { } p && p.ValueKind != JsonValueKind.Object) facts |= JsonRpcFacts.ParamsNotObject;

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
        else if (error is { } err)
        {
            kind = JsonRpcKind.Error;
            if (id is null) facts |= JsonRpcFacts.ErrorWithoutId;
            bool wellFormed = err.ValueKind == JsonValueKind.Object && Member(err, "code") is not null && Member(err, "message") is { ValueKind: JsonValueKind.String };
            if (!wellFormed) facts |= JsonRpcFacts.BadErrorObject;
        }
        else
        {
            kind = JsonRpcKind.Invalid;
            facts |= JsonRpcFacts.BadShape;
        }

        return new Verdict(true, kind, facts, [], 0, false);
    }

    /// <summary>The last member called <paramref name="name"/> (escapes resolved), or null.</summary>
    private static JsonElement? Member(JsonElement obj, string name)
    {
        JsonElement? found = null;
        foreach (var property in obj.EnumerateObject())
        {
            if (property.NameEquals(name)) found = property.Value;
        }

        return found;
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
