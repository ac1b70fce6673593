using McpFuzz.Model.Machines.Http;

namespace McpFuzz.Model.Machines.Client;

/// <summary>Why a client opened an exchange. The server never sees this; the client uses it to
/// route what comes back (a plain GET can be a new stream or a resume without Last-Event-ID).</summary>
public enum Purpose : byte
{
    None,
    Request,
    Notification,
    GetStream,
    Resume,
    LegacyStream,
    Delete,
}

/// <summary>What the client shows its user: the outcome of the tool call, or an error.</summary>
public enum Surface : byte
{
    None,
    Result,
    Failure,
}

/// <summary>Why a client gave up, in words a counterexample can print.</summary>
public enum FailureReason : byte
{
    None,
    InitializeRejected,
    UnsupportedVersion,
    UnexpectedEvent,
    EmptyDataNotJson,
    StreamEndedBeforeResponse,
    LegacyGetFailed,
    NoEndpointEvent,
    SessionExpired,
    RequestRejected,
    Timeout,
    GetStreamRejected,
    ResumeFailed,
    AuthorizationFailed,
}

/// <summary>The observable effect of one client step: a request put on the wire and/or an
/// outcome shown to the user. The oracle compares these, never the client's private state.</summary>
public struct ClientOutput : IEquatable<ClientOutput>
{
    public AbstractRequest Request;
    public Purpose Purpose;
    public Surface Surface;
    public FailureReason Reason;

    public readonly bool Sends => Purpose != Purpose.None;

    public readonly bool Equals(ClientOutput other) =>
        Purpose == other.Purpose && Surface == other.Surface && (Purpose == Purpose.None || Request.Equals(other.Request));

    public override readonly bool Equals(object? obj) => obj is ClientOutput other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Purpose, Surface, Purpose == Purpose.None ? default : Request);

    public static string Describe(FailureReason reason) => reason switch
    {
        FailureReason.InitializeRejected => "initialize was rejected",
        FailureReason.UnsupportedVersion => "server answered a version the client does not support",
        FailureReason.UnexpectedEvent => "connection closed: expected a JSON-RPC response, got another event",
        FailureReason.EmptyDataNotJson => "JSON parse error on an event with empty data",
        FailureReason.StreamEndedBeforeResponse => "stream ended before the response",
        FailureReason.LegacyGetFailed => "HTTP+SSE GET failed",
        FailureReason.NoEndpointEvent => "HTTP+SSE stream did not start with `endpoint`",
        FailureReason.SessionExpired => "session expired (404) and the client gave up",
        FailureReason.RequestRejected => "request rejected",
        FailureReason.Timeout => "request timed out",
        FailureReason.GetStreamRejected => "GET stream refused",
        FailureReason.ResumeFailed => "could not resume the broken stream",
        FailureReason.AuthorizationFailed => "authorization discovery found no usable authorization server",
        _ => "",
    };
}
