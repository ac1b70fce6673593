using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Checking.Oracle;

/// <summary>
/// The counterpart of <see cref="ServerOracle"/>: follows a real client's traffic, as a server saw
/// it, and says for each request whether a conforming client of its revision could have sent it
/// given what the server had answered before. Feed what happened in the order it happened:
/// <see cref="Sent"/> for each request, <see cref="Answered"/>, <see cref="Received"/> and
/// <see cref="Ended"/> for what came back on its exchange; <see cref="Finish"/> judges what the
/// client never did (resume a broken stream, fall back, start a new session).
/// <para>
/// A real client sends methods the client machine does not model (tools/list, ping), so the oracle
/// does not step the machine; it asks the machine's decisions instead (<see cref="ClientReactions"/>:
/// the headers a request carries, which failed initialize falls back), and the rule catalog for
/// where each rule holds, so each rule still lives in one place.
/// </para>
/// </summary>
public sealed class ClientOracle
{
    /// <summary>More reconnects than this for one broken stream are unbounded (resume.bounded-reconnect).</summary>
    public const int ReconnectLimit = 10;

    private readonly ClientReactions _reactions;
    private readonly Dictionary<int, Exchange> _exchanges = [];
    private readonly HashSet<string> _checked = [];

    private ClientTransport _transport;
    private VersionValue _negotiated;
    private byte _session;
    private int? _initialize;

    /// <summary>The JSON-RPC id of the outstanding initialize: its result may come on a resumed stream.</summary>
    private byte _initializeId;
    private bool _initialized;
    private bool _resultSeen;
    private bool _unsupported;
    private byte _expired;
    private AbstractResponse? _failedInitialize;
    private bool _fellBack;
    private bool _endpointOnPost;
    private Broken? _broken;

    /// <summary>The exchange of the dual-era probe, and whether its answer was not a modern one.</summary>
    private int? _probe;
    private bool _probeFailed;

    /// <summary>The probe's answer when it failed: a dual-era client falls back from it as from a failed initialize.</summary>
    private AbstractResponse? _failedProbe;
    private readonly HashSet<byte> _eventIds = [];

    public ClientOracle(PeerRevision peer)
    {
        Peer = peer;
        _reactions = new ClientReactions(peer, ClientProfile.None);
    }

    /// <summary>The revision the client is held to.</summary>
    public PeerRevision Peer { get; }

    /// <summary>The version the session negotiated (None before).</summary>
    public VersionValue Negotiated => _negotiated;

    /// <summary>Every rule a request was held to so far.</summary>
    public IReadOnlyCollection<string> Checked => _checked;

    /// <summary>The revision whose rules govern now: the negotiated one, else the client's newest.</summary>
    public Revision Governing => _negotiated.IsRevision() ? _negotiated.ToRevision() : Peer.LatestLegacy() ?? Revision.V2026_07_28;

    public ClientJudgement Sent(int exchange, AbstractRequest request)
    {
        _exchanges[exchange] = new Exchange(request);
        var deviations = new List<ClientDeviation>();
        var rules = new List<string>();
        Media(request, deviations, rules);

        bool legacyGet = request.Verb == Verb.Get && request.Target == Target.Mcp && request.Session == 0 && _transport != ClientTransport.Streamable
            && (_initialize is null || _failedInitialize is not null);
        if (legacyGet) LegacyStart(request, deviations, rules);
        else if (request.Verb == Verb.Post && request.Payload == Payload.Initialize) Initialize(exchange, request, deviations, rules);
        else if (request.Verb == Verb.Post && request.Payload == Payload.Discover && _initialize is null) Probe(exchange, deviations, rules);
        else
        {
            Lifecycle(request, deviations, rules);
            Session(request, deviations, rules);
            Header(request, deviations, rules);
            Endpoint(request, deviations, rules);
            Resume(request, deviations, rules);
        }

        if (request.Verb == Verb.Post && request.Payload == Payload.Initialized && _resultSeen) _initialized = true;
        foreach (var rule in rules) _checked.Add(rule);
        return new ClientJudgement(deviations, rules);
    }

