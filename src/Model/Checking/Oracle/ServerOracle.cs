using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Machines.Server;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Checking.Oracle;

/// <summary>
/// The conforming server machine of one revision, following a real server's conversation: each
/// request is offered with every choice the spec leaves the server, and the observed answer is
/// matched against the resulting outputs (<see cref="AnswerComparison"/>). The matching choice
/// becomes the oracle's state, so later answers are judged against what this server chose before
/// (a GET stream it refused stays refused). Session and event ids of the real server are symbols
/// in order of appearance; the oracle maps them onto its own as answers are matched.
/// </summary>
public sealed class ServerOracle
{
    /// <summary>The symbol a request uses for an id this server never handed out.</summary>
    public const byte Unknown = 250;

    private readonly StateMachine<ServerPhase, ServerTrigger, ServerContext, ServerInput> _machine;
    private readonly ServerReactions _reactions;
    private readonly Dictionary<byte, byte> _sessions = [];
    private readonly Dictionary<byte, byte> _eventIds = [];

    /// <summary>The stream (numbered in order of answers) each observed event id first came on.</summary>
    private readonly Dictionary<byte, int> _streamOf = [];
    private int _streams;
    private ServerPhase _phase;
    private ServerContext _context;

    public ServerOracle(PeerRevision peer)
    {
        Peer = peer;
        _machine = ServerMachines.For(peer);
        _reactions = new ServerReactions(peer, ServerProfile.None);
        _phase = _machine.Initial;
    }

    public PeerRevision Peer { get; }

    /// <summary>The server answered initialize without a session id and keeps none.</summary>
    public bool Sessionless => _context.Sessionless;

    /// <summary>The model's event id for a real server's (observed) event id symbol, if known.</summary>
    public bool KnowsEvent(byte observed) => _eventIds.ContainsKey(observed);

    public ServerJudgement Judge(AbstractRequest request, ObservedAnswer observed)
    {
        var mine = Translate(request);
        var verdict = Evaluate(mine, observed);
        if (verdict.Judgement.Deviations.Count > 0 && AssumedOwnVersion(mine, observed, verdict.Judgement.Expected) is { } assumed) verdict = assumed;
        if (verdict.State is { } state) Adopt(state.Phase, state.Context, observed);
        return StreamsKeptApart(request, observed, verdict.Judgement);
    }

    /// <summary>
    /// version.header-missing-default: a request without MCP-Protocol-Version on a session that
    /// negotiated an older version than the server's newest must be handled at the negotiated one.
    /// When the answer deviates there but is exactly the newest version's answer, the server
    /// assumed its own version, and that is the finding.
    /// </summary>
    private (ServerJudgement Judgement, (ServerPhase Phase, ServerContext Context)? State)? AssumedOwnVersion(AbstractRequest mine, ObservedAnswer observed, string expected)
    {
        var latest = _reactions.Latest;
        if (mine.VersionHeader != VersionValue.None || !latest.IsRevision() || !Cite.In(Cite.HeaderMissingDefault).Contains(latest.ToRevision())) return null;
        if (!_context.Negotiated.IsRevision() || _context.Negotiated == latest || ServerReactions.TriggerOf(mine) == ServerTrigger.Initialize) return null;
        var asLatest = mine;
        asLatest.VersionHeader = latest;
        // Only a plain match counts: with a header naming another version than the session's, any
        // 4xx would pass as a refusal, which says nothing about the version the server assumed.
        var other = Evaluate(asLatest, observed, refusals: false);
        if (!other.Judgement.Conforms || other.Judgement.Deviations.Count > 0) return null;
        var deviation = new ServerDeviation(Cite.HeaderMissingDefault,
            $"without MCP-Protocol-Version the server answered as at {latest.ToText()} ({observed})",
            $"the answer at the session's negotiated {_context.Negotiated.ToText()}: {expected}");
        return (new ServerJudgement(true, [deviation], expected, [.. other.Judgement.Checked, Cite.HeaderMissingDefault]) { Effective = other.Judgement.Effective }, other.State);
    }

