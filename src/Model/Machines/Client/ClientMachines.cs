using System.Collections.Concurrent;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using static McpFuzz.Model.Machines.Client.ClientPhase;
using static McpFuzz.Model.Machines.Client.ClientTrigger;

namespace McpFuzz.Model.Machines.Client;

/// <summary>The client machine of every revision (and dual-era), with or without profiles:
/// connect (initialize, HTTP+SSE, or the dual-era probe), send <c>initialized</c>, optionally
/// open the GET stream, call one tool, resume or re-issue it when its stream breaks, re-initialize
/// after 404, and finish.</summary>
public static class ClientMachines
{
    private static readonly ConcurrentDictionary<(PeerRevision, ClientProfile), StateMachine<ClientPhase, ClientTrigger, ClientContext, ClientInput>> Cache = new();

    public static StateMachine<ClientPhase, ClientTrigger, ClientContext, ClientInput> For(PeerRevision peer, ClientProfile profile = ClientProfile.None) =>
        Cache.GetOrAdd((peer, profile), key => Build(key.Item1, key.Item2));

    private static StateMachine<ClientPhase, ClientTrigger, ClientContext, ClientInput> Build(PeerRevision peer, ClientProfile profile)
    {
        var r = new ClientReactions(peer, profile);
        string name = $"client {peer.ToText()}" + (profile == ClientProfile.None ? "" : "+" + Profiles.Names(profile));
        var b = new MachineBuilder<ClientPhase, ClientTrigger, ClientContext, ClientInput>(name, Idle);

        bool streamable = peer.SpeaksStreamableHttp() && peer != PeerRevision.V2026_07_28;

        b.Configure(Idle)
            .PermitIf(PostInitialize, Initializing, "legacy session wanted",
                (in ClientContext c, in ClientInput _) => streamable && (peer != PeerRevision.DualEra || c.ProbeFailed),
                "send initialize", (in ClientContext c, in ClientInput _) => Send(r, c with { Transport = ClientTransport.Streamable }, Payload.Initialize),
                Cite.InitializeFirst, Cite.PostAcceptBoth)
            .PermitIf(GetLegacyStream, LegacyConnecting, "HTTP+SSE client",
                (in ClientContext _, in ClientInput _) => peer == PeerRevision.V2024_11_05,
                "GET the SSE URL", (in ClientContext c, in ClientInput _) => OpenLegacyStream(c), Cite.EndpointFirst)
            .PermitIf(PostDiscover, Probing, "dual-era, era unknown",
                (in ClientContext c, in ClientInput _) => peer == PeerRevision.DualEra && !c.ProbeFailed,
                "send server/discover", (in ClientContext c, in ClientInput _) => Send(r, c with { Transport = ClientTransport.Modern }, Payload.Discover),
                Cite.DualEraProbe)
            .PermitIf(PostToolCall, Operating, "modern-only client",
                (in ClientContext _, in ClientInput _) => peer == PeerRevision.V2026_07_28,
                "send tools/call with _meta", (in ClientContext c, in ClientInput _) => SendToolCall(r, c with { Transport = ClientTransport.Modern, Negotiated = VersionValue.V2026_07_28 }),
                Cite.NoInitialize, Cite.ProtocolHeader)
            .Ignore(Head).Ignore(Event).Ignore(End).Ignore(TimedOut);

        // While connecting, every exchange is part of the connection: losing any is fatal.
        b.Configure(Connecting)
            .Permit(TimedOut, Failed, "report timeout", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.Timeout));

