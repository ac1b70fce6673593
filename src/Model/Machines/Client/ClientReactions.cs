using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Machines.Client;

/// <summary>How a client reacts to something the network delivers. Each input is classified
/// once into one reaction, and the machine's table maps reactions to transitions, so the
/// guards of one (phase, trigger) are exclusive by construction.</summary>
public enum Reaction : byte
{
    Ignore,
    Wait,
    Record,
    InitAccepted,
    InitUnsupported,
    DiscoverAccepted,
    ProbeFailed,
    Fallback,
    Fail,
    Broken,
    Reissue,
    Result,
    Reinitialize,
    GetOpened,
    GetUnavailable,
    Resumed,
    Authorize,
}

/// <summary>The decisions of a client of one revision with one profile: which headers it sends,
/// when it falls back, resumes or re-initializes. Rules come from the catalog (<see cref="Cite"/>).</summary>
public sealed class ClientReactions
{
    private readonly RevisionSet headerRequired = Cite.In(Cite.HeaderRequired);
    private readonly RevisionSet resumable = Cite.In(Cite.LastEventId);
    private readonly RevisionSet anyFourXx = Cite.In(Cite.FallbackAny4xx);
    private readonly RevisionSet narrowFallback = Cite.In(Cite.Fallback400404405);
    private readonly RevisionSet modernFallback = Cite.In(Cite.FallbackNotModernError);
    private readonly RevisionSet noBatch = Cite.In(Cite.NoBatch);

    public ClientReactions(PeerRevision peer, ClientProfile profile)
    {
        Peer = peer;
        Profile = profile;
        Latest = peer.LatestLegacy() is { } latest ? VersionValues.Of(latest) : VersionValue.None;
    }

    public PeerRevision Peer { get; }
    public ClientProfile Profile { get; }

    /// <summary>The newest legacy version the client offers in <c>initialize</c>.</summary>
    public VersionValue Latest { get; }

    /// <summary>At most this many reconnects in a row that do not get a stream back
    /// (resume.bounded-reconnect); a reconnect answered with a stream starts the count again.</summary>
    public const int ReconnectBound = 2;

    public bool CanReconnect(in ClientContext c) => Has(ClientProfile.UnboundedReconnect) || c.Reconnects < ReconnectBound;

    public bool Has(ClientProfile flag) => (Profile & flag) != 0;

    public bool Supports(VersionValue version) => version.IsRevision() && Peer.Supports(version.ToRevision());

    // ---- requests ---------------------------------------------------------------------------

    /// <summary>The request the client sends for <paramref name="payload"/> in its current session.</summary>
    public AbstractRequest Make(in ClientContext c, Payload payload, Verb verb = Verb.Post)
    {
        var request = new AbstractRequest
        {
            Verb = verb,
            Target = c.Transport == ClientTransport.HttpSse && verb == Verb.Post ? Target.LegacyPost : Target.Mcp,
            Payload = payload,
            Session = c.Transport == ClientTransport.Streamable ? c.Session : (byte)0,
        };
        if (payload is Payload.Initialize or Payload.ToolCall or Payload.Discover) request.RequestId = (byte)(c.LastId + 1);
        request.Token = c.Token;

        switch (c.Transport)
        {
            case ClientTransport.Modern:
                request.VersionHeader = VersionValue.V2026_07_28;
                request.BodyVersion = VersionValue.V2026_07_28;
                request.ModernMetadata = true;
                break;
            case ClientTransport.Streamable when payload == Payload.Initialize:
                request.BodyVersion = Latest;
                if (Has(ClientProfile.HeaderOnInitialize)) request.VersionHeader = Latest;
                break;
            case ClientTransport.Streamable when c.Negotiated != VersionValue.None && headerRequired.Contains(c.Negotiated.ToRevision()):
                request.VersionHeader = c.Negotiated;
                break;
            case ClientTransport.HttpSse when payload == Payload.Initialize:
                request.BodyVersion = Latest;
                break;
        }

        if (c.Transport == ClientTransport.Streamable && request.VersionHeader != VersionValue.None)
        {
            if (Has(ClientProfile.OmitsProtocolVersionHeader)) request.VersionHeader = VersionValue.None;
            else if (Has(ClientProfile.OAuthDiscoveryHeaderLeak) && payload != Payload.Initialize) request.VersionHeader = VersionValue.V2024_11_05;
        }

        return request;
    }

