using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Server;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Proxy;

/// <summary>
/// One client conversation seen through the proxy (a session, a sessionless client, an HTTP+SSE
/// stream): the server machine that judges the upstream's answers and the client-side judge, both
/// stepped one finished exchange at a time, and what each found. Both are made when the first
/// exchange is judged, with the revision that exchange shows (<see cref="RevisionChoice"/>).
/// </summary>
public sealed class ProxyConversation(string name, RevisionChoice revisions, IClientSideJudges clients, string? serverUnjudged)
{
    private readonly Lock _gate = new();
    private ExchangeJudge? _server;
    private IClientSideJudge? _client;
    private Revision? _revision;
    private Revision _serverRevision;
    private string? _beyondModel;
    private readonly List<Finding> _serverFindings = [];
    private readonly List<Finding> _clientFindings = [];
    private readonly HashSet<string> _serverChecked = [];
    private readonly HashSet<string> _clientChecked = [];
    private readonly Dictionary<long, (WireExchange Exchange, bool ProxyAnswered, string? Skip, IReadOnlyList<WireSseEvent>? Stream, WireExchange? ClientSaw)> _finished = [];
    private ProxyConversation? _follows;
    private bool _finishedClient;
    private long _nextTicket;
    private long _nextToJudge;
    private int _exchanges;
    private int _unjudged;

    public string Name => name;

    /// <summary>Set when the conversation is an HTTP+SSE one (its GET stream announced an endpoint):
    /// pairs its POSTs with the answers on the stream.</summary>
    public LegacyAnswers? Legacy { get; private set; }

    /// <summary>Whether the client of this conversation owes a new <c>initialize</c>, which would start
    /// another conversation: the proxy answered it 404 as an expired session, or it began with a
    /// sessionless request that was no initialize (a 2026-07-28 probe).</summary>
    public bool AwaitsInitialize { get; set; }

    /// <summary>This conversation's initialize is also the one <paramref name="earlier"/>'s client owed:
    /// its client-side judge is shown it (the client model follows one client across both).</summary>
    public void Follows(ProxyConversation earlier) => _follows = earlier;

    /// <summary>Marks the conversation as HTTP+SSE, once; returns its pairing.</summary>
    public LegacyAnswers BecomeLegacy(TimeSpan bound)
    {
        lock (_gate) return Legacy ??= new LegacyAnswers(bound);
    }

    /// <summary>The revision the conversation's server is judged by: the one its first exchange
    /// showed (what the session negotiated), the default before.</summary>
    public Revision Revision
    {
        get
        {
            lock (_gate) return _revision is null ? revisions.Default : _serverRevision;
        }
    }

    /// <summary>The revision the conversation's client is judged by: the one it asked for, the default before.</summary>
    public Revision ClientRevision
    {
        get
        {
            lock (_gate) return _revision ?? revisions.Default;
        }
    }

    /// <summary>Why the server side of this conversation is not judged (the proxy joined a session
    /// already under way, whose earlier steps the server machine never saw), or null.</summary>
    public string? ServerUnjudged => serverUnjudged;

    /// <summary>Takes the next place in the conversation's order, when a request begins. The
    /// machines must see requests in the order the server got them, not the order their answers
    /// ended (an initialize answered on a stream can end after the notification sent once its
    /// response event arrived).</summary>
    public long Enter()
    {
        lock (_gate) return _nextTicket++;
    }

    /// <summary>Hands in the finished exchange of <paramref name="ticket"/>; judges it and every
    /// later one already finished, once those before it are judged. Returns the new findings.</summary>
    /// <param name="proxyAnswered">The proxy answered it (an injected fault): the server said nothing to judge.</param>
    /// <param name="serverSkip">Why this one exchange is not put to the server machine, or null.</param>
    /// <param name="stream">For an HTTP+SSE POST: its answer as the GET stream carried it.</param>
    /// <param name="clientSaw">The exchange as the client received it, when an injected fault made it differ (a cut stream).</param>
    public IReadOnlyList<Finding> Finish(long ticket, WireExchange exchange, bool proxyAnswered, string? serverSkip, IReadOnlyList<WireSseEvent>? stream = null, WireExchange? clientSaw = null)
    {
        lock (_gate)
        {
            _finished[ticket] = (exchange, proxyAnswered, serverSkip, stream, clientSaw);
            var found = new List<Finding>();
            while (_finished.Remove(_nextToJudge, out var next))
            {
                found.AddRange(JudgeOne(next.Exchange, next.ProxyAnswered, next.Skip, next.Stream, next.ClientSaw));
                _nextToJudge++;
            }

            return found;
        }
    }

    /// <summary>At the end of the run: judges what finished but waits behind an exchange that never did.</summary>
    public IReadOnlyList<Finding> Drain()
    {
        lock (_gate)
        {
            var found = new List<Finding>();
            foreach (var ticket in _finished.Keys.Order().ToArray())
            {
                var next = _finished[ticket];
                found.AddRange(JudgeOne(next.Exchange, next.ProxyAnswered, next.Skip, next.Stream, next.ClientSaw));
            }

            _finished.Clear();
            return found;
        }
    }

