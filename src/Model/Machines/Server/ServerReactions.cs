using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Machines.Server;

/// <summary>What answering a request does to the server's session.</summary>
public enum ServerReaction : byte
{
    /// <summary>An answer that changes nothing but the server's memory of streams and ids.</summary>
    Answer,
    NewSession,
    Acknowledged,
    Terminated,
    LegacyOpened,
}

/// <summary>The decisions of a server of one revision with one profile. Every answer is
/// computed here, once; the machine's table only names which answers move the session.</summary>
public sealed partial class ServerReactions
{
    private readonly RevisionSet eventIds = Cite.In(Cite.EventIdUnique);
    private readonly RevisionSet priming = Cite.In(Cite.PrimingEvent);
    private readonly RevisionSet closeEarly = Cite.In(Cite.CloseAfterIdOnly);
    private readonly RevisionSet headerChecked = Cite.In(Cite.HeaderInvalid400);
    private readonly RevisionSet noBatch = Cite.In(Cite.NoBatch);
    private readonly RevisionSet origin403 = Cite.In(Cite.Origin403);

    public ServerReactions(PeerRevision peer, ServerProfile profile)
    {
        Peer = peer;
        Profile = profile;
        Latest = peer.LatestLegacy() is { } latest ? VersionValues.Of(latest) : VersionValue.None;
    }

    public PeerRevision Peer { get; }
    public ServerProfile Profile { get; }
    public VersionValue Latest { get; }

    public bool Has(ServerProfile flag) => (Profile & flag) != 0;

    /// <summary>A protected server answers a request without a token with 401.</summary>
    private bool Challenges(in AbstractRequest r) => Has(ServerProfile.RequiresAuthorization) && !r.Token;

    private bool Supports(VersionValue v) => v.IsRevision() && Peer.Supports(v.ToRevision());

    /// <summary>The request kind a server sees in a request.</summary>
    public static ServerTrigger TriggerOf(in AbstractRequest r) => r.Verb switch
    {
        Verb.Get when r.LastEventId != 0 => ServerTrigger.Resume,
        Verb.Get => ServerTrigger.Get,
        Verb.Delete => ServerTrigger.Delete,
        _ => r.Payload switch
        {
            Payload.Initialize => ServerTrigger.Initialize,
            Payload.Initialized or Payload.Notification => ServerTrigger.Initialized,
            Payload.Discover => ServerTrigger.Discover,
            _ => ServerTrigger.ToolCall,
        },
    };

    /// <summary>How many conforming answers the server may choose among for this request.</summary>
    public int Choices(in ServerContext c, in AbstractRequest r)
    {
        if (Challenges(r)) return 1;
        if (IsModern(c, r)) return r.Verb != Verb.Post ? 1 : ModernChoices(r);
        if (Peer == PeerRevision.V2024_11_05) return 1;
        return TriggerOf(r) switch
        {
            ServerTrigger.Initialize or ServerTrigger.ToolCall => 3,
            ServerTrigger.Get or ServerTrigger.Resume => c.Get == GetOffer.Undecided ? 2 : 1,
            ServerTrigger.Delete => 2,
            _ => 1,
        };
    }