    public AbstractRequest MakeResume(in ClientContext c) => new()
    {
        Verb = Verb.Get,
        Target = Target.Mcp,
        Session = c.Session,
        VersionHeader = Make(c, Payload.None, Verb.Get).VersionHeader,
        LastEventId = Has(ClientProfile.ResumeWithoutLastEventId) ? (byte)0 : c.PendingEventId,
        Token = c.Token,

        // Not on the wire: which request's stream this GET resumes, so that a late end of an old
        // resumption is not mistaken for the end of a newer request's stream.
        RequestId = c.PendingId,
    };

    // ---- classification helpers ------------------------------------------------------------

    /// <summary>The input arrived on the outstanding request's own stream (or its resumption).</summary>
    public static bool OnPending(in ClientContext c, in ClientInput i) =>
        c.Pending != Payload.None && i.Purpose is Purpose.Resume or Purpose.Request && i.Request.RequestId == c.PendingId;

    /// <summary>The revision whose rules decide resumption and batching for this session.</summary>
    private VersionValue Governing(in ClientContext c) => c.Negotiated != VersionValue.None ? c.Negotiated : Latest;

    private bool CanResume(in ClientContext c) =>
        c.Transport == ClientTransport.Streamable && c.PendingEventId != 0 && Governing(c) != VersionValue.None &&
        resumable.Contains(Governing(c).ToRevision());

    /// <summary>Whether a failed initialize POST sends the client to the HTTP+SSE probe
    /// (2025-03-26: any 4xx; 2025-11-25: 400/404/405; 2026-07-28: and not a modern error).</summary>
    public bool FallsBack(in AbstractResponse head)
    {
        bool fourXx = head.Status is >= Status.BadRequest400 and <= Status.MethodNotAllowed405;
        if (!fourXx || Has(ClientProfile.NoFallback)) return false;
        if (Has(ClientProfile.FallbackOnAny4xx)) return true;

        // 401 asks for authorization (auth.401-required), whatever the fallback text says.
        if (head.Status == Status.Unauthorized401) return false;
        bool narrow = head.Status is Status.BadRequest400 or Status.NotFound404 or Status.MethodNotAllowed405;
        Revision rules = Peer.SpeaksModern() ? Revision.V2026_07_28 : Peer.LatestLegacy()!.Value;
        if (modernFallback.Contains(rules)) return narrow && !AbstractResponse.IsModernError(head.Error);
        if (narrowFallback.Contains(rules)) return narrow;
        return anyFourXx.Contains(rules);
    }

    /// <summary>What a conforming client makes of an SSE event on a request stream: only
    /// `message` events carry JSON-RPC (WHATWG dispatch; shttp.message-events), an event with
    /// empty data is not a message (resume.priming-not-message), and an array is not a message
    /// where batching does not exist (jsonrpc.no-batch).</summary>
    private bool IsMessage(in ClientContext c, in SseItem item) =>
        item.Kind == EventKind.Message && !(item.Batched && noBatch.Contains(Governing(c).ToRevision()));

    /// <summary>Profiles that fail on an event a conforming client would skip.</summary>
    private bool FailsOnEvent(in SseItem item, bool awaitingInitialize)
    {
        if (awaitingInitialize && Has(ClientProfile.FirstEventIsResponse) && item.Message.Kind != MessageKind.InitializeResult) return true;
        return item.Kind == EventKind.Priming && Has(ClientProfile.EmptyDataIsJson);
    }