    public void Answered(int exchange, AbstractResponse head)
    {
        if (!_exchanges.TryGetValue(exchange, out var known)) return;
        known.Head = head;
        var request = known.Request;
        if (exchange == _initialize)
        {
            if (head.Status == Status.Ok200 && head.Body == Body.Json && head.Message.Kind == MessageKind.InitializeResult) Adopt(head.Message.Version, head.AssignedSession);
            else if (head.Status == Status.Ok200 && head.Body == Body.EventStream) _session = head.AssignedSession;
            else if (!head.IsSuccess) _failedInitialize = head;
        }

        if (exchange == _probe)
        {
            // The client machine's own reading of the probe's answer (a 405 is not a modern answer).
            var context = new ClientContext { Transport = ClientTransport.Modern, Pending = Payload.Discover, PendingId = request.RequestId };
            var input = new ClientInput { Purpose = Purpose.Request, Request = request, Head = head };
            _probeFailed = _reactions.ProbingHead(context, input) == Reaction.ProbeFailed;
            if (!head.IsSuccess) _failedProbe = head;
        }

        if (head.Status == Status.NotFound404 && request.Session != 0 && request.Session == _session && _transport == ClientTransport.Streamable) _expired = _session;
        if (_broken is { } broken && request.Verb == Verb.Get && request.LastEventId != 0 && head.Status == Status.Ok200 && head.Body == Body.EventStream)
            _broken = broken with { Resumed = true };
    }

    public void Received(int exchange, SseItem item)
    {
        if (!_exchanges.TryGetValue(exchange, out var known)) return;
        var request = known.Request;
        known.Items.Add(item);
        if (item.EventId != 0) _eventIds.Add(item.EventId);
        if (item.Kind == EventKind.Endpoint)
        {
            if (request.Verb == Verb.Get && _transport == ClientTransport.HttpSse) return;
            if (request.Verb == Verb.Post) _endpointOnPost = true;
            return;
        }

        if (item.Kind != EventKind.Message) return;
        bool ownResult = exchange == _initialize || (_initialize is not null && item.Message.RequestId == _initializeId);
        if (item.Message.Kind == MessageKind.InitializeResult && !_resultSeen && (ownResult || _transport == ClientTransport.HttpSse))
            Adopt(item.Message.Version, _transport == ClientTransport.HttpSse ? (byte)0 : _session);
        if (item.Message.IsResponse && _broken is { } broken && item.Message.RequestId == broken.RequestId) _broken = null;
    }

    public void Ended(int exchange, StreamEnd end)
    {
        if (!_exchanges.TryGetValue(exchange, out var known) || end == StreamEnd.Open) return;
        var request = known.Request;
        if (request.Verb != Verb.Post || request.RequestId == 0 || known.Head is not { Body: Body.EventStream }) return;
        if (known.Items.Any(i => i.Kind == EventKind.Message && i.Message.IsResponse && i.Message.RequestId == request.RequestId)) return;
        var last = known.Items.LastOrDefault(i => i.EventId != 0);
        if (last.EventId == 0 || !Cite.In(Cite.LastEventId).Contains(Governing)) return;
        _broken = new Broken(exchange, request.RequestId, last.EventId, false, 0);
    }

    /// <summary>What a conforming client would still have done by the end of the run.</summary>
    public ClientJudgement Finish(ClientEnding ending)
    {
        var deviations = new List<ClientDeviation>();
        var rules = new List<string>();
        if (_broken is { } broken && !broken.Resumed && broken.Reconnects == 0 && Cite.In(Cite.LastEventId).Contains(Governing))
        {
            rules.Add(Cite.LastEventId);
            deviations.Add(Deviation(Cite.LastEventId,
                $"the stream of request #{broken.RequestId} ended before its response (last event e{broken.EventId}) and the client never resumed it",
                $"GET with Last-Event-ID: e{broken.EventId} on the session"));
        }

        if (_expired != 0)
        {
            rules.Add(Cite.SessionReinit);
            deviations.Add(Deviation(Cite.SessionReinit, $"after 404 for session S{_expired} the client sent no new initialize",
                "a new initialize without a session id"));
        }

        if (_probeFailed && _initialize is null && _transport == ClientTransport.Undecided)
        {
            rules.Add(Cite.DualEraProbe);
            deviations.Add(Deviation(Cite.DualEraProbe, $"server/discover got no modern answer and the client sent no initialize ({Describe(ending)})",
                "initialize, as a legacy-era client (and HTTP+SSE if that fails with 400, 404 or 405)"));
        }

        if (_failedInitialize is { } failed && !_fellBack && _transport == ClientTransport.Undecided && FallbackRule() is { } fallback && _reactions.FallsBack(failed))
        {
            rules.Add(fallback);
            deviations.Add(Deviation(fallback, $"initialize was answered {failed.Status.Code()} and the client did not try HTTP+SSE ({Describe(ending)})",
                "a GET of the URL, expecting an `endpoint` event (the HTTP+SSE transport)"));
        }

        foreach (var rule in rules) _checked.Add(rule);
        return new ClientJudgement(deviations, rules);
    }