    /// <summary>
    /// resume.same-stream-only: a stream resumed with Last-Event-ID replays only that stream. An
    /// event whose id first came on another stream is a message of that stream (the model's one
    /// request stream and one GET stream cannot show this by themselves: extra notifications are free).
    /// </summary>
    private ServerJudgement StreamsKeptApart(AbstractRequest request, ObservedAnswer observed, ServerJudgement judgement)
    {
        _streams++;
        bool resumed = request.Verb == Verb.Get && request.LastEventId != 0 && _streamOf.ContainsKey(request.LastEventId);
        int stream = resumed ? _streamOf[request.LastEventId] : _streams;
        var foreign = resumed ? observed.Items.FirstOrDefault(i => i.EventId != 0 && _streamOf.TryGetValue(i.EventId, out int from) && from != stream) : default;
        foreach (var item in observed.Items)
        {
            if (item.EventId != 0) _streamOf.TryAdd(item.EventId, stream);
        }

        if (foreign.EventId == 0) return judgement;
        var deviation = new ServerDeviation(Cite.SameStreamOnly, $"the resumed stream replays {foreign}, an event of another stream", "only events of the stream whose id was given in Last-Event-ID");
        return new ServerJudgement(false, [deviation, .. judgement.Deviations], judgement.Expected, [.. judgement.Checked, Cite.SameStreamOnly]) { Effective = judgement.Effective };
    }

    /// <param name="refusals">Whether a request that breaks a client rule may be refused with any 4xx.</param>
    private (ServerJudgement Judgement, (ServerPhase Phase, ServerContext Context)? State) Evaluate(AbstractRequest mine, ObservedAnswer observed, bool refusals = true)
    {
        var trigger = ServerReactions.TriggerOf(mine);
        int choices = _reactions.Choices(_context, mine);
        bool modern = false;
        (ServerPhase Phase, ServerContext Context, List<ServerDeviation> Soft)? best = null;
        (ServerPhase Phase, ServerContext Context, string Rule, string Why)? closest = null;
        var expected = new List<string>();
        var rules = new List<string>();
        for (byte choice = 0; choice < choices; choice++)
        {
            var input = new ServerInput { Request = mine, Choice = choice };
            var step = _machine.Step(_phase, _context, trigger, input);
            if (!step.IsFired || step.Context.Out.Head.Status == Status.None) continue;
            var output = step.Context.Out;
            string rule = _reactions.Respond(_context, input).Rule;
            modern = output.Effective == VersionValue.V2026_07_28;
            expected.Add(Describe(output));
            rules.Add(rule);
            AnswerComparison.DetailRules(output, modern, rules);
            var soft = new List<ServerDeviation>();
            AnswerComparison.Compare(output, ref rule, observed, modern, out string? hard, soft);
            if (hard is null)
            {
                if (best is null || soft.Count < best.Value.Soft.Count) best = (step.State, step.Context, soft);
            }
            // The candidate to blame: the one most like the observed answer (body, error code, kind of
            // response), the first among equals.
            else if (closest is null || Likeness(output, observed) > Likeness(closest.Value.Context.Out, observed))
            {
                closest = (step.State, step.Context, rule, hard);
            }
        }

        string expectation = expected.Count == 0 ? "no answer (the request does not apply)" : string.Join(" or ", expected.Distinct());
        if (best is { } match)
            return (new ServerJudgement(true, match.Soft, expectation, rules.Distinct().ToArray()) { Effective = VersionOf(match.Context.Out) }, (match.Phase, match.Context));

        // A request that breaks a client rule may also be refused, with any 4xx; the server then
        // stays as it was. The model's own server always serves it, so this freedom is granted here.
        if (refusals && _reactions.Refusable(_context, mine) is { } broken)
        {
            expectation += $" or any 4xx (the request breaks {broken})";
            if (observed.Head.Status.Code() is >= 400 and < 500)
                return (new ServerJudgement(true, [], expectation, rules.Distinct().ToArray()), (_phase, _context with { Out = default }));
        }

        // An initialize bearing a session id this server does not know (never handed out, or ended):
        // 404 is the spec's answer to a request bearing such an id (2025-03-26+ #session-management),
        // and a client starting a new session sends none, so the request breaks a client rule and
        // earns any 4xx, as other such requests do (the TypeScript SDK answers 404, server-everything
        // 400); serving it as a fresh initialize is as right. The model's server serves it.
        if (refusals && InitializeWithForeignSession(trigger, mine))
        {
            expectation += " or any 4xx (the initialize bears a session id the server does not know)";
            if (observed.Head.Status.Code() is >= 400 and < 500)
                return (new ServerJudgement(true, [], expectation, [.. rules.Distinct(), Cite.SessionExpired404]), (_phase, _context with { Out = default }));
        }

        if (closest is not { } near) return (new ServerJudgement(true, [], expectation, []), null);
        return (new ServerJudgement(false, [new ServerDeviation(near.Rule, near.Why, expectation)], expectation, rules.Distinct().ToArray()) { Effective = VersionOf(near.Context.Out) },
            (near.Phase, near.Context));
    }

    private bool InitializeWithForeignSession(ServerTrigger trigger, in AbstractRequest mine) =>
        trigger == ServerTrigger.Initialize && mine.Session != 0 && !(mine.Session == _context.Session && _context.SessionLive)
        && Peer.SpeaksStreamableHttp() && Peer != PeerRevision.V2026_07_28;