    /// <summary>A request no conforming client sends, which the server may refuse with any 4xx
    /// instead of serving: the rule the client broke, or null. The spec names no status for these,
    /// so both serving the request and refusing it conform; only another answer (a 5xx, no answer,
    /// a 2xx that is not the answer) is a finding.</summary>
    public string? Refusable(in ServerContext c, in AbstractRequest r)
    {
        if (r.Target != Target.Mcp || !Peer.SpeaksStreamableHttp()) return null;

        // No revision names the Content-Type of a POST; a body labelled as something else is not
        // JSON by HTTP's reading (RFC 9110 §15.5.16, 415), and the Accept rule is the client's.
        if (r.Media != MediaFault.None) return r.Verb == Verb.Get ? Cite.GetAcceptSse : Cite.PostAcceptBoth;
        if (IsModern(c, r) || Peer == PeerRevision.V2024_11_05) return null;

        // Last-Event-ID names the last event the client received on the stream it resumes; an id
        // this session never minted (another session's, or made up) resumes nothing the server knows.
        if (TriggerOf(r) == ServerTrigger.Resume && r.LastEventId > c.NextEventId) return Cite.LastEventId;

        // initialize opens a session; nothing in the lifecycle repeats it inside one.
        if (TriggerOf(r) == ServerTrigger.Initialize) return r.Session != 0 && r.Session == c.Session && c.SessionLive ? Cite.InitializeFirst : null;

        // A supported version that is not the negotiated one: the header lets the server answer by
        // it (2025-06-18/basic/transports#protocol-version-header), but the client broke
        // version.header-negotiated, so a server that holds the session to its version may refuse.
        bool mismatched = headerChecked.Contains(Latest.ToRevision()) && r.VersionHeader != VersionValue.None &&
            Supports(r.VersionHeader) && c.Negotiated != VersionValue.None && r.VersionHeader != c.Negotiated;
        return mismatched ? Cite.HeaderNegotiated : null;
    }

    /// <summary>Modern handling: a modern-only server, or a dual-era server given a request with
    /// modern metadata (2026-07-28/basic/versioning: the first message picks the era). Over HTTP a
    /// request without a session id belongs to no legacy session, so it is modern even after some
    /// client initialized one.</summary>
    private bool IsModern(in ServerContext c, in AbstractRequest r) =>
        Peer == PeerRevision.V2026_07_28 || (Peer == PeerRevision.DualEra && r.ModernMetadata && (!c.LegacyEra || r.Session == 0));

    /// <summary>The answer to a request, what it does to the session, and the catalog rule that
    /// decided the answer (the rule a server giving another answer breaks).</summary>
    public (ServerReaction Reaction, ServerContext Next, string Rule) Respond(ServerContext c, in ServerInput input)
    {
        var r = input.Request;
        c.Out = default;
        if (r.ForeignOrigin)
        {
            // DNS-rebinding protection comes before anything else; 2025-11-25 names the status.
            c.Out.Head = AbstractResponse.Of(Status.Forbidden403);
            return (ServerReaction.Answer, c, origin403.Contains(LatestOrModern) ? Cite.Origin403 : Cite.OriginValidate);
        }

        if (Challenges(r))
        {
            // auth.401-required; the challenge names the metadata where the revision says so.
            c.Out.Head = AbstractResponse.Of(Status.Unauthorized401);
            c.Out.Head.ResourceMetadata = ServerDeployments.Of(Peer).Has(DeploymentFlags.ResourceMetadataInChallenge);
            return (ServerReaction.Answer, c, Cite.Auth401Required);
        }

        if (IsModern(c, r))
        {
            var next = Modern(c, r, input.Choice, out string rule);
            return (ServerReaction.Answer, next, rule);
        }

        if (Peer == PeerRevision.V2024_11_05) return HttpSse(c, r);
        return Streamable(c, input);
    }

    /// <summary>The newest revision the server speaks, modern included.</summary>
    private Revision LatestOrModern => Peer.Supports(Revision.V2026_07_28) ? Revision.V2026_07_28 : Latest.ToRevision();

    public static ServerContext Expire(ServerContext c)
    {
        c.Out = default;
        c.SessionLive = false;
        return c;
    }

    // ---- 2026-07-28: stateless, POST only ------------------------------------------------------

