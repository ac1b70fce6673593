using FsCheck;
using FsCheck.Fluent;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Fuzzer.Generators;

/// <summary>FsCheck generators of JSON-RPC payloads: conforming messages of every kind, and
/// drafts whose members take any JSON type, appear twice, go missing or trail garbage.</summary>
public static class JsonRpcGenerators
{
    private static readonly string[] Methods =
    [
        "initialize", "notifications/initialized", "ping", "tools/list", "tools/call", "resources/read",
        "server/discover", "notifications/cancelled", "notifications/progress", "sampling/createMessage", "x/é", "",
    ];

    // Declared first: static initializers run in textual order.
    private static Gen<string> SafeStrings { get; } =
        ArbMap.Default.GeneratorFor<string>().Select(s => new string((s ?? "").Where(c => !char.IsSurrogate(c)).ToArray()));

    private static Gen<string?> ParamsObjects { get; } = Gen.OneOf(
        Gen.Constant<string?>(null),
        Gen.Elements<string?>("{}", "{\"name\":\"echo\",\"arguments\":{\"a\":[1,2,{\"b\":null}]}}", "{\"_meta\":{\"progressToken\":1}}",
            "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}"));

    private static Gen<string> ErrorObjects { get; } =
        from code in Gen.Elements("-32600", "-32601", "-32602", "-32000", "1.5", "\"-32600\"", "null", "1e2")
        from message in Gen.Elements("\"m\"", "1", "null")
        from data in Gen.Elements("", ",\"data\":{}", ",\"data\":[1]")
        from shape in Gen.Elements(0, 1, 2, 3)
        select shape switch
        {
            0 => $"{{\"code\":{code},\"message\":{message}{data}}}",
            1 => $"{{\"message\":{message}}}",
            2 => $"{{\"code\":{code}}}",
            _ => $"{{\"code\":{code},\"message\":{message},\"code\":-1}}",
        };

    /// <summary>Raw JSON values of every type, nested a little.</summary>
    public static Gen<string> JsonValues { get; } = BuildJsonValues(3);

    /// <summary>Valid ids: strings (with escapes and non-ASCII) and integers.</summary>
    public static Gen<string> Ids { get; } = Gen.OneOf(
        ArbMap.Default.GeneratorFor<long>().Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        SafeStrings.Select(JsonRpcWriter.Quote),
        Gen.Elements("\"\\u0041\"", "\"a\\\"b\"", "0", "-1", "9007199254740993"));

    /// <summary>Ids no revision allows.</summary>
    public static Gen<string> BadIds { get; } = Gen.Elements("null", "1.5", "1e3", "1.0", "true", "{}", "[1]", "-0.0");

    /// <summary>Conforming messages (JSON-RPC 2.0 shapes; MCP revision rules aside).</summary>
    public static Gen<JsonRpcDraft> Messages { get; } = Gen.OneOf(
        from id in Ids from method in Gen.Elements(Methods) from p in ParamsObjects select JsonRpcDraft.Request(id, method, p),
        from method in Gen.Elements(Methods) from p in ParamsObjects select JsonRpcDraft.Notification(method, p),
        from id in Ids from result in JsonValues select JsonRpcDraft.Success(id, result),
        from id in Ids from code in ArbMap.Default.GeneratorFor<int>() from message in SafeStrings
        from data in Gen.OneOf(Gen.Constant<string?>(null), JsonValues.Select(v => (string?)v))
        select JsonRpcDraft.Failure(id, code, message, data));

    /// <summary>Any draft: each member absent or of any type, extras, duplicates, trailing bytes.</summary>
    public static Gen<JsonRpcDraft> Drafts { get; } =
        from version in Gen.Frequency((6, Gen.Constant<string?>("\"2.0\"")), (1, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>("\"1.0\"", "2.0", "\"2.0 \"", "\"\\u0032.0\"")))
        from id in Optional(Gen.Frequency((5, Ids), (2, BadIds), (1, JsonValues)))
        from method in Gen.Frequency((3, Gen.Constant<string?>(null)), (3, Gen.Elements(Methods).Select(m => (string?)m)))
        from parameters in Optional(Gen.Frequency((4, ParamsObjects.Select(p => p ?? "{}")), (1, JsonValues)))
        from result in Optional(JsonValues)
        from error in Optional(Gen.Frequency((4, ErrorObjects), (1, JsonValues)))
        from extra in Gen.ListOf(Gen.Zip(Gen.Elements("id", "method", "jsonrpc", "result", "x", "x", "_meta", "\\u0069d"), JsonValues)).Select(l => l.Take(3).Select(p => KeyValuePair.Create(p.Item1, p.Item2)).ToArray())
        from trailing in Gen.Frequency((8, Gen.Constant("")), (1, Gen.Elements(" ", "\n", "x", "{}", "\r\n ", "]")))
        select new JsonRpcDraft { Version = version, Id = id, Method = method, Params = parameters, Result = result, Error = error, Extra = extra, Trailing = trailing };

    private static Gen<string?> Optional(Gen<string> value) =>
        Gen.Frequency((1, Gen.Constant<string?>(null)), (2, value.Select(v => (string?)v)));

    private static Gen<string> BuildJsonValues(int depth)
    {
        Gen<string> scalars = Gen.OneOf(
            Gen.Elements("null", "true", "false", "0", "-1", "1.5", "1e-3", "\"\"", "\"x\"", "\"\\u00e9\"", "\"é\""),
            ArbMap.Default.GeneratorFor<int>().Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            SafeStrings.Select(JsonRpcWriter.Quote));
        if (depth == 0) return scalars;
        Gen<string> inner = BuildJsonValues(depth - 1);
        Gen<string> arrays = Gen.ListOf(inner).Select(items => "[" + string.Join(",", items.Take(4)) + "]");
        Gen<string> objects = Gen.ListOf(Gen.Zip(SafeStrings, inner)).Select(members =>
            "{" + string.Join(",", members.Take(4).Select(m => JsonRpcWriter.Quote(m.Item1) + ":" + m.Item2)) + "}");
        return Gen.Frequency((4, scalars), (1, arrays), (1, objects));
    }
}