    private static Revision? VersionOf(in ServerOutput output) => output.Effective.IsRevision() ? output.Effective.ToRevision() : null;

    /// <summary>The rule that decides the answer of the first conforming candidate for
    /// <paramref name="request"/>, without taking any choice: what a request that got no answer at
    /// all is held to. Null when the request does not apply.</summary>
    public string? DecidingRule(AbstractRequest request)
    {
        var mine = Translate(request);
        var trigger = ServerReactions.TriggerOf(mine);
        int choices = _reactions.Choices(_context, mine);
        for (byte choice = 0; choice < choices; choice++)
        {
            var input = new ServerInput { Request = mine, Choice = choice };
            var step = _machine.Step(_phase, _context, trigger, input);
            if (step.IsFired && step.Context.Out.Head.Status != Status.None) return _reactions.Respond(_context, input).Rule;
        }

        return null;
    }

    private AbstractRequest Translate(AbstractRequest request)
    {
        if (request.Session != 0) request.Session = _sessions.GetValueOrDefault(request.Session, Unknown);
        if (request.LastEventId != 0) request.LastEventId = _eventIds.GetValueOrDefault(request.LastEventId, Unknown);
        return request;
    }

    /// <summary>Takes the matched choice as the server's and maps the real ids onto the model's.</summary>
    private void Adopt(ServerPhase phase, ServerContext context, ObservedAnswer observed)
    {
        var output = context.Out;
        if (output.Head.AssignedSession != 0)
        {
            // The model's event ids start afresh in a new session; the old session's ids name
            // nothing in it (a client that resumes with one is resuming another session's stream).
            _eventIds.Clear();
            _streamOf.Clear();
            if (observed.Head.AssignedSession != 0)
            {
                // The model numbers three sessions and then reuses the last number: a real session
                // mapped to that number before is an older one, which the model answers as any
                // session other than its current one (404), so it maps to none.
                foreach (byte older in _sessions.Where(p => p.Value == output.Head.AssignedSession && p.Key != observed.Head.AssignedSession).Select(p => p.Key).ToArray())
                    _sessions.Remove(older);
                _sessions[observed.Head.AssignedSession] = output.Head.AssignedSession;
            }
            else context.Sessionless = true;
        }

        // Ids pair up by role: the priming event's, then the response's; on a GET stream, its first
        // notification's. An id seen before keeps its meaning (a replay repeats it).
        byte expectedPriming = 0, expectedResponse = 0, expectedNotification = 0;
        for (int i = 0; i < output.Count; i++)
        {
            if (output.Items[i].Kind == EventKind.Priming) expectedPriming = output.Items[i].EventId;
            else if (output.Items[i].Message.IsResponse) expectedResponse = output.Items[i].EventId;
            else if (output.End == StreamEnd.Open && output.Items[i].Message.Kind == MessageKind.Notification && expectedNotification == 0) expectedNotification = output.Items[i].EventId;
        }

        foreach (var item in observed.Items)
        {
            if (item.EventId == 0 || _eventIds.ContainsKey(item.EventId)) continue;
            if (item.Kind == EventKind.Priming && expectedPriming != 0) _eventIds[item.EventId] = expectedPriming;
            else if (item.Kind == EventKind.Message && item.Message.IsResponse && expectedResponse != 0) _eventIds[item.EventId] = expectedResponse;
            else if (item.Kind == EventKind.Message && item.Message.Kind == MessageKind.Notification && expectedNotification != 0)
            {
                _eventIds[item.EventId] = expectedNotification;
                expectedNotification = 0;
            }
        }

        _phase = phase;
        _context = context;
    }

    private static int Likeness(in ServerOutput output, ObservedAnswer observed)
    {
        var head = output.Head;
        int score = head.Body == observed.Head.Body ? 4 : 0;
        if (head.Error != ErrorCode.None && head.Error == observed.Head.Error) score += 2;
        var want = head.Body == Body.Json ? head.Message.Kind : output.Count > 0 ? output.Items[output.Count - 1].Message.Kind : MessageKind.None;
        var got = observed.Head.Body == Body.Json ? observed.Head.Message.Kind : observed.Items.Count > 0 ? observed.Items[^1].Message.Kind : MessageKind.None;
        if (want != MessageKind.None && want == got) score += 1;
        return score;
    }

    private static string Describe(in ServerOutput output)
    {
        var text = new System.Text.StringBuilder(output.Head.ToString());
        for (int i = 0; i < output.Count; i++) text.Append("; ").Append(output.Items[i]);
        if (output.ToLegacyStream) text.Append(" (events on the GET stream)");
        return text.ToString();
    }
}