        b.Configure(Probing).SubstateOf(Connecting)
            .PermitIf(Head, Authorizing, "401", (in ClientContext c, in ClientInput i) => r.ProbingHead(c, i) == Reaction.Authorize,
                "discover authorization", (in ClientContext c, in ClientInput _) => c, Cite.Auth401Required)
            .PermitIf(Head, Operating, "DiscoverResult", (in ClientContext c, in ClientInput i) => r.ProbingHead(c, i) == Reaction.DiscoverAccepted,
                "modern era", (in ClientContext c, in ClientInput _) => Modern(c), Cite.DualEraProbe)
            .PermitIf(Head, Idle, "not a modern answer", (in ClientContext c, in ClientInput i) => r.ProbingHead(c, i) == Reaction.ProbeFailed,
                "fall back to initialize", (in ClientContext c, in ClientInput _) => ProbeFailed(c), Cite.DualEraProbe)
            .PermitIf(Head, Failed, "modern error", (in ClientContext c, in ClientInput i) => r.ProbingHead(c, i) == Reaction.Fail,
                "report error", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.RequestRejected))
            .IgnoreIf(Head, "stream or other exchange", (in ClientContext c, in ClientInput i) => r.ProbingHead(c, i) is Reaction.Wait or Reaction.Ignore)
            .PermitIf(Event, Operating, "DiscoverResult", (in ClientContext c, in ClientInput i) => r.ProbingEvent(c, i) == Reaction.DiscoverAccepted,
                "modern era", (in ClientContext c, in ClientInput _) => Modern(c), Cite.DualEraProbe)
            .IgnoreIf(Event, "other event", (in ClientContext c, in ClientInput i) => r.ProbingEvent(c, i) == Reaction.Ignore)
            .PermitIf(End, Idle, "no answer", (in ClientContext c, in ClientInput i) => r.ProbingEnd(c, i) == Reaction.ProbeFailed,
                "fall back to initialize", (in ClientContext c, in ClientInput _) => ProbeFailed(c), Cite.DualEraProbe)
            .IgnoreIf(End, "other exchange", (in ClientContext c, in ClientInput i) => r.ProbingEnd(c, i) == Reaction.Ignore)
            .PermitIf(TimedOut, Idle, "outstanding probe", (in ClientContext c, in ClientInput i) => ClientReactions.OnPending(c, i),
                "fall back to initialize", (in ClientContext c, in ClientInput _) => ProbeFailed(c), Cite.DualEraProbe)
            .IgnoreIf(TimedOut, "other exchange", (in ClientContext c, in ClientInput i) => !ClientReactions.OnPending(c, i));

        b.Configure(Initializing).SubstateOf(Connecting)
            .PermitIf(Head, Authorizing, "401", (in ClientContext c, in ClientInput i) => r.InitializingHead(c, i) == Reaction.Authorize,
                "discover authorization", (in ClientContext c, in ClientInput _) => c, Cite.Auth401Required)
            .PermitIf(Head, Initialized, "InitializeResult, supported version", (in ClientContext c, in ClientInput i) => r.InitializingHead(c, i) == Reaction.InitAccepted,
                "adopt version and session", (in ClientContext c, in ClientInput i) => Adopt(c, i.Head.Message.Version, i.Head.AssignedSession), Cite.VersionEcho)
            .PermitIf(Head, Failed, "InitializeResult, unsupported version", (in ClientContext c, in ClientInput i) => r.InitializingHead(c, i) == Reaction.InitUnsupported,
                "disconnect", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.UnsupportedVersion), Cite.UnsupportedVersionDisconnect)
            .InternalTransition(Head, "remember session", (in ClientContext c, in ClientInput i) => c with { Session = i.Head.AssignedSession != 0 ? i.Head.AssignedSession : c.Session },
                "SSE stream", (in ClientContext c, in ClientInput i) => r.InitializingHead(c, i) == Reaction.Wait)
            .InternalTransition(Head, "stream back", (in ClientContext c, in ClientInput _) => c with { Reconnects = 0 },
                "resume answered with a stream", (in ClientContext c, in ClientInput i) => r.InitializingHead(c, i) == Reaction.Resumed, Cite.LastEventId)
            .InternalTransition(Head, "stream broken", (in ClientContext c, in ClientInput _) => c with { PendingBroken = true },
                "resume refused, retry", (in ClientContext c, in ClientInput i) => r.InitializingHead(c, i) == Reaction.Broken, Cite.BoundedReconnect)
            .PermitIf(Head, Idle, "404 for the session", (in ClientContext c, in ClientInput i) => r.InitializingHead(c, i) == Reaction.Reinitialize,
                "start a new session", (in ClientContext c, in ClientInput _) => Reinitialize(c), Cite.SessionReinit)
            .PermitIf(Head, LegacyConnecting, "fallback status", (in ClientContext c, in ClientInput i) => r.InitializingHead(c, i) == Reaction.Fallback,
                "GET for HTTP+SSE", (in ClientContext c, in ClientInput _) => OpenLegacyStream(c with { Session = 0 }),
                Cite.FallbackAny4xx, Cite.Fallback400404405, Cite.FallbackNotModernError)
            .PermitIf(Head, Failed, "rejected", (in ClientContext c, in ClientInput i) => r.InitializingHead(c, i) == Reaction.Fail,
                "report error", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.InitializeRejected))
            .IgnoreIf(Head, "other exchange", (in ClientContext c, in ClientInput i) => r.InitializingHead(c, i) == Reaction.Ignore)
            .PermitIf(Event, Initialized, "InitializeResult, supported version", (in ClientContext c, in ClientInput i) => r.InitializingEvent(c, i) == Reaction.InitAccepted,
                "adopt version", (in ClientContext c, in ClientInput i) => Adopt(c, i.Item.Message.Version, c.Session), Cite.VersionEcho, Cite.MessageEvents)
            .PermitIf(Event, Failed, "InitializeResult, unsupported version", (in ClientContext c, in ClientInput i) => r.InitializingEvent(c, i) == Reaction.InitUnsupported,
                "disconnect", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.UnsupportedVersion), Cite.UnsupportedVersionDisconnect)
            .PermitIf(Event, Failed, "profile fails on the event", (in ClientContext c, in ClientInput i) => r.InitializingEvent(c, i) == Reaction.Fail,
                "close the connection", (in ClientContext c, in ClientInput i) => Fail(c, EventFailure(i)), Cite.MessageEvents, Cite.PrimingNotMessage)
            .InternalTransition(Event, "remember event id", (in ClientContext c, in ClientInput i) => c with { PendingEventId = i.Item.EventId },
                "event with id", (in ClientContext c, in ClientInput i) => r.InitializingEvent(c, i) == Reaction.Record, Cite.MessageEvents, Cite.PrimingNotMessage)
            .IgnoreIf(Event, "not a message", (in ClientContext c, in ClientInput i) => r.InitializingEvent(c, i) == Reaction.Ignore, Cite.MessageEvents)
            .InternalTransition(End, "stream broken", (in ClientContext c, in ClientInput _) => c with { PendingBroken = true },
                "resumable", (in ClientContext c, in ClientInput i) => r.PendingEnd(c, i) == Reaction.Broken, Cite.LastEventId)
            .PermitIf(End, Failed, "not resumable", (in ClientContext c, in ClientInput i) => r.PendingEnd(c, i) == Reaction.Fail,
                "report error", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.StreamEndedBeforeResponse))
            .IgnoreIf(End, "other exchange", (in ClientContext c, in ClientInput i) => r.PendingEnd(c, i) == Reaction.Ignore)
            .InternalTransition(Resume, "GET with Last-Event-ID", (in ClientContext c, in ClientInput _) => Reconnect(r, c),
                "stream broken", (in ClientContext c, in ClientInput _) => c.PendingBroken && r.CanReconnect(c), Cite.LastEventId);

        b.Configure(LegacyConnecting).SubstateOf(Connecting)
            .IgnoreIf(Head, "SSE stream or other exchange", (in ClientContext c, in ClientInput i) => r.LegacyConnectingHead(c, i) != Reaction.Fail)
            .PermitIf(Head, Failed, "GET refused", (in ClientContext c, in ClientInput i) => r.LegacyConnectingHead(c, i) == Reaction.Fail,
                "report error", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.LegacyGetFailed), Cite.FallbackEndpointEvent)
            .PermitIf(Event, LegacyInitializing, "`endpoint` event", (in ClientContext c, in ClientInput i) => r.LegacyConnectingEvent(c, i) == Reaction.Result,
                "POST initialize to the endpoint", (in ClientContext c, in ClientInput _) => Send(r, c with { Transport = ClientTransport.HttpSse }, Payload.Initialize),
                Cite.EndpointFirst, Cite.PostToEndpoint)
            .PermitIf(Event, Failed, "first event is not `endpoint`", (in ClientContext c, in ClientInput i) => r.LegacyConnectingEvent(c, i) == Reaction.Fail,
                "report error", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.NoEndpointEvent), Cite.FallbackEndpointEvent)
            .IgnoreIf(Event, "other exchange", (in ClientContext c, in ClientInput i) => r.LegacyConnectingEvent(c, i) == Reaction.Ignore)
            .PermitIf(End, Failed, "SSE stream ended", (in ClientContext c, in ClientInput i) => r.LegacyStreamEnd(c, i) == Reaction.Fail,
                "report error", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.LegacyGetFailed))
            .IgnoreIf(End, "other exchange", (in ClientContext c, in ClientInput i) => r.LegacyStreamEnd(c, i) == Reaction.Ignore);

        b.Configure(LegacyInitializing).SubstateOf(Connecting)
            .PermitIf(Head, Failed, "POST refused", (in ClientContext c, in ClientInput i) => r.LegacyInitializingHead(c, i) == Reaction.Fail,
                "report error", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.InitializeRejected))
            .IgnoreIf(Head, "accepted", (in ClientContext c, in ClientInput i) => r.LegacyInitializingHead(c, i) == Reaction.Ignore)
            .PermitIf(Event, Initialized, "InitializeResult, supported version", (in ClientContext c, in ClientInput i) => r.LegacyInitializingEvent(c, i) == Reaction.InitAccepted,
                "adopt version", (in ClientContext c, in ClientInput i) => Adopt(c, i.Item.Message.Version, 0), Cite.VersionEcho)
            .PermitIf(Event, Failed, "InitializeResult, unsupported version", (in ClientContext c, in ClientInput i) => r.LegacyInitializingEvent(c, i) == Reaction.InitUnsupported,
                "disconnect", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.UnsupportedVersion), Cite.UnsupportedVersionDisconnect)
            .IgnoreIf(Event, "other event", (in ClientContext c, in ClientInput i) => r.LegacyInitializingEvent(c, i) == Reaction.Ignore)
            .PermitIf(End, Failed, "SSE stream ended", (in ClientContext c, in ClientInput i) => r.LegacyStreamEnd(c, i) == Reaction.Fail,
                "report error", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.StreamEndedBeforeResponse))
            .IgnoreIf(End, "other exchange", (in ClientContext c, in ClientInput i) => r.LegacyStreamEnd(c, i) == Reaction.Ignore);

        b.Configure(Initialized)
            .Permit(PostInitialized, Operating, "send notifications/initialized",
                (in ClientContext c, in ClientInput _) => SendNotification(r, c), Cite.InitializedNotification, Cite.HeaderRequired, Cite.ClientSendsSession)
            .Ignore(Head).Ignore(Event).Ignore(End).Ignore(TimedOut);

        b.Configure(Operating)
            .PermitIf(Head, Authorizing, "401", (in ClientContext c, in ClientInput i) => r.OperatingHead(c, i) == Reaction.Authorize,
                "discover authorization", (in ClientContext c, in ClientInput _) => c, Cite.Auth401Required)
            .InternalTransition(PostToolCall, "send tools/call", (in ClientContext c, in ClientInput _) => SendToolCall(r, c),
                "nothing outstanding", (in ClientContext c, in ClientInput _) => c.Tool == ToolState.NotSent && c.Pending == Payload.None,
                Cite.ClientWaitsForInitialize, Cite.HeaderRequired, Cite.ClientSendsSession)
            .InternalTransition(OpenGetStream, "GET the MCP endpoint", (in ClientContext c, in ClientInput _) => OpenGet(r, c),
                "Streamable HTTP, before the tool call", (in ClientContext c, in ClientInput _) =>
                    c.Transport == ClientTransport.Streamable && c.GetStream == GetStreamState.NotOpened && c.Tool == ToolState.NotSent && c.Pending == Payload.None)
            .InternalTransition(Resume, "GET with Last-Event-ID", (in ClientContext c, in ClientInput _) => Reconnect(r, c),
                "stream broken", (in ClientContext c, in ClientInput _) => c.PendingBroken && r.CanReconnect(c), Cite.LastEventId)
            .PermitIf(Finish, Done, "tool answered", (in ClientContext c, in ClientInput _) => c.Tool == ToolState.Answered,
                "DELETE the session", (in ClientContext c, in ClientInput _) => Leave(r, c), Cite.SessionDelete)
            .InternalTransition(Head, "show the result", (in ClientContext c, in ClientInput _) => Answer(c),
                "JSON response", (in ClientContext c, in ClientInput i) => r.OperatingHead(c, i) == Reaction.Result, Cite.RequestJsonOrSse)
            .PermitIf(Head, Idle, "404 for the session", (in ClientContext c, in ClientInput i) => r.OperatingHead(c, i) == Reaction.Reinitialize,
                "start a new session", (in ClientContext c, in ClientInput _) => Reinitialize(c), Cite.SessionReinit)
            .PermitIf(Head, Failed, "rejected", (in ClientContext c, in ClientInput i) => r.OperatingHead(c, i) == Reaction.Fail,
                "report error", (in ClientContext c, in ClientInput i) => Fail(c, HeadFailure(i)), Cite.SessionReinit, Cite.GetSseOr405)
            .InternalTransition(Head, "stream broken", (in ClientContext c, in ClientInput _) => c with { PendingBroken = true },
                "resume refused, retry", (in ClientContext c, in ClientInput i) => r.OperatingHead(c, i) == Reaction.Broken, Cite.BoundedReconnect)
            .InternalTransition(Head, "stream back", (in ClientContext c, in ClientInput _) => c with { Reconnects = 0 },
                "resume answered with a stream", (in ClientContext c, in ClientInput i) => r.OperatingHead(c, i) == Reaction.Resumed, Cite.LastEventId)
            .InternalTransition(Head, "GET stream open", (in ClientContext c, in ClientInput _) => c with { GetStream = GetStreamState.Open },
                "SSE", (in ClientContext c, in ClientInput i) => r.OperatingHead(c, i) == Reaction.GetOpened, Cite.GetSseOr405)
            .InternalTransition(Head, "no GET stream", (in ClientContext c, in ClientInput _) => c with { GetStream = GetStreamState.Unavailable },
                "not SSE", (in ClientContext c, in ClientInput i) => r.OperatingHead(c, i) == Reaction.GetUnavailable, Cite.GetSseOr405)
            .IgnoreIf(Head, "stream or accepted", (in ClientContext c, in ClientInput i) => r.OperatingHead(c, i) is Reaction.Wait or Reaction.Ignore)
            .InternalTransition(Event, "show the result", (in ClientContext c, in ClientInput i) => Answer(c) with { PendingEventId = i.Item.EventId },
                "response for the call", (in ClientContext c, in ClientInput i) => r.OperatingEvent(c, i) == Reaction.Result, Cite.MessageEvents)
            .PermitIf(Event, Failed, "profile fails on the event", (in ClientContext c, in ClientInput i) => r.OperatingEvent(c, i) == Reaction.Fail,
                "close the connection", (in ClientContext c, in ClientInput i) => Fail(c, EventFailure(i)), Cite.PrimingNotMessage)
            .InternalTransition(Event, "remember event id", (in ClientContext c, in ClientInput i) => c with { PendingEventId = i.Item.EventId },
                "event with id", (in ClientContext c, in ClientInput i) => r.OperatingEvent(c, i) == Reaction.Record, Cite.LastEventId)
            .IgnoreIf(Event, "not for the call", (in ClientContext c, in ClientInput i) => r.OperatingEvent(c, i) == Reaction.Ignore, Cite.MessageEvents)
            .InternalTransition(End, "stream broken", (in ClientContext c, in ClientInput _) => c with { PendingBroken = true },
                "resumable", (in ClientContext c, in ClientInput i) => r.PendingEnd(c, i) == Reaction.Broken, Cite.LastEventId)
            .InternalTransition(End, "re-issue with a new id", (in ClientContext c, in ClientInput _) => c with { Tool = ToolState.NotSent, Pending = Payload.None },
                "modern stream broken", (in ClientContext c, in ClientInput i) => r.PendingEnd(c, i) == Reaction.Reissue, Cite.NoResumability)
            .PermitIf(End, Failed, "not resumable", (in ClientContext c, in ClientInput i) => r.PendingEnd(c, i) == Reaction.Fail,
                "report error", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.StreamEndedBeforeResponse))
            .IgnoreIf(End, "other exchange", (in ClientContext c, in ClientInput i) => r.PendingEnd(c, i) == Reaction.Ignore && !LegacyStreamLost(c, i))
            .PermitIf(End, Failed, "HTTP+SSE stream lost", (in ClientContext c, in ClientInput i) => r.PendingEnd(c, i) == Reaction.Ignore && LegacyStreamLost(c, i),
                "report error", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.StreamEndedBeforeResponse))
            .PermitIf(TimedOut, Failed, "outstanding request", (in ClientContext c, in ClientInput i) => ClientReactions.OnPending(c, i),
                "report timeout", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.Timeout))
            .IgnoreIf(TimedOut, "other exchange", (in ClientContext c, in ClientInput i) => !ClientReactions.OnPending(c, i));

        // Discovery itself is the authorization machine of the revision (Authorization/DiscoveryMachines);
        // the world runs it against the server's deployment and reports how it ended.
        b.Configure(Authorizing)
            .PermitIf(Authorized, Initializing, "initialize was refused", (in ClientContext c, in ClientInput _) => c.Pending == Payload.Initialize,
                "send it again with the token", (in ClientContext c, in ClientInput _) => Send(r, c with { Token = true }, Payload.Initialize), Cite.AuthBearerEveryRequest)
            .PermitIf(Authorized, Probing, "server/discover was refused", (in ClientContext c, in ClientInput _) => c.Pending == Payload.Discover,
                "send it again with the token", (in ClientContext c, in ClientInput _) => Send(r, c with { Token = true }, Payload.Discover), Cite.AuthBearerEveryRequest)
            .PermitIf(Authorized, Operating, "tools/call was refused", (in ClientContext c, in ClientInput _) => c.Pending == Payload.ToolCall,
                "send it again with the token", (in ClientContext c, in ClientInput _) => Send(r, c with { Token = true }, Payload.ToolCall), Cite.AuthBearerEveryRequest)
            .Permit(AuthorizationFailed, Failed, "report error", (in ClientContext c, in ClientInput _) => Fail(c, FailureReason.AuthorizationFailed))
            .Ignore(Head).Ignore(Event).Ignore(End).Ignore(TimedOut);

        b.Configure(Finished).Ignore(Head).Ignore(Event).Ignore(End).Ignore(TimedOut);
        b.Configure(Done).SubstateOf(Finished).Final();
        b.Configure(Failed).SubstateOf(Finished).Final();
        return b.Build();
    }

    // ---- effects ------------------------------------------------------------------------------

    private static ClientContext Send(ClientReactions r, ClientContext c, Payload payload)
    {
        var request = r.Make(c, payload);
        c.LastId = request.RequestId != 0 ? request.RequestId : c.LastId;
        c.Pending = payload;
        c.PendingId = request.RequestId;
        c.PendingEventId = 0;
        c.PendingBroken = false;
        c.Reconnects = 0;
        c.Out = new ClientOutput { Request = request, Purpose = Purpose.Request };
        return c;
    }

    private static ClientContext SendToolCall(ClientReactions r, ClientContext c)
    {
        c = Send(r, c, Payload.ToolCall);
        c.Tool = ToolState.Pending;
        c.ToolAttempts++;
        return c;
    }

    private static ClientContext SendNotification(ClientReactions r, ClientContext c)
    {
        c.Out = new ClientOutput { Request = r.Make(c, Payload.Initialized), Purpose = Purpose.Notification };
        return c;
    }

    private static ClientContext OpenLegacyStream(ClientContext c)
    {
        c.Transport = ClientTransport.HttpSse;
        c.Pending = Payload.None;
        c.Out = new ClientOutput { Request = new AbstractRequest { Verb = Verb.Get, Target = Target.Mcp }, Purpose = Purpose.LegacyStream };
        return c;
    }

    private static ClientContext OpenGet(ClientReactions r, ClientContext c)
    {
        c.GetStream = GetStreamState.Requested;
        c.Out = new ClientOutput { Request = r.Make(c, Payload.None, Verb.Get), Purpose = Purpose.GetStream };
        return c;
    }

    private static ClientContext Reconnect(ClientReactions r, ClientContext c)
    {
        c.Reconnects = (byte)Math.Min(c.Reconnects + 1, 7);
        c.PendingBroken = false;
        c.Out = new ClientOutput { Request = r.MakeResume(c), Purpose = Purpose.Resume };
        return c;
    }

    private static ClientContext Leave(ClientReactions r, ClientContext c)
    {
        if (c.Transport == ClientTransport.Streamable && c.Session != 0)
            c.Out = new ClientOutput { Request = r.Make(c, Payload.None, Verb.Delete), Purpose = Purpose.Delete };
        return c;
    }

    private static ClientContext Adopt(ClientContext c, VersionValue version, byte session)
    {
        c.Negotiated = version;
        c.Session = session;
        c.Pending = Payload.None;
        c.PendingBroken = false;
        return c;
    }

    private static ClientContext Modern(ClientContext c)
    {
        c.Transport = ClientTransport.Modern;
        c.Negotiated = VersionValue.V2026_07_28;
        c.Pending = Payload.None;
        return c;
    }

    private static ClientContext ProbeFailed(ClientContext c)
    {
        c.Transport = ClientTransport.Undecided;
        c.ProbeFailed = true;
        c.Pending = Payload.None;
        return c;
    }

    private static ClientContext Answer(ClientContext c)
    {
        c.Tool = ToolState.Answered;
        c.Pending = Payload.None;
        c.PendingBroken = false;
        c.Out = new ClientOutput { Surface = Surface.Result };
        return c;
    }

    private static ClientContext Reinitialize(ClientContext c)
    {
        c.Session = 0;
        c.Negotiated = VersionValue.None;
        c.Transport = ClientTransport.Streamable;
        if (c.Tool == ToolState.Pending) c.Tool = ToolState.NotSent;
        c.Pending = Payload.None;
        c.PendingBroken = false;
        c.GetStream = GetStreamState.NotOpened;
        c.Reinitializations++;
        return c;
    }

    private static ClientContext Fail(ClientContext c, FailureReason reason)
    {
        if (c.Tool == ToolState.Pending) c.Tool = ToolState.Failed;
        c.Pending = Payload.None;
        c.Out = new ClientOutput { Surface = Surface.Failure, Reason = reason };
        return c;
    }

    private static FailureReason EventFailure(in ClientInput i) =>
        i.Item.Kind == EventKind.Priming ? FailureReason.EmptyDataNotJson : FailureReason.UnexpectedEvent;

    private static FailureReason HeadFailure(in ClientInput i) => i.Purpose switch
    {
        _ when i.Head.Status == Status.NotFound404 && i.Request.Session != 0 => FailureReason.SessionExpired,
        Purpose.GetStream => FailureReason.GetStreamRejected,
        Purpose.Resume => FailureReason.ResumeFailed,
        _ => FailureReason.RequestRejected,
    };

    /// <summary>On HTTP+SSE every response travels on the one GET stream: losing it loses the session.</summary>
    private static bool LegacyStreamLost(in ClientContext c, in ClientInput i) =>
        i.Purpose == Purpose.LegacyStream && c.Transport == ClientTransport.HttpSse && c.Tool != ToolState.Answered;
}