    // ---- the checks -----------------------------------------------------------------------------

    private void Media(in AbstractRequest request, List<ClientDeviation> deviations, List<string> rules)
    {
        if (request.Target != Target.Mcp || _transport == ClientTransport.HttpSse || !Streamable()) return;
        if (request.Verb == Verb.Post)
        {
            rules.Add(Cite.PostAcceptBoth);
            if (request.Media == MediaFault.AcceptIncomplete)
                deviations.Add(Deviation(Cite.PostAcceptBoth, $"{request} without both application/json and text/event-stream in Accept", "Accept listing both media types"));
        }
        else if (request.Verb == Verb.Get && _transport == ClientTransport.Streamable)
        {
            rules.Add(Cite.GetAcceptSse);
            if (request.Media == MediaFault.AcceptIncomplete)
                deviations.Add(Deviation(Cite.GetAcceptSse, $"{request} without text/event-stream in Accept", "Accept listing text/event-stream"));
        }
    }

    /// <summary>A GET of the URL with no session, before any Streamable HTTP session: an HTTP+SSE
    /// client's first request, or a fallback after a failed initialize POST.</summary>
    private void LegacyStart(in AbstractRequest request, List<ClientDeviation> deviations, List<string> rules)
    {
        // A dual-era client may fall back straight from its failed server/discover probe.
        string failedRequest = _failedInitialize is null ? "server/discover" : "initialize";
        if ((_failedInitialize ?? (_initialize is null ? _failedProbe : null)) is { } failed)
        {
            _fellBack = true;
            if (FallbackRule() is { } rule)
            {
                rules.Add(rule);
                if (!_reactions.FallsBack(failed))
                    deviations.Add(Deviation(rule, $"fell back to HTTP+SSE ({request}) after {failedRequest} was answered {failed.Status.Code()}",
                        "no fallback on this status: " + FallbackStatuses()));
            }
        }

        _transport = ClientTransport.HttpSse;
        _initialize = null;
        _resultSeen = false;
        _initialized = false;
    }

    private void Initialize(int exchange, in AbstractRequest request, List<ClientDeviation> deviations, List<string> rules)
    {
        if (_expired != 0)
        {
            rules.Add(Cite.SessionReinit);
            if (request.Session != 0)
                deviations.Add(Deviation(Cite.SessionReinit, $"{request} after 404 for session S{_expired}, still naming a session", "a new initialize without a session id"));
        }

        if (_unsupported) _unsupported = false;
        _expired = 0;
        _initialize = exchange;
        _initializeId = request.RequestId;
        _resultSeen = false;
        _initialized = false;
        _failedInitialize = null;
        if (request.Target == Target.Mcp && _transport != ClientTransport.HttpSse) _transport = ClientTransport.Undecided;
        _negotiated = VersionValue.None;
        _session = 0;
    }

    /// <summary>server/discover before any initialize: the dual-era probe (modern.dual-era-probe);
    /// a client of the legacy era alone starts with initialize.</summary>
    private void Probe(int exchange, List<ClientDeviation> deviations, List<string> rules)
    {
        rules.Add(Cite.DualEraProbe);
        if (!Peer.SpeaksModern())
        {
            rules.Add(Cite.InitializeFirst);
            deviations.Add(Deviation(Cite.InitializeFirst, "server/discover before any initialize from a client of the legacy era", "initialize first"));
        }

        _probe = exchange;
    }