    private List<Finding> JudgeOne(WireExchange exchange, bool proxyAnswered, string? serverSkip, IReadOnlyList<WireSseEvent>? stream, WireExchange? clientSaw)
    {
        if (_revision is null)
        {
            _revision = revisions.Client(exchange);
            _serverRevision = revisions.Server(exchange);
            _server = new ExchangeJudge((PeerRevision)(int)_serverRevision, _serverRevision);
            _client = clients.Start(revisions.ClientPeer(exchange));
        }

        var revision = _revision.Value;
        var server = _server!;
        var client = _client!;
        if (_serverRevision != Revision.V2024_11_05 && !revisions.Pinned && exchange.Request.Method == "GET" &&
            exchange.Response is { IsEventStream: true, Events: [{ Type: "endpoint" }, ..] })
        {
            // The client fell back to HTTP+SSE (its Streamable HTTP attempt failed) and the server
            // answered as a 2024-11-05 server: from here on the server side is that machine. The
            // client model follows the fallback itself, so the client judge stays.
            _serverRevision = Revision.V2024_11_05;
            server = _server = new ExchangeJudge(PeerRevision.V2024_11_05, Revision.V2024_11_05);
        }

        // HTTP+SSE is 2024-11-05's transport, and the only one its model knows; SDKs also negotiate
        // later revisions over it, a pairing no revision describes. Such a session is not judged
        // from its initialize on, rather than held to rules it never claimed to follow.
        if (_beyondModel is null && !revisions.Pinned && _serverRevision == Revision.V2024_11_05 && stream is not null &&
            ProxyJudging.IsInitialize(exchange.Request.Body) && SessionRevision.NegotiatedIn(stream) is { } negotiated and not Revision.V2024_11_05)
            _beyondModel = $"an HTTP+SSE session that negotiated {negotiated.ToText()}: the model knows HTTP+SSE only as 2024-11-05";
        if (_beyondModel is not null)
        {
            _exchanges++;
            _unjudged++;
            return [];
        }

        // An HTTP+SSE POST is answered on the GET stream: without that answer paired to it (the
        // stream's endpoint was not seen), it is not put to the server machine.
        if (_serverRevision == Revision.V2024_11_05 && exchange.Request.Method == "POST" && stream is null) serverSkip ??= "HTTP+SSE POST without its stream";
        _exchanges++;
        var found = new List<Finding>();
        JudgedExchange? serverSide = null;
        if (!proxyAnswered && serverUnjudged is null && serverSkip is null)
        {
            serverSide = server.Judge(exchange, stream);
            if (serverSide.Judgement is { } verdict)
            {
                foreach (var rule in verdict.Checked) _serverChecked.Add(rule);
                foreach (var d in verdict.Deviations)
                    found.Add(JudgementReport.Finding(d.Rule, d.Observed, d.Expected, _serverRevision, ServerScenario, ExchangeLines.Of(exchange)));
                _serverFindings.AddRange(found);
            }
            else _unjudged++;
        }
        else if (!proxyAnswered) _unjudged++;

        if (_follows is { } earlier && ProxyJudging.IsInitialize(exchange.Request.Body))
        {
            _follows = null;
            found.AddRange(earlier.ShowInitialize(exchange));
        }

        // The client side reads what the client received: the proxy's own answer, a cut stream, or
        // (no fault) what the server sent.
        var received = proxyAnswered ? server.Observe(exchange) : clientSaw is not null ? server.Observe(clientSaw) : serverSide ?? server.Observe(exchange, stream);
        found.AddRange(ClientFindings(client.Judge(exchange, received), exchange));
        return found;
    }

    private List<Finding> ClientFindings(ClientSideVerdict verdict, WireExchange? exchange)
    {
        var found = new List<Finding>();
        foreach (var rule in verdict.Checked) _clientChecked.Add(rule);
        foreach (var d in verdict.Deviations)
        {
            var finding = JudgementReport.Finding(d.Rule, d.Observed, d.Expected, Revision(), ClientScenario, exchange is null ? [] : ExchangeLines.Of(exchange));
            _clientFindings.Add(finding);
            found.Add(finding);
        }

        return found;

        Revision Revision() => _revision ?? revisions.Default;
    }

    /// <summary>Shows this conversation's client judge the initialize its client sent in a later
    /// conversation (request only: what follows belongs to that one).</summary>
    private IReadOnlyList<Finding> ShowInitialize(WireExchange initialize)
    {
        lock (_gate)
        {
            AwaitsInitialize = false;
            if (_client is null || _server is null) return [];
            return ClientFindings(_client.Judge(initialize, _server.Observe(initialize with { Response = null })), initialize);
        }
    }

    /// <summary>At the end of the run: what the client still owed (once).</summary>
    public IReadOnlyList<Finding> FinishClient()
    {
        lock (_gate)
        {
            if (_finishedClient || _client is null) return [];
            _finishedClient = true;
            return ClientFindings(_client.Finish(), null);
        }
    }

    public string ServerScenario => "server: " + name;

    public string ClientScenario => "client: " + name;

    /// <summary>The conversation as report entries: one for each side.</summary>
    public IReadOnlyList<ScenarioResult> Results(TimeSpan elapsed)
    {
        lock (_gate)
        {
            // A side that made findings before its session went beyond the model is reported with them, not as skipped.
            string? skipped = serverUnjudged ?? (_serverFindings.Count == 0 ? _beyondModel : null) ?? (_exchanges > 0 && _exchanges == _unjudged ? "no exchange of it could be judged" : null);
            var revision = _revision ?? revisions.Default;
            var serverRevision = _revision is null ? revisions.Default : _serverRevision;
            var results = new List<ScenarioResult>
            {
                new(ServerScenario, serverRevision, JudgementReport.RulesChecked(_serverChecked, serverRevision, _serverFindings), _serverFindings.ToArray(), elapsed, skipped),
            };
            if (_clientChecked.Count > 0 || _clientFindings.Count > 0 || _beyondModel is not null)
                results.Add(new(ClientScenario, revision, JudgementReport.RulesChecked(_clientChecked, revision, _clientFindings), _clientFindings.ToArray(), elapsed, _clientFindings.Count == 0 ? _beyondModel : null));
            return results;
        }
    }

    public int Exchanges
    {
        get
        {
            lock (_gate) return _exchanges;
        }
    }
}
