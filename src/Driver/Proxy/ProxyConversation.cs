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
    private readonly Dictionary<long, (WireExchange Exchange, bool ProxyAnswered, string? Skip, IReadOnlyList<WireSseEvent>? Stream)> _finished = [];
    private long _nextTicket;
    private long _nextToJudge;
    private int _exchanges;
    private int _unjudged;

    public string Name => name;

    /// <summary>Set when the conversation is an HTTP+SSE one (its GET stream announced an endpoint):
    /// pairs its POSTs with the answers on the stream.</summary>
    public LegacyAnswers? Legacy { get; private set; }

    /// <summary>Marks the conversation as HTTP+SSE, once; returns its pairing.</summary>
    public LegacyAnswers BecomeLegacy(TimeSpan bound)
    {
        lock (_gate) return Legacy ??= new LegacyAnswers(bound);
    }

    /// <summary>The revision the conversation's client is judged by: the one its first exchange showed, the default before.</summary>
    public Revision Revision
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
    public IReadOnlyList<Finding> Finish(long ticket, WireExchange exchange, bool proxyAnswered, string? serverSkip, IReadOnlyList<WireSseEvent>? stream = null)
    {
        lock (_gate)
        {
            _finished[ticket] = (exchange, proxyAnswered, serverSkip, stream);
            var found = new List<Finding>();
            while (_finished.Remove(_nextToJudge, out var next))
            {
                found.AddRange(JudgeOne(next.Exchange, next.ProxyAnswered, next.Skip, next.Stream));
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
                found.AddRange(JudgeOne(next.Exchange, next.ProxyAnswered, next.Skip, next.Stream));
            }

            _finished.Clear();
            return found;
        }
    }

    private List<Finding> JudgeOne(WireExchange exchange, bool proxyAnswered, string? serverSkip, IReadOnlyList<WireSseEvent>? stream)
    {
        if (_revision is null)
        {
            var chosen = revisions.For(exchange);
            _revision = chosen;
            _serverRevision = revisions.ServerFor(exchange, chosen);
            _server = new ExchangeJudge((PeerRevision)(int)_serverRevision, _serverRevision);
            _client = clients.Start(chosen);
        }

        var revision = _revision.Value;
        var server = _server!;
        var client = _client!;
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

        var clientVerdict = client.Judge(exchange, serverSide);
        foreach (var rule in clientVerdict.Checked) _clientChecked.Add(rule);
        foreach (var d in clientVerdict.Deviations)
        {
            var finding = JudgementReport.Finding(d.Rule, d.Observed, d.Expected, revision, ClientScenario, ExchangeLines.Of(exchange));
            _clientFindings.Add(finding);
            found.Add(finding);
        }

        return found;
    }

    public string ServerScenario => "server: " + name;

    public string ClientScenario => "client: " + name;

    /// <summary>The conversation as report entries: one for each side.</summary>
    public IReadOnlyList<ScenarioResult> Results(TimeSpan elapsed)
    {
        lock (_gate)
        {
            string? skipped = serverUnjudged ?? _beyondModel ?? (_exchanges > 0 && _exchanges == _unjudged ? "no exchange of it could be judged" : null);
            var revision = _revision ?? revisions.Default;
            var serverRevision = _revision is null ? revisions.Default : _serverRevision;
            var results = new List<ScenarioResult>
            {
                new(ServerScenario, serverRevision, JudgementReport.RulesChecked(_serverChecked, serverRevision, _serverFindings), _serverFindings.ToArray(), elapsed, skipped),
            };
            if (_clientChecked.Count > 0 || _clientFindings.Count > 0 || _beyondModel is not null)
                results.Add(new(ClientScenario, revision, JudgementReport.RulesChecked(_clientChecked, revision, _clientFindings), _clientFindings.ToArray(), elapsed, _beyondModel));
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