    private void Lifecycle(in AbstractRequest request, List<ClientDeviation> deviations, List<string> rules)
    {
        if (!Handshake() || request.Verb != Verb.Post) return;
        rules.Add(Cite.InitializeFirst);
        if (_initialize is null && _transport != ClientTransport.HttpSse)
        {
            deviations.Add(Deviation(Cite.InitializeFirst, $"{request} before any initialize", "initialize first"));
            return;
        }

        if (_unsupported)
        {
            rules.Add(Cite.UnsupportedVersionDisconnect);
            deviations.Add(Deviation(Cite.UnsupportedVersionDisconnect, $"{request} after the server answered a version the client does not support",
                "disconnect (or initialize again)"));
            return;
        }

        if (!_resultSeen)
        {
            rules.Add(Cite.ClientWaitsForInitialize);
            deviations.Add(Deviation(Cite.ClientWaitsForInitialize, $"{request} before the initialize result arrived", "wait for the InitializeResult"));
            return;
        }

        if (request.Payload != Payload.Initialized && request.RequestId != 0)
        {
            rules.Add(Cite.InitializedNotification);
            if (!_initialized)
                deviations.Add(Deviation(Cite.InitializedNotification, $"{request} without notifications/initialized first", "notifications/initialized after the InitializeResult"));
        }
    }

    private void Session(in AbstractRequest request, List<ClientDeviation> deviations, List<string> rules)
    {
        // The session starts with the initialize response's head, before its result has arrived.
        if (_transport == ClientTransport.HttpSse || request.Target != Target.Mcp || (_transport != ClientTransport.Streamable && _session == 0)) return;
        // A DELETE of the expired session is cleanup, not use of it.
        if (_expired != 0 && request.Verb == Verb.Delete && request.Session == _expired) return;
        if (_expired != 0)
        {
            rules.Add(Cite.SessionReinit);
            deviations.Add(Deviation(Cite.SessionReinit, $"{request} after 404 for session S{_expired}", "a new initialize without a session id"));
            _expired = 0;
            return;
        }

        if (_session == 0) return;
        rules.Add(Cite.ClientSendsSession);
        if (request.Session != _session)
            deviations.Add(Deviation(Cite.ClientSendsSession, request.Session == 0 ? $"{request} without Mcp-Session-Id" : $"{request} naming session S{request.Session}",
                $"Mcp-Session-Id: S{_session} on every request of the session"));
    }

    /// <summary>version.header-required and version.header-negotiated: the header the client machine
    /// puts on this request (<see cref="ClientReactions.Make"/>) against the one sent.</summary>
    private void Header(in AbstractRequest request, List<ClientDeviation> deviations, List<string> rules)
    {
        // A request outside the session (another session id, or none) is named by the session rules.
        if (_transport != ClientTransport.Streamable || request.Target != Target.Mcp || !_negotiated.IsRevision() || request.Session != _session) return;
        var context = new ClientContext { Transport = ClientTransport.Streamable, Negotiated = _negotiated, Session = _session };
        var expected = _reactions.Make(context, request.Payload, request.Verb).VersionHeader;
        if (expected == VersionValue.None) return;
        rules.Add(Cite.HeaderRequired);
        rules.Add(Cite.HeaderNegotiated);
        if (request.VersionHeader == VersionValue.None)
            deviations.Add(Deviation(Cite.HeaderRequired, $"{request} without MCP-Protocol-Version", $"MCP-Protocol-Version: {expected.ToText()}"));
        else if (request.VersionHeader != expected)
            deviations.Add(Deviation(Cite.HeaderNegotiated, $"{request} with MCP-Protocol-Version: {request.VersionHeader.ToText()}", $"MCP-Protocol-Version: {expected.ToText()} (negotiated)"));
    }

