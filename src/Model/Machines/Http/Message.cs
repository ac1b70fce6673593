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

    /// <summary>A 2026-07-28 InputRequiredResult (<c>resultType: "input_required"</c>) to a request.</summary>
    InputRequired,

    /// <summary>The final result of a <c>subscriptions/listen</c> request: the subscription ended gracefully.</summary>
    ListenResult,
}

/// <summary>One JSON-RPC message: its kind, the request id it answers, the version it names.</summary>
public struct Message : IEquatable<Message>
{
    public MessageKind Kind;

    /// <summary>The symbolic JSON-RPC id the response answers (0 for notifications).</summary>
    public byte RequestId;

    /// <summary>For an initialize result: the <c>protocolVersion</c> the server answered.</summary>
    public VersionValue Version;

    /// <summary>For a notification: which one.</summary>
    public NoticeKind Notice;

    /// <summary>The symbolic request id in <c>_meta</c> <c>io.modelcontextprotocol/subscriptionId</c> (0: absent).</summary>
    public byte Subscription;

    /// <summary>For a subscription acknowledgement: the filter the server honours; where the model's
    /// server acknowledges, the filter the client asked for, which bounds what may follow.</summary>
    public Topics Topics;

    /// <summary>For an InputRequiredResult: the kinds of input its <c>inputRequests</c> ask for; where
    /// the model's server answers one, the kinds it may ask for (those the request declared).</summary>
    public InputKinds Inputs;

    /// <summary>For an InputRequiredResult: it carries a <c>requestState</c>.</summary>
    public bool RequestState;

    /// <summary>For a result: its <c>resultType</c>.</summary>
    public ResultType ResultType;

    public static Message Of(MessageKind kind, byte requestId = 0, VersionValue version = VersionValue.None) =>
        new() { Kind = kind, RequestId = requestId, Version = version };

    public readonly bool IsResponse => Kind is MessageKind.InitializeResult or MessageKind.ToolResult or MessageKind.DiscoverResult or MessageKind.ErrorResponse
        or MessageKind.InputRequired or MessageKind.ListenResult;

    /// <summary>A notification of a subscription: <paramref name="notice"/>, tagged with the id of the listen request.</summary>
    public static Message Notification(NoticeKind notice, byte subscription, Topics topics = Topics.None) =>
        new() { Kind = MessageKind.Notification, Notice = notice, Subscription = subscription, Topics = topics };

    public readonly bool Equals(Message other) => Kind == other.Kind && RequestId == other.RequestId && Version == other.Version &&
        Notice == other.Notice && Subscription == other.Subscription && Topics == other.Topics && Inputs == other.Inputs &&
        RequestState == other.RequestState && ResultType == other.ResultType;

    public override readonly bool Equals(object? obj) => obj is Message other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Kind, RequestId, Version);

    public override readonly string ToString() => Kind switch
    {
        MessageKind.InitializeResult => $"InitializeResult(#{RequestId}, {Version.ToText()})",
        MessageKind.ToolResult => $"result of tools/call#{RequestId}",
        MessageKind.DiscoverResult => $"DiscoverResult(#{RequestId})",
        MessageKind.ErrorResponse => $"error for #{RequestId}",
        MessageKind.Notification when Notice == NoticeKind.Other && Subscription == 0 => "notification",
        MessageKind.Notification => Notices.Method(Notice) + Tag,
        MessageKind.ServerRequest => "server request (ping)",
        MessageKind.InputRequired => $"InputRequiredResult(#{RequestId}, inputs: {Inputs}{(RequestState ? ", requestState" : "")})",
        MessageKind.ListenResult => $"result of subscriptions/listen#{RequestId}{Tag}",
        _ => "nothing",
    };

    private readonly string Tag => Subscription == 0 ? " (no subscriptionId)" : $" [subscription #{Subscription}]";
}