    // ---- reactions per phase ----------------------------------------------------------------

    /// <summary>A 401 to the outstanding request: authorize, once. A profile that falls back on
    /// any 4xx falls back instead.</summary>
    private bool Authorizes(in ClientContext c, in AbstractResponse h) =>
        h.Status == Status.Unauthorized401 && !c.Token && !Has(ClientProfile.FallbackOnAny4xx);

    public Reaction ProbingHead(in ClientContext c, in ClientInput i)
    {
        if (!OnPending(c, i)) return Reaction.Ignore;
        var h = i.Head;
        if (Authorizes(c, h)) return Reaction.Authorize;
        if (h.Status == Status.Ok200 && h.Body == Body.Json) return h.Message.Kind == MessageKind.DiscoverResult ? Reaction.DiscoverAccepted : Reaction.ProbeFailed;
        if (h.Status == Status.Ok200 && h.Body == Body.EventStream) return Reaction.Wait;
        return AbstractResponse.IsModernError(h.Error) ? Reaction.Fail : Reaction.ProbeFailed;
    }

    public Reaction ProbingEvent(in ClientContext c, in ClientInput i) =>
        OnPending(c, i) && IsMessage(c, i.Item) && i.Item.Message.Kind == MessageKind.DiscoverResult ? Reaction.DiscoverAccepted : Reaction.Ignore;

    public Reaction ProbingEnd(in ClientContext c, in ClientInput i) => OnPending(c, i) ? Reaction.ProbeFailed : Reaction.Ignore;

    public Reaction InitializingHead(in ClientContext c, in ClientInput i)
    {
        if (!OnPending(c, i)) return Reaction.Ignore;
        var h = i.Head;
        if (i.Purpose == Purpose.Resume)
        {
            if (h.Status == Status.Ok200 && h.Body == Body.EventStream) return Reaction.Resumed;
            if (ExpiredSession(c, i)) return Has(ClientProfile.NoReinitOn404) || c.Reinitializations >= 1 ? Reaction.Fail : Reaction.Reinitialize;
            return ResumeRefused(c);
        }

        if (Authorizes(c, h)) return Reaction.Authorize;
        if (h.Status == Status.Ok200 && h.Body == Body.Json && h.Message.Kind == MessageKind.InitializeResult)
            return Supports(h.Message.Version) ? Reaction.InitAccepted : Reaction.InitUnsupported;
        if (h.Status == Status.Ok200 && h.Body == Body.EventStream) return Reaction.Wait;
        return FallsBack(h) ? Reaction.Fallback : Reaction.Fail;
    }

    public Reaction InitializingEvent(in ClientContext c, in ClientInput i)
    {
        if (!OnPending(c, i)) return Reaction.Ignore;
        var item = i.Item;
        if (FailsOnEvent(item, awaitingInitialize: true)) return Reaction.Fail;
        if (IsMessage(c, item) && item.Message.Kind == MessageKind.InitializeResult)
            return Supports(item.Message.Version) ? Reaction.InitAccepted : Reaction.InitUnsupported;
        return item.EventId != 0 ? Reaction.Record : Reaction.Ignore;
    }

    public Reaction PendingEnd(in ClientContext c, in ClientInput i)
    {
        if (!OnPending(c, i)) return Reaction.Ignore;
        if (c.Transport == ClientTransport.Modern && c.Pending == Payload.ToolCall) return c.ToolAttempts < 2 ? Reaction.Reissue : Reaction.Fail;
        return CanResume(c) && CanReconnect(c) ? Reaction.Broken : Reaction.Fail;
    }

    /// <summary>404 to a request that carried the current session id: the session is gone
    /// (session.expired-404-reinit).</summary>
    private static bool ExpiredSession(in ClientContext c, in ClientInput i) =>
        i.Head.Status == Status.NotFound404 && i.Request.Session != 0 && c.Transport == ClientTransport.Streamable && i.Request.Session == c.Session;