    /// <summary>Choice 0 answers with JSON, choice 1 with an SSE stream that carries only the
    /// response (no ids: 2026-07-28 has no resumability). Requests that may need input and
    /// subscriptions have further choices (<see cref="ModernChoices"/>).</summary>
    private ServerContext Modern(ServerContext c, in AbstractRequest r, byte choice, out string rule)
    {
        c.Out.Effective = VersionValue.V2026_07_28;
        if (r.Verb != Verb.Post)
        {
            c.Out.Head = AbstractResponse.Of(Status.MethodNotAllowed405);
            rule = Cite.GetDelete405;
            return c;
        }

        if (r.VersionHeader == VersionValue.None || !r.ModernMetadata || r.VersionHeader != r.BodyVersion)
            (c.Out.Head, rule) = (AbstractResponse.Failure(Status.BadRequest400, ErrorCode.HeaderMismatch32020), Cite.HeaderMismatch);
        else if (r.BodyVersion != VersionValue.V2026_07_28)
            (c.Out.Head, rule) = (AbstractResponse.Failure(Status.BadRequest400, ErrorCode.UnsupportedVersion32022), Cite.UnsupportedVersion32022);
        else if (r.Payload == Payload.Discover)
            (c.Out.Head, rule) = (AbstractResponse.Json(Complete(Message.Of(MessageKind.DiscoverResult, r.RequestId))), Cite.ServerDiscover);
        else if (r.Payload == Payload.Listen)
            return Listen(c, r, choice, out rule);
        else if (r.Payload == Payload.ToolCall && choice >= 2)
            return InputOrRefusal(c, r, choice, out rule);
        else if (r.Payload == Payload.ToolCall)
            (c.Out.Head, rule) = (AbstractResponse.Json(Complete(Message.Of(MessageKind.ToolResult, r.RequestId))), Cite.RequestJsonOrSse);
        else
            (c.Out.Head, rule) = (AbstractResponse.Failure(Status.NotFound404, ErrorCode.MethodNotFound32601), Cite.UnknownMethod404);

        if (choice == 1 && c.Out.Head.Body == Body.Json && c.Out.Head.Message.IsResponse) c = AsStream(c);
        return c;
    }

    /// <summary>The JSON answer of <paramref name="c"/> as an SSE stream carrying only the response.</summary>
    private static ServerContext AsStream(ServerContext c)
    {
        var message = c.Out.Head.Message;
        c.Out.Head = AbstractResponse.Stream();
        c.Out.Add(SseItem.Of(message));
        c.Out.End = StreamEnd.Clean;
        return c;
    }

    // ---- 2024-11-05: HTTP+SSE ----------------------------------------------------------------

    private (ServerReaction, ServerContext, string) HttpSse(ServerContext c, in AbstractRequest r)
    {
        c.Out.Effective = VersionValue.V2024_11_05;
        if (r.Target == Target.Mcp)
        {
            if (r.Verb != Verb.Get || c.LegacyStreamOpen)
            {
                c.Out.Head = AbstractResponse.Of(Status.MethodNotAllowed405);
                return (ServerReaction.Answer, c, Cite.LegacyTwoEndpoints);
            }

            c.LegacyStreamOpen = true;
            c.Out.Head = AbstractResponse.Stream();
            c.Out.Add(SseItem.Endpoint());
            c.Out.End = StreamEnd.Open;
            return (ServerReaction.LegacyOpened, c, Cite.EndpointFirst);
        }

        // A POST not bound to an open stream has nowhere to be answered (the binding itself is not
        // specified; every SDK refuses it with a 4xx). Clients bind through the endpoint URI, which
        // the model leaves symbolic (session 0); a session symbol names a stream never announced.
        if (!c.LegacyStreamOpen || r.Session != 0)
        {
            c.Out.Head = AbstractResponse.Of(Status.NotFound404);
            return (ServerReaction.Answer, c, Cite.LegacyTwoEndpoints);
        }

        c.Out.Head = AbstractResponse.Of(Status.Accepted202);
        c.Out.ToLegacyStream = true;
        switch (r.Payload)
        {
            case Payload.Initialize:
                c.Negotiated = VersionValue.V2024_11_05;
                c.Out.Add(SseItem.Of(Message.Of(MessageKind.InitializeResult, r.RequestId, VersionValue.V2024_11_05)));
                return (ServerReaction.NewSession, c, r.BodyVersion == VersionValue.V2024_11_05 ? Cite.VersionEcho : Cite.VersionCounteroffer);
            case Payload.Initialized or Payload.Notification:
                c.Initialized = true;
                return (ServerReaction.Acknowledged, c, Cite.LegacyMessageEvents);
            default:
                c.Out.Add(SseItem.Of(Message.Of(MessageKind.ToolResult, r.RequestId)));
                return (ServerReaction.Answer, c, Cite.LegacyMessageEvents);
        }
    }

