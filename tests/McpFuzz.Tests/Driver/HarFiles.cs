using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpFuzz.Tests.Driver;

/// <summary>Builds HAR 1.2 files in tests, shaped the way browsers save them.</summary>
internal static class HarFiles
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 15, 0, 0, TimeSpan.Zero);

    public const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    public const string InitializeResult = """{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-11-25","capabilities":{},"serverInfo":{"name":"s","version":"1"}}}""";

    public const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    /// <summary>A whole file: <c>{"log": {"version", "creator", "entries"}}</c>, indented as browsers write it.</summary>
    public static string Of(params JsonObject[] entries) => new JsonObject
    {
        ["log"] = new JsonObject
        {
            ["version"] = "1.2",
            ["creator"] = new JsonObject { ["name"] = "test", ["version"] = "1" },
            ["entries"] = new JsonArray(entries),
        },
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static JsonObject Entry(
        DateTimeOffset started,
        string method,
        string url,
        (string Name, string Value)[] requestHeaders,
        string? postText,
        int status,
        (string Name, string Value)[] responseHeaders,
        string? content,
        string? contentEncoding = null)
    {
        var request = new JsonObject
        {
            ["method"] = method,
            ["url"] = url,
            ["httpVersion"] = "HTTP/1.1",
            ["headers"] = Headers(requestHeaders),
            ["queryString"] = new JsonArray(),
            ["cookies"] = new JsonArray(),
            ["headersSize"] = -1,
            ["bodySize"] = postText?.Length ?? 0,
        };
        if (postText is not null) request["postData"] = new JsonObject { ["mimeType"] = "application/json", ["text"] = postText };

        var body = new JsonObject { ["size"] = content?.Length ?? 0, ["mimeType"] = responseHeaders.FirstOrDefault(h => h.Name == "Content-Type").Value ?? "" };
        if (content is not null) body["text"] = content;
        if (contentEncoding is not null) body["encoding"] = contentEncoding;

        return new JsonObject
        {
            ["startedDateTime"] = started.ToString("O"),
            ["time"] = 50.0,
            ["request"] = request,
            ["response"] = new JsonObject
            {
                ["status"] = status,
                ["statusText"] = "",
                ["httpVersion"] = "HTTP/1.1",
                ["headers"] = Headers(responseHeaders),
                ["cookies"] = new JsonArray(),
                ["content"] = body,
                ["redirectURL"] = "",
                ["headersSize"] = -1,
                ["bodySize"] = -1,
            },
            ["cache"] = new JsonObject(),
            // ssl is part of connect, and dns did not apply: the head arrived 0.5+2+1+6.5 = 10 ms after the start.
            ["timings"] = new JsonObject { ["blocked"] = 0.5, ["dns"] = -1, ["connect"] = 2.0, ["ssl"] = 1.5, ["send"] = 1.0, ["wait"] = 6.5, ["receive"] = 40.0 },
        };
    }

    private static JsonArray Headers((string Name, string Value)[] headers) =>
        new(headers.Select(h => (JsonNode)new JsonObject { ["name"] = h.Name, ["value"] = h.Value }).ToArray());
}
