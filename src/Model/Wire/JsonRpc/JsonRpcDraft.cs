namespace McpFuzz.Model.Wire.JsonRpc;

/// <summary>
/// A JSON-RPC message to be written, member by member. Every member is raw JSON (or absent), so
/// a draft can describe any message, conforming or not: a null or fractional id, a missing
/// <c>jsonrpc</c>, both <c>result</c> and <c>error</c>, a repeated member, trailing bytes.
/// </summary>
public sealed record JsonRpcDraft
{
    /// <summary>Raw JSON of <c>jsonrpc</c>; null leaves the member out.</summary>
    public string? Version { get; init; } = "\"2.0\"";

    /// <summary>Raw JSON of <c>id</c> (<c>1</c>, <c>"a"</c>, <c>null</c>, <c>1.5</c>); null leaves it out.</summary>
    public string? Id { get; init; }

    /// <summary>The method name (written as a JSON string); null leaves it out.</summary>
    public string? Method { get; init; }

    /// <summary>Raw JSON of <c>params</c>; null leaves it out.</summary>
    public string? Params { get; init; }

    /// <summary>Raw JSON of <c>result</c>; null leaves it out.</summary>
    public string? Result { get; init; }

    /// <summary>Raw JSON of <c>error</c>; null leaves it out.</summary>
    public string? Error { get; init; }

    /// <summary>More members, written after the others, in order (a repeated name makes a duplicate).
    /// Names are written verbatim between quotes, so an escaped name such as <c>\u0069d</c> can be spelled.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extra { get; init; } = [];

    /// <summary>Bytes written after the closing brace, verbatim.</summary>
    public string Trailing { get; init; } = "";

    public static JsonRpcDraft Request(string id, string method, string? parameters = null) =>
        new() { Id = id, Method = method, Params = parameters };

    public static JsonRpcDraft Notification(string method, string? parameters = null) =>
        new() { Method = method, Params = parameters };

    public static JsonRpcDraft Success(string id, string result) => new() { Id = id, Result = result };

    /// <summary>An error response; <paramref name="id"/> null leaves the id out.</summary>
    public static JsonRpcDraft Failure(string? id, long code, string message, string? data = null) =>
        new() { Id = id, Error = ErrorObject(code, message, data) };

    /// <summary>The raw JSON of an error object.</summary>
    public static string ErrorObject(long code, string message, string? data = null) =>
        data is null
            ? $"{{\"code\":{code},\"message\":{JsonRpcWriter.Quote(message)}}}"
            : $"{{\"code\":{code},\"message\":{JsonRpcWriter.Quote(message)},\"data\":{data}}}";
}