    // ---- 2025-03-26 .. 2025-11-25: Streamable HTTP with sessions -----------------------------

    private (ServerReaction, ServerContext, string) Streamable(ServerContext c, in ServerInput input)
    {
        var r = input.Request;
        var trigger = TriggerOf(r);
        if (trigger == ServerTrigger.Initialize) return Initialize(c, input);

        // Every other request needs the session (session.missing-400, session.expired-404), unless
        // the server keeps none.
        if (r.Session == 0 && !c.Sessionless)
        {
            c.Out.Head = AbstractResponse.Failure(Status.BadRequest400, ErrorCode.Legacy);
            return (ServerReaction.Answer, c, Cite.SessionMissing400);
        }

        if (!c.Sessionless && (r.Session != c.Session || !c.SessionLive))
        {
            c.Out.Head = Has(ServerProfile.Status400ForUnknownSession)
                ? AbstractResponse.Failure(Status.BadRequest400, ErrorCode.Legacy)
                : AbstractResponse.Of(Status.NotFound404);
            return (ServerReaction.Answer, c, Cite.SessionExpired404);
        }

        // The version header (2025-06-18+): unsupported values are refused; present values win;
        // without one, the session knows the version (version.header-missing-default).
        VersionValue effective = c.Negotiated;
        if (headerChecked.Contains(Latest.ToRevision()))
        {
            if (r.VersionHeader != VersionValue.None && !Supports(r.VersionHeader))
            {
                c.Out.Head = AbstractResponse.Failure(Status.BadRequest400, ErrorCode.Legacy);
                return (ServerReaction.Answer, c, Cite.HeaderInvalid400);
            }

            if (r.VersionHeader != VersionValue.None) effective = r.VersionHeader;
            else if (Has(ServerProfile.AssumesNegotiatedWhenHeaderMissing)) effective = Latest;

            // Without a session nothing tells the version but the header (version.header-missing-default).
            else if (c.Sessionless) effective = VersionValue.V2025_03_26;
        }

        c.Out.Effective = effective;

        // A JSON-RPC array is a message only in 2025-03-26; elsewhere it is an invalid request. A
        // sessionless server given no header answers it by version.header-missing-default.
        bool defaulted = r.VersionHeader == VersionValue.None && headerChecked.Contains(Latest.ToRevision()) && c.Sessionless;
        if (r.Payload == Payload.Batch && noBatch.Contains(effective.ToRevision()))
        {
            c.Out.Head = AbstractResponse.Failure(Status.BadRequest400, ErrorCode.Legacy);
            return (ServerReaction.Answer, c, defaulted ? Cite.HeaderMissingDefault : Cite.NoBatch);
        }

        if (r.Payload == Payload.Batch && defaulted)
            return (ServerReaction.Answer, Reply(c, Message.Of(MessageKind.ToolResult, r.RequestId), input.Choice, effective, sessionHeader: false), Cite.HeaderMissingDefault);

        switch (trigger)
        {
            case ServerTrigger.Initialized:
                c.Initialized = true;
                c.Out.Head = AbstractResponse.Of(Has(ServerProfile.No202ForNotifications) ? Status.Ok200 : Status.Accepted202);
                return (ServerReaction.Acknowledged, c, Cite.Notification202);
            case ServerTrigger.ToolCall or ServerTrigger.Discover:
                return (ServerReaction.Answer, Reply(c, Message.Of(MessageKind.ToolResult, r.RequestId), input.Choice, effective, sessionHeader: false), Cite.RequestJsonOrSse);
            case ServerTrigger.Get:
                return (ServerReaction.Answer, OpenGet(c, input.Choice, effective), Cite.GetSseOr405);
            case ServerTrigger.Resume:
                return (ServerReaction.Answer, Resume(c, r.LastEventId, input.Choice, effective), Cite.SameStreamOnly);
            default:
                if (input.Choice == 1)
                {
                    c.Out.Head = AbstractResponse.Of(Status.MethodNotAllowed405);
                    return (ServerReaction.Answer, c, Cite.SessionDelete405);
                }

                c.SessionLive = false;
                c.Out.Head = AbstractResponse.Of(Status.Ok200);
                return (ServerReaction.Terminated, c, Cite.SessionDelete);
        }
    }

