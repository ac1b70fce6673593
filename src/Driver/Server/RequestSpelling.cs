using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Driver.Server;

/// <summary>How a conforming client of one revision writes each request: the JSON-RPC bodies and
/// the headers. Which headers a revision requires comes from the catalog (version.header-required,
/// modern.protocol-header); the spelling is the only thing decided here.</summary>
public sealed class RequestSpelling(Revision revision, IReadOnlyList<(string Name, string Value)> userHeaders)
{
    public const string Accept = "application/json, text/event-stream";

    /// <summary>A date no revision has: what probes of version handling send.</summary>
    public const string UnsupportedVersion = "1999-01-01";

    private int _nextId;

    public Revision Revision { get; } = revision;

    public bool Modern => Revision == Revision.V2026_07_28;

    /// <summary>Whether requests after initialize carry MCP-Protocol-Version.</summary>
    public bool VersionHeaderAfterInitialize => RuleCatalog.Find(Cite.HeaderRequired)!.AppliesTo(Revision);

    public string NextId() => (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public byte[] Initialize(string version, string id) => JsonRpcWriter.Write(JsonRpcDraft.Request(id, "initialize",
        "{\"protocolVersion\":" + JsonRpcWriter.Quote(version) + ",\"capabilities\":{},\"clientInfo\":{\"name\":\"mcpfuzz\",\"version\":\"1.0.0\"}}"));

    public static byte[] Initialized() => JsonRpcWriter.Write(JsonRpcDraft.Notification("notifications/initialized", null));

    /// <summary>The ordinary request of every scenario: <c>ping</c> (every server answers it) or, for
    /// 2026-07-28, <c>tools/list</c> with the request metadata.</summary>
    public byte[] Request(string id, string? version = null) => Modern
        ? JsonRpcWriter.Write(JsonRpcDraft.Request(id, "tools/list", Meta(version ?? Revision.ToText())))
        : JsonRpcWriter.Write(JsonRpcDraft.Request(id, "ping", null));

    public string RequestMethod => Modern ? "tools/list" : "ping";

    public byte[] Discover(string id, string? version = null) =>
        JsonRpcWriter.Write(JsonRpcDraft.Request(id, "server/discover", Meta(version ?? Revision.ToText())));

    /// <summary>A 2025-03-26 batch: the ordinary request and a notification.</summary>
    public static byte[] Batch(string id) => JsonRpcWriter.WriteBatch([
        JsonRpcDraft.Request(id, "ping", null),
        JsonRpcDraft.Notification("notifications/roots/list_changed", null),
    ]);

    private static string Meta(string version) => "{" + MetaMember(version, "{}") + "}";

    private static string MetaMember(string version, string capabilities) =>
        "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":" + JsonRpcWriter.Quote(version) +
        ",\"io.modelcontextprotocol/clientCapabilities\":" + capabilities + ",\"io.modelcontextprotocol/clientInfo\":{\"name\":\"mcpfuzz\",\"version\":\"1.0.0\"}}";

    /// <summary>2026-07-28 <c>subscriptions/listen</c> asking for tools list changes only.</summary>
    public byte[] Listen(string id) => JsonRpcWriter.Write(JsonRpcDraft.Request(id, "subscriptions/listen",
        "{" + MetaMember(Revision.ToText(), "{}") + ",\"notifications\":{\"toolsListChanged\":true}}"));

    /// <summary>2026-07-28 <c>tools/call</c> of <paramref name="tool"/> without arguments, declaring
    /// <paramref name="capabilities"/> (a JSON object); a retry adds the input responses (a JSON object)
    /// and echoes the request state.</summary>
    public byte[] CallTool(string id, string tool, string capabilities, string? inputResponses = null, string? requestState = null)
    {
        string retry = (inputResponses is null ? "" : ",\"inputResponses\":" + inputResponses) +
                       (requestState is null ? "" : ",\"requestState\":" + JsonRpcWriter.Quote(requestState));
        return JsonRpcWriter.Write(JsonRpcDraft.Request(id, "tools/call",
            "{" + MetaMember(Revision.ToText(), capabilities) + ",\"name\":" + JsonRpcWriter.Quote(tool) + ",\"arguments\":{}" + retry + "}"));
    }

    /// <summary>The headers of a request: the user's first (their token), then the transport's.</summary>
    public HeaderList Headers(string? session, string? versionHeader, bool post, string? method = null, string? lastEventId = null, string? origin = null)
    {
        var headers = new List<(string, string)>(userHeaders);
        headers.Add((HeaderNames.Accept, post ? Accept : "text/event-stream"));
        if (post) headers.Add((HeaderNames.ContentType, "application/json"));
        if (session is not null) headers.Add((HeaderNames.SessionId, session));
        if (versionHeader is not null) headers.Add((HeaderNames.ProtocolVersion, versionHeader));
        if (method is not null) headers.Add((HeaderNames.McpMethod, method));
        if (lastEventId is not null) headers.Add((HeaderNames.LastEventId, lastEventId));
        if (origin is not null) headers.Add((HeaderNames.Origin, origin));
        return HeaderList.Of(headers.ToArray());
    }
}
