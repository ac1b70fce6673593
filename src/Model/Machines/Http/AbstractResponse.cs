namespace McpFuzz.Model.Machines.Http;

/// <summary>The status codes MCP peers answer with.</summary>
public enum Status : byte
{
    None = 0,
    Ok200,
    Accepted202,
    NoContent204,
    BadRequest400,
    Unauthorized401,
    Forbidden403,
    NotFound404,
    MethodNotAllowed405,

    /// <summary>Sent by whatever stands in for a server that is down (a proxy, a load balancer).</summary>
    ServiceUnavailable503,

    // Answers real servers give to malformed or conflicting requests; the spec names none of them,
    // but a report must say which one came.
    NotAcceptable406,
    Conflict409,
    UnsupportedMediaType415,
    InternalServerError500,
}

/// <summary>The HTTP status codes of <see cref="Status"/>, both ways: the one table.</summary>
public static class HttpStatuses
{
    private static readonly (Status Status, int Code)[] Table =
    [
        (Status.Ok200, 200), (Status.Accepted202, 202), (Status.NoContent204, 204), (Status.BadRequest400, 400),
        (Status.Unauthorized401, 401), (Status.Forbidden403, 403), (Status.NotFound404, 404),
        (Status.MethodNotAllowed405, 405), (Status.ServiceUnavailable503, 503),
        (Status.NotAcceptable406, 406), (Status.Conflict409, 409), (Status.UnsupportedMediaType415, 415), (Status.InternalServerError500, 500),
    ];

    /// <summary>The numeric code, or 0 for <see cref="Status.None"/>.</summary>
    public static int Code(this Status status)
    {
        foreach (var (s, code) in Table)
        {
            if (s == status) return code;
        }

        return 0;
    }

    /// <summary>The model's value of a numeric code, or <see cref="Status.None"/> for one it does not distinguish.</summary>
    public static Status Of(int code)
    {
        foreach (var (status, c) in Table)
        {
            if (c == code) return status;
        }

        return Status.None;
    }
}

/// <summary>What the body of a response is.</summary>
public enum Body : byte
{
    Empty,

    /// <summary><c>application/json</c>: one JSON-RPC message (see <see cref="AbstractResponse.Message"/>).</summary>
    Json,

    /// <summary><c>text/event-stream</c>: the events follow as <see cref="SseItem"/>s.</summary>
    EventStream,

    /// <summary>A body that is neither (plain text, HTML): no MCP message, e.g. the <c>Accepted</c>
    /// an HTTP+SSE server writes into its 202.</summary>
    Other,
}

/// <summary>The error a JSON-RPC error body carries, as far as fallback decisions depend on it.</summary>
public enum ErrorCode : byte
{
    None,

    /// <summary>A legacy or implementation-defined code (e.g. -32600, -32602, -32000).</summary>
    Legacy,
    HeaderMismatch32020,
    MissingCapability32021,
    UnsupportedVersion32022,
    MethodNotFound32601,

    /// <summary>A code 2026-07-28 reserves without defining (-32023..-32099) or retired (-32002, -32042).</summary>
    Reserved,
}

/// <summary>A response head plus, for JSON bodies, the one message the body holds.</summary>
public struct AbstractResponse : IEquatable<AbstractResponse>
{
    public Status Status;
    public Body Body;

    /// <summary>Symbolic <c>Mcp-Session-Id</c> assigned by this response (0: none).</summary>
    public byte AssignedSession;

    /// <summary>For a JSON body: the message it holds.</summary>
    public Message Message;

    /// <summary>For an error body: the code.</summary>
    public ErrorCode Error;

    /// <summary>A 401 whose <c>WWW-Authenticate</c> names the protected resource metadata.</summary>
    public bool ResourceMetadata;

    public static AbstractResponse Of(Status status, Body body = Body.Empty) => new() { Status = status, Body = body };

    public static AbstractResponse Json(Message message) => new() { Status = Status.Ok200, Body = Body.Json, Message = message };

    public static AbstractResponse Stream() => new() { Status = Status.Ok200, Body = Body.EventStream };

    public static AbstractResponse Failure(Status status, ErrorCode error) =>
        new() { Status = status, Body = error == ErrorCode.None ? Body.Empty : Body.Json, Error = error };

    public readonly bool IsSuccess => Status is Status.Ok200 or Status.Accepted202 or Status.NoContent204;

    public readonly bool Equals(AbstractResponse other) =>
        Status == other.Status && Body == other.Body && AssignedSession == other.AssignedSession &&
        Message.Equals(other.Message) && Error == other.Error && ResourceMetadata == other.ResourceMetadata;

    public override readonly bool Equals(object? obj) => obj is AbstractResponse other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Status, Body, AssignedSession, Message, Error);

    public override readonly string ToString()
    {
        string status = Status == Status.None ? "(no status)" : Status.Code().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string body = Body switch
        {
            Body.Json when Error != ErrorCode.None => $" application/json error {ErrorText(Error)}",
            Body.Json => $" application/json {Message}",
            Body.EventStream => " text/event-stream",
            Body.Other => " (a non-MCP body)",
            _ => "",
        };
        string session = AssignedSession != 0 ? $" Mcp-Session-Id: S{AssignedSession}" : "";
        string challenge = Status == Status.Unauthorized401 ? (ResourceMetadata ? " WWW-Authenticate: Bearer resource_metadata=…" : " WWW-Authenticate: Bearer") : "";
        return status + body + session + challenge;
    }

    public static string ErrorText(ErrorCode code) => code switch
    {
        ErrorCode.HeaderMismatch32020 => "-32020 (header mismatch)",
        ErrorCode.MissingCapability32021 => "-32021 (missing capability)",
        ErrorCode.UnsupportedVersion32022 => "-32022 (unsupported version)",
        ErrorCode.MethodNotFound32601 => "-32601 (method not found)",
        ErrorCode.Legacy => "(legacy code)",
        ErrorCode.Reserved => "(a reserved or retired code)",
        _ => "",
    };

    /// <summary>The 2026-07-28 codes a dual-era client recognises as "this is a modern server".</summary>
    public static bool IsModernError(ErrorCode code) =>
        code is ErrorCode.HeaderMismatch32020 or ErrorCode.MissingCapability32021 or ErrorCode.UnsupportedVersion32022;
}