    private (ServerReaction, ServerContext, string) Initialize(ServerContext c, in ServerInput input)
    {
        var r = input.Request;
        if (Has(ServerProfile.RejectsHeaderOnInitialize) && r.VersionHeader != VersionValue.None && !Supports(r.VersionHeader))
        {
            c.Out.Head = AbstractResponse.Failure(Status.BadRequest400, ErrorCode.Legacy);
            return (ServerReaction.Answer, c, Cite.HeaderInvalid400);
        }

        // lifecycle.version-echo / lifecycle.version-counteroffer; initialize only ever negotiates a
        // legacy version: 2026-07-28 has no handshake (modern.no-initialize).
        var version = Supports(r.BodyVersion) && r.BodyVersion != VersionValue.V2026_07_28 ? r.BodyVersion : Latest;
        c.LegacyEra = true;
        c.NextSession = (byte)Math.Min(c.NextSession + 1, 3);
        c.Session = c.NextSession;
        c.SessionLive = true;
        c.Initialized = false;
        c.Negotiated = version;
        c.Get = GetOffer.Undecided;
        c.GetNotificationId = 0;

        // Event ids are symbolic and scoped to a session: a new session starts them afresh, so
        // that two histories that differ only in an old session meet in one state.
        c.NextEventId = 0;
        c.StreamFirstId = 0;
        c.StreamLastId = 0;
        c.Out.Effective = version;
        c = Reply(c, Message.Of(MessageKind.InitializeResult, r.RequestId, version), input.Choice, version, sessionHeader: true);
        return (ServerReaction.NewSession, c, version == r.BodyVersion ? Cite.VersionEcho : Cite.VersionCounteroffer);
    }

    /// <summary>The answer to a request: JSON (choice 0), an SSE stream (1), or an SSE stream the
    /// server closes after the priming event and finishes on resumption (2, 2025-11-25 polling).</summary>
    private ServerContext Reply(ServerContext c, Message message, byte choice, VersionValue effective, bool sessionHeader)
    {
        var revision = effective.ToRevision();
        bool withIds = eventIds.Contains(revision);
        bool closeBeforeResponse = Has(ServerProfile.CloseBeforeResponse);
        bool prime = withIds && (priming.Contains(revision) || Has(ServerProfile.PrimingToOldClients) || (closeBeforeResponse && choice == 2));
        bool mayCloseEarly = prime && (closeEarly.Contains(revision) || closeBeforeResponse);

        c.Response = message;
        c.Held = default;
        c.ResponseEventId = 0;
        if (choice == 0 || (choice == 2 && !mayCloseEarly))
        {
            // Choice 2 without polling is the same answer as choice 1; keep one of them.
            if (choice == 2)
            {
                c.Out.Head = AbstractResponse.Of(Status.None);
                return c;
            }

            c.Out.Head = AbstractResponse.Json(message);
            if (sessionHeader) c.Out.Head.AssignedSession = c.Session;
            return c;
        }

        c.Out.Head = AbstractResponse.Stream();
        if (sessionHeader) c.Out.Head.AssignedSession = c.Session;
        if (Has(ServerProfile.LegacyEndpointInPost)) c.Out.Add(SseItem.Endpoint());
        c.StreamFirstId = 0;
        if (prime)
        {
            byte id = NextId(ref c);
            c.StreamFirstId = id;
            c.Out.Add(SseItem.Priming(id, retry: choice == 2));
        }

        if (choice == 2)
        {
            c.Held = message;
            c.Out.End = StreamEnd.ServerClosed;
            return c;
        }

        byte responseId = withIds ? NextId(ref c) : (byte)0;
        if (c.StreamFirstId == 0) c.StreamFirstId = responseId;
        c.ResponseEventId = responseId;
        var item = SseItem.Of(message, responseId);
        item.Batched = Has(ServerProfile.BatchAfter2025_06_18) && noBatch.Contains(revision);
        c.Out.Add(item);
        c.Out.End = StreamEnd.Clean;
        return c;
    }

