namespace McpFuzz.Model.Machines.Http;

/// <summary>The JSON-RPC messages the model distinguishes.</summary>
public enum MessageKind : byte
{
    None,
    InitializeResult,
    ToolResult,
    DiscoverResult,

    /// <summary>A JSON-RPC error response to a request.</summary>
    ErrorResponse,

    /// <summary>A server notification (e.g. progress or a list change).</summary>
    Notification,

    /// <summary>A server-to-client request (e.g. <c>ping</c>, <c>roots/list</c>).</summary>
    ServerRequest,
}

/// <summary>One JSON-RPC message: its kind, the request id it answers, the version it names.</summary>
public struct Message : IEquatable<Message>
{
    public MessageKind Kind;

    /// <summary>The symbolic JSON-RPC id the response answers (0 for notifications).</summary>
    public byte RequestId;

    /// <summary>For an initialize result: the <c>protocolVersion</c> the server answered.</summary>
    public VersionValue Version;

    public static Message Of(MessageKind kind, byte requestId = 0, VersionValue version = VersionValue.None) =>
        new() { Kind = kind, RequestId = requestId, Version = version };

    public readonly bool IsResponse => Kind is MessageKind.InitializeResult or MessageKind.ToolResult or MessageKind.DiscoverResult or MessageKind.ErrorResponse;

    public readonly bool Equals(Message other) => Kind == other.Kind && RequestId == other.RequestId && Version == other.Version;

    public override readonly bool Equals(object? obj) => obj is Message other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Kind, RequestId, Version);

    public override readonly string ToString() => Kind switch
    {
        MessageKind.InitializeResult => $"InitializeResult(#{RequestId}, {Version.ToText()})",
        MessageKind.ToolResult => $"result of tools/call#{RequestId}",
        MessageKind.DiscoverResult => $"DiscoverResult(#{RequestId})",
        MessageKind.ErrorResponse => $"error for #{RequestId}",
        MessageKind.Notification => "notification",
        MessageKind.ServerRequest => "server request (ping)",
        _ => "nothing",
    };
}
