namespace McpFuzz.Model.Machines.Client;

/// <summary>Where a client is in its session. <see cref="Connecting"/> and <see cref="Finished"/>
/// are superstates: their substates inherit their transitions.</summary>
public enum ClientPhase : byte
{
    Idle,
    Connecting,

    /// <summary>Dual-era: <c>server/discover</c> sent to learn the server's era (2026-07-28/basic/transports/streamable-http#backward-compatibility).</summary>
    Probing,
    Initializing,

    /// <summary>HTTP+SSE: the GET is sent; the <c>endpoint</c> event is awaited.</summary>
    LegacyConnecting,

    /// <summary>HTTP+SSE: initialize posted to the endpoint URI; the result comes on the GET stream.</summary>
    LegacyInitializing,
    Initialized,
    Operating,

    /// <summary>A request drew 401: the client runs its revision's authorization discovery, then
    /// sends the request again with a token.</summary>
    Authorizing,
    Finished,
    Done,
    Failed,
}

/// <summary>What makes a client move: its own decisions (the first group, which the explorer
/// chooses among) and what the network delivers to it (the second group).</summary>
public enum ClientTrigger : byte
{
    PostInitialize,
    GetLegacyStream,
    PostDiscover,
    PostInitialized,
    PostToolCall,
    OpenGetStream,
    Resume,
    Finish,

    Head,
    Event,
    End,
    TimedOut,

    /// <summary>Authorization discovery ended at the server's authorization server (a token), or not.</summary>
    Authorized,
    AuthorizationFailed,
}

/// <summary>The transport a client settled on.</summary>
public enum ClientTransport : byte
{
    Undecided,
    Streamable,
    HttpSse,
    Modern,
}

public enum ToolState : byte
{
    NotSent,
    Pending,
    Answered,
    Failed,
}

public enum GetStreamState : byte
{
    NotOpened,
    Requested,
    Open,
    Unavailable,
}
