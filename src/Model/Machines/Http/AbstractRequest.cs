namespace McpFuzz.Model.Machines.Http;

/// <summary>The HTTP methods an MCP client uses.</summary>
public enum Verb : byte
{
    Post,
    Get,
    Delete,
}

/// <summary>Which URL a request targets. The legacy HTTP+SSE transport has two (the SSE URL the
/// user configured, and the POST URI announced by the <c>endpoint</c> event); Streamable HTTP
/// has one MCP endpoint, which is also the URL a falling-back client GETs.</summary>
public enum Target : byte
{
    Mcp,
    LegacyPost,
}

/// <summary>What a POST body carries, abstracted to what the lifecycle depends on.</summary>
public enum Payload : byte
{
    None,
    Initialize,
    Initialized,
    ToolCall,
    Discover,

    /// <summary>A JSON-RPC array (2025-03-26 only) holding a tool call and a notification.</summary>
    Batch,

    /// <summary>2026-07-28 <c>subscriptions/listen</c>: the filter is <see cref="AbstractRequest.Listen"/>.</summary>
    Listen,

    /// <summary>A notification other than <c>notifications/initialized</c> (cancelled, progress,
    /// roots/list_changed, ...). The model has no value for each; servers treat it as they treat
    /// <see cref="Initialized"/> (a notification to acknowledge), and the client oracle does not
    /// take it for the initialized notification.</summary>
    Notification,
}

/// <summary>Whether a request's media-type headers are what a client must send. Clients of the model
/// always send proper ones; probes of a server's content negotiation do not.</summary>
public enum MediaFault : byte
{
    None,

    /// <summary>The <c>Accept</c> of a POST does not list both <c>application/json</c> and
    /// <c>text/event-stream</c> (or that of a GET does not list <c>text/event-stream</c>).</summary>
    AcceptIncomplete,

    /// <summary>The <c>Content-Type</c> of a POST body is not <c>application/json</c>.</summary>
    ContentTypeNotJson,
}

/// <summary>One HTTP request as the model sees it: symbolic session and event ids, the version
/// values as revisions. Every field is a byte so that worlds hash as plain memory.</summary>
public struct AbstractRequest : IEquatable<AbstractRequest>
{
    public Verb Verb;
    public Target Target;
    public Payload Payload;

    /// <summary>Symbolic <c>Mcp-Session-Id</c>: 0 when absent, else S1, S2, ...</summary>
    public byte Session;

    /// <summary><c>MCP-Protocol-Version</c>: <see cref="VersionValue.None"/> when absent.</summary>
    public VersionValue VersionHeader;

    /// <summary>The version inside the body: <c>params.protocolVersion</c> of initialize, or the
    /// modern <c>_meta</c> protocol version.</summary>
    public VersionValue BodyVersion;

    /// <summary>Symbolic <c>Last-Event-ID</c>: 0 when absent.</summary>
    public byte LastEventId;

    /// <summary>The JSON-RPC id of a request body (symbolic, 1-based); 0 for notifications.</summary>
    public byte RequestId;

    /// <summary>Whether the 2026-07-28 request-metadata headers (<c>Mcp-Method</c>, <c>Mcp-Name</c>)
    /// and the <c>_meta</c> keys are present and agree with the body.</summary>
    public bool ModernMetadata;

    /// <summary><c>Authorization: Bearer</c> with a token from the server's authorization server.</summary>
    public bool Token;

    /// <summary>An <c>Origin</c> header naming a site other than the server's own (a DNS-rebinding
    /// page). Clients never send one; probes of a server's Origin validation do.</summary>
    public bool ForeignOrigin;

    /// <summary>2026-07-28: the request is one a server may answer with an InputRequiredResult
    /// (<c>tools/call</c>, <c>resources/read</c>, <c>prompts/get</c>).</summary>
    public bool InputMethod;

    /// <summary>2026-07-28: the input capabilities <c>_meta</c> <c>clientCapabilities</c> declares.</summary>
    public InputKinds Declared;

    /// <summary>For <see cref="Payload.Listen"/>: the notification types the filter asks for.</summary>
    public Topics Listen;

    /// <summary>A missing media type in <c>Accept</c>, or a body that is not labelled JSON.</summary>
    public MediaFault Media;

    public readonly bool Equals(AbstractRequest other) =>
        Verb == other.Verb && Target == other.Target && Payload == other.Payload && Session == other.Session &&
        VersionHeader == other.VersionHeader && BodyVersion == other.BodyVersion && LastEventId == other.LastEventId &&
        RequestId == other.RequestId && ModernMetadata == other.ModernMetadata && Token == other.Token && ForeignOrigin == other.ForeignOrigin &&
        InputMethod == other.InputMethod && Declared == other.Declared && Listen == other.Listen && Media == other.Media;

    public override readonly bool Equals(object? obj) => obj is AbstractRequest other && Equals(other);

    public override readonly int GetHashCode() =>
        HashCode.Combine(Verb, Target, Payload, Session, VersionHeader, BodyVersion, LastEventId, HashCode.Combine(RequestId, ModernMetadata, Media));

    /// <summary>How a wire step shows this request, e.g. <c>POST /mcp initialize(2025-06-18) [session S1]</c>.</summary>
    public override readonly string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.Append(Verb.ToString().ToUpperInvariant()).Append(Target == Target.Mcp ? " /mcp" : " /messages?session");
        switch (Payload)
        {
            case Payload.Initialize: text.Append(" initialize(").Append(BodyVersion.ToText()).Append(')'); break;
            case Payload.Initialized: text.Append(" notifications/initialized"); break;
            case Payload.Notification: text.Append(" notification"); break;
            case Payload.ToolCall: text.Append(" tools/call#").Append(RequestId); break;
            case Payload.Discover: text.Append(" server/discover#").Append(RequestId); break;
            case Payload.Batch: text.Append(" [tools/call#").Append(RequestId).Append(", notification]"); break;
            case Payload.Listen: text.Append(" subscriptions/listen#").Append(RequestId).Append(" {").Append(Listen).Append('}'); break;
        }

        if (InputMethod) text.Append(" (may need input)");
        if (Declared != InputKinds.None) text.Append(" capabilities: ").Append(Declared);

        if (Session != 0) text.Append(" Mcp-Session-Id: S").Append(Session);
        if (VersionHeader != VersionValue.None) text.Append(" MCP-Protocol-Version: ").Append(VersionHeader.ToText());
        if (LastEventId != 0) text.Append(" Last-Event-ID: e").Append(LastEventId);
        if (ModernMetadata) text.Append(" Mcp-Method + _meta");
        if (Token) text.Append(" Authorization: Bearer");
        if (ForeignOrigin) text.Append(" Origin: (another site)");
        if (Media == MediaFault.AcceptIncomplete) text.Append(" Accept: (not both media types)");
        if (Media == MediaFault.ContentTypeNotJson) text.Append(" Content-Type: (not application/json)");
        return text.ToString();
    }
}
