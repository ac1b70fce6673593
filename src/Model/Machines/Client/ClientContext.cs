using McpFuzz.Model.Machines.Http;

namespace McpFuzz.Model.Machines.Client;

/// <summary>Everything a client remembers besides its phase. A value: copying it copies the client.</summary>
public struct ClientContext : IEquatable<ClientContext>
{
    public ClientTransport Transport;
    public VersionValue Negotiated;
    public byte Session;

    /// <summary>The last JSON-RPC id used; ids are never reused within a session.</summary>
    public byte LastId;

    /// <summary>The outstanding request (initialize, discover or the tool call) and its id.</summary>
    public Payload Pending;
    public byte PendingId;

    /// <summary>The last SSE event id seen on the outstanding request's stream (0: none).</summary>
    public byte PendingEventId;

    /// <summary>The outstanding request's stream broke before its response.</summary>
    public bool PendingBroken;
    public byte Reconnects;
    public ToolState Tool;
    public byte ToolAttempts;
    public GetStreamState GetStream;
    public byte Reinitializations;
    public bool ProbeFailed;

    /// <summary>The client holds a token and sends it on every request (auth.bearer-every-request).</summary>
    public bool Token;

    /// <summary>The observable output of the step that produced this context.</summary>
    public ClientOutput Out;

    public readonly bool Equals(ClientContext other) =>
        Transport == other.Transport && Negotiated == other.Negotiated && Session == other.Session && LastId == other.LastId &&
        Pending == other.Pending && PendingId == other.PendingId && PendingEventId == other.PendingEventId &&
        PendingBroken == other.PendingBroken && Reconnects == other.Reconnects && Tool == other.Tool &&
        ToolAttempts == other.ToolAttempts && GetStream == other.GetStream && Reinitializations == other.Reinitializations &&
        ProbeFailed == other.ProbeFailed && Token == other.Token && Out.Equals(other.Out);

    public override readonly bool Equals(object? obj) => obj is ClientContext other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Transport, Negotiated, Session, LastId, Pending, PendingId, Tool, Out);
}

/// <summary>What the network hands a client: something that arrived on one exchange.</summary>
public struct ClientInput
{
    /// <summary>Why the client opened this exchange, and the request it sent.</summary>
    public Purpose Purpose;
    public AbstractRequest Request;

    public AbstractResponse Head;
    public SseItem Item;
    public StreamEnd End;

    public static ClientInput None => default;
}

/// <summary>How a response body ended.</summary>
public enum StreamEnd : byte
{
    /// <summary>Still open (a GET stream the server keeps).</summary>
    Open,

    /// <summary>The server finished the body (after the response).</summary>
    Clean,

    /// <summary>The server closed the connection without ending the SSE stream (2025-11-25 polling).</summary>
    ServerClosed,

    /// <summary>The network broke the connection.</summary>
    Aborted,
}