    /// <summary>A reconnect answered with anything but a stream: try again while the bound
    /// allows, then give up visibly.</summary>
    private Reaction ResumeRefused(in ClientContext c) => CanReconnect(c) ? Reaction.Broken : Reaction.Fail;

    public Reaction LegacyConnectingHead(in ClientContext c, in ClientInput i)
    {
        if (i.Purpose != Purpose.LegacyStream) return Reaction.Ignore;
        return i.Head.Status == Status.Ok200 && i.Head.Body == Body.EventStream ? Reaction.Wait : Reaction.Fail;
    }

    public Reaction LegacyConnectingEvent(in ClientContext c, in ClientInput i)
    {
        if (i.Purpose != Purpose.LegacyStream) return Reaction.Ignore;
        return i.Item.Kind == EventKind.Endpoint ? Reaction.Result : Reaction.Fail;
    }

    public Reaction LegacyStreamEnd(in ClientContext c, in ClientInput i) => i.Purpose == Purpose.LegacyStream ? Reaction.Fail : Reaction.Ignore;

    public Reaction LegacyInitializingHead(in ClientContext c, in ClientInput i) =>
        i.Purpose == Purpose.Request && !i.Head.IsSuccess ? Reaction.Fail : Reaction.Ignore;

    public Reaction LegacyInitializingEvent(in ClientContext c, in ClientInput i)
    {
        if (i.Purpose != Purpose.LegacyStream || !IsMessage(c, i.Item) || i.Item.Message.Kind != MessageKind.InitializeResult) return Reaction.Ignore;
        return Supports(i.Item.Message.Version) ? Reaction.InitAccepted : Reaction.InitUnsupported;
    }

    public Reaction OperatingHead(in ClientContext c, in ClientInput i)
    {
        var h = i.Head;
        if (ExpiredSession(c, i))
            return Has(ClientProfile.NoReinitOn404) || c.Reinitializations >= 1 ? Reaction.Fail : Reaction.Reinitialize;
        switch (i.Purpose)
        {
            case Purpose.Request when OnPending(c, i):
                if (Authorizes(c, h)) return Reaction.Authorize;
                if (h.Status == Status.Ok200 && h.Body == Body.Json) return h.Message.Kind == MessageKind.ToolResult && h.Message.RequestId == c.PendingId ? Reaction.Result : Reaction.Fail;
                if (h.Status == Status.Ok200 && h.Body == Body.EventStream) return Reaction.Wait;
                if (h.IsSuccess && c.Transport == ClientTransport.HttpSse) return Reaction.Wait;
                return Reaction.Fail;
            case Purpose.Resume when OnPending(c, i):
                if (h.Status == Status.Ok200 && h.Body == Body.EventStream) return Reaction.Resumed;
                return ResumeRefused(c);
            case Purpose.Notification:
                return h.IsSuccess ? Reaction.Ignore : Reaction.Fail;
            case Purpose.GetStream:
                if (h.Status == Status.Ok200 && h.Body == Body.EventStream) return Reaction.GetOpened;
                if (h.Status == Status.MethodNotAllowed405) return Reaction.GetUnavailable;
                return Has(ClientProfile.Non405GetIsFatal) ? Reaction.Fail : Reaction.GetUnavailable;
            default:
                return Reaction.Ignore;
        }
    }

    public Reaction OperatingEvent(in ClientContext c, in ClientInput i)
    {
        var item = i.Item;
        bool onPending = OnPending(c, i);
        if (onPending && FailsOnEvent(item, awaitingInitialize: false)) return Reaction.Fail;
        bool related = onPending || i.Purpose is Purpose.GetStream or Purpose.LegacyStream;
        if (related && c.Pending == Payload.ToolCall && IsMessage(c, item) && item.Message.Kind == MessageKind.ToolResult && item.Message.RequestId == c.PendingId)
            return Reaction.Result;
        return onPending && item.EventId != 0 ? Reaction.Record : Reaction.Ignore;
    }
}