    /// <summary>An <c>endpoint</c> event belongs to the HTTP+SSE stream only: taken from a POST
    /// response of Streamable HTTP (the motivating case), it sends the client to the wrong transport.</summary>
    private void Endpoint(in AbstractRequest request, List<ClientDeviation> deviations, List<string> rules)
    {
        if (_transport == ClientTransport.HttpSse)
        {
            if (request.Verb != Verb.Post) return;
            rules.Add(Cite.PostToEndpoint);
            if (request.Target != Target.LegacyPost)
                deviations.Add(Deviation(Cite.PostToEndpoint, $"{request} not to the URI of the `endpoint` event", "POST to the endpoint URI"));
            return;
        }

        if (!_endpointOnPost) return;
        rules.Add(Cite.MessageEvents);
        if (request.Target == Target.LegacyPost)
            deviations.Add(Deviation(Cite.MessageEvents, $"{request}: followed an `endpoint` event of a Streamable HTTP POST response",
                "ignore events that are not `message` events on a Streamable HTTP stream"));
    }

    private void Resume(in AbstractRequest request, List<ClientDeviation> deviations, List<string> rules)
    {
        if (request.Verb != Verb.Get || _broken is not { } broken) return;
        rules.Add(Cite.LastEventId);
        if (request.LastEventId == 0) return;
        if (request.LastEventId != broken.EventId && !_eventIds.Contains(request.LastEventId))
            deviations.Add(Deviation(Cite.LastEventId, $"{request}: an event id the server never sent", $"Last-Event-ID: e{broken.EventId}"));
        int attempts = broken.Reconnects + 1;
        _broken = broken with { Reconnects = attempts };
        rules.Add(Cite.BoundedReconnect);
        if (attempts == ReconnectLimit + 1)
            deviations.Add(Deviation(Cite.BoundedReconnect, $"{attempts} reconnects for the stream of request #{broken.RequestId}", $"at most {ReconnectLimit} or so, then give up"));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void Adopt(VersionValue version, byte session)
    {
        _resultSeen = true;
        _negotiated = version;
        if (_transport != ClientTransport.HttpSse) _transport = ClientTransport.Streamable;
        _session = session;
        _failedInitialize = null;
        _unsupported = !(version.IsRevision() && Peer.Supports(version.ToRevision()));
    }

    private bool Streamable() => Peer.SpeaksStreamableHttp();

    private bool Handshake() => Cite.In(Cite.InitializeFirst).Contains(Governing);

    /// <summary>The fallback rule of the client's revision, or null where none applies.</summary>
    private string? FallbackRule()
    {
        // The decisions of ClientReactions.FallsBack: a peer that speaks the modern era follows its rules.
        var revision = Peer.SpeaksModern() ? Revision.V2026_07_28 : Peer.LatestLegacy()!.Value;
        foreach (var rule in new[] { Cite.FallbackAny4xx, Cite.Fallback400404405, Cite.FallbackNotModernError })
        {
            if (Cite.In(rule).Contains(revision)) return rule;
        }

        return null;
    }

    private string FallbackStatuses() => FallbackRule() switch
    {
        Cite.FallbackAny4xx => "any 4xx except 401",
        Cite.Fallback400404405 => "400, 404 or 405 only",
        _ => "400, 404 or 405 without a modern error",
    };

    private static string Describe(ClientEnding ending) => ending switch
    {
        ClientEnding.Succeeded => "it exited",
        ClientEnding.Failed => "it exited with an error",
        _ => "it hung",
    };

    /// <summary>A deviation under the governing revision, or the modern one for a modern rule of a dual-era client.</summary>
    private ClientDeviation Deviation(string rule, string observed, string expected)
    {
        var revision = Governing;
        if (!Cite.In(rule).Contains(revision) && Peer.SpeaksModern() && Cite.In(rule).Contains(Revision.V2026_07_28)) revision = Revision.V2026_07_28;
        return new(rule, revision, observed, expected);
    }

    private sealed class Exchange(AbstractRequest request)
    {
        public AbstractRequest Request { get; } = request;

        public AbstractResponse? Head { get; set; }

        public List<SseItem> Items { get; } = [];
    }

    private sealed record Broken(int Exchange, byte RequestId, byte EventId, bool Resumed, int Reconnects);
}