    private ServerContext OpenGet(ServerContext c, byte choice, VersionValue effective)
    {
        if (Has(ServerProfile.GetAnswers400))
        {
            c.Out.Head = AbstractResponse.Of(Status.BadRequest400);
            return c;
        }

        if (c.Get == GetOffer.Undecided) c.Get = choice == 0 ? GetOffer.Offered : GetOffer.NotOffered;
        if (c.Get == GetOffer.NotOffered)
        {
            c.Out.Head = AbstractResponse.Of(Status.MethodNotAllowed405);
            return c;
        }

        c.Out.Head = AbstractResponse.Stream();
        c.Out.End = StreamEnd.Open;
        byte id = eventIds.Contains(effective.ToRevision()) ? NextId(ref c) : (byte)0;
        c.GetNotificationId = id;
        c.Out.Add(SseItem.Of(Message.Of(MessageKind.Notification), id));
        return c;
    }

    /// <summary>GET with Last-Event-ID: replay what followed that id on the same stream
    /// (resume.same-stream-only), or send the response held back when the server closed early.</summary>
    private ServerContext Resume(ServerContext c, byte lastEventId, byte choice, VersionValue effective)
    {
        // A server that put ids on a request's stream offered its resumption, which is always a
        // GET with Last-Event-ID (2025-11-25/basic/transports#resumability-and-redelivery).
        // An id the session never minted (another session's, or made up) is on none of its streams.
        // Ids are minted from one counter for every stream, so the GET stream's id can fall inside
        // the request stream's range; it still belongs to the GET stream.
        bool onRequestStream = c.StreamFirstId != 0 && lastEventId >= c.StreamFirstId && lastEventId <= c.NextEventId && lastEventId != c.GetNotificationId;
        if (c.Get == GetOffer.Undecided && !onRequestStream) c.Get = choice == 0 ? GetOffer.Offered : GetOffer.NotOffered;
        if (!onRequestStream && c.Get == GetOffer.NotOffered)
        {
            c.Out.Head = AbstractResponse.Of(Status.MethodNotAllowed405);
            return c;
        }

        c.Out.Head = AbstractResponse.Stream();
        c.Out.End = StreamEnd.Clean;
        if (onRequestStream && c.Held.Kind != MessageKind.None)
        {
            c.ResponseEventId = NextId(ref c);
            c.Out.Add(SseItem.Of(c.Held, c.ResponseEventId));
            c.Held = default;
        }
        else if (onRequestStream && c.ResponseEventId > lastEventId)
        {
            c.Out.Add(SseItem.Of(c.Response, c.ResponseEventId));
        }

        if (Has(ServerProfile.ReplayAcrossStreams) && c.GetNotificationId > lastEventId && c.Out.Count < 3)
            c.Out.Add(SseItem.Of(Message.Of(MessageKind.Notification), c.GetNotificationId));
        return c;
    }

    private static byte NextId(ref ServerContext c)
    {
        c.NextEventId = (byte)Math.Min(c.NextEventId + 1, 250);
        return c.NextEventId;
    }
}
