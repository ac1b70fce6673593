using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Machines.Server;

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
            // The candidate to blame: the first, or else the first whose body is of the observed kind.
            else if (closest is null || (output.Head.Body == observed.Head.Body && closest.Value.Context.Out.Head.Body != observed.Head.Body))
            {
                closest = (step.State, step.Context, rule, hard);
            }
        }

        string expectation = expected.Count == 0 ? "no answer (the request does not apply)" : string.Join(" or ", expected.Distinct());
        if (best is { } match)
        {
            var foreign = trigger == ServerTrigger.Resume ? ReplayedFromAnotherStream(mine.LastEventId, observed) : null;
            Adopt(match.Phase, match.Context, observed);
            if (foreign is { } replayed)
                return new ServerJudgement(false, [new ServerDeviation(Cite.SameStreamOnly, $"the resumed stream replayed {replayed}, which went out on another stream", expectation)], expectation, rules.Distinct().ToArray());
            return new ServerJudgement(true, match.Soft, expectation, rules.Distinct().ToArray());
        }

        // A request that breaks a client rule may also be refused, with any 4xx; the server then
        // stays as it was. The model's own server always serves it, so this freedom is granted here.
        if (_reactions.Refusable(_context, mine) is { } broken)
        {
            expectation += $" or any 4xx (the request breaks {broken})";
            if (observed.Head.Status.Code() is >= 400 and < 500)
            {
                _context.Out = default;
                _context.Out.Head = observed.Head;
                return new ServerJudgement(true, [], expectation, rules.Distinct().ToArray());
            }
        }

        if (closest is not { } near) return new ServerJudgement(true, [], expectation, []);
        Adopt(near.Phase, near.Context, observed);
        return new ServerJudgement(false, [new ServerDeviation(near.Rule, near.Why, expectation)], expectation, rules.Distinct().ToArray());
    }

    /// <summary>The first event of a resumed stream whose id the server used on another stream.</summary>
    private SseItem? ReplayedFromAnotherStream(byte lastEventId, ObservedAnswer observed)
    {
        foreach (var item in observed.Items)
        {
            if (item.EventId != 0 && _eventIds.TryGetValue(item.EventId, out byte mine) && ServerReactions.FromAnotherStream(_context, lastEventId, mine))
                return item;
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
            if (observed.Head.AssignedSession != 0) _sessions[observed.Head.AssignedSession] = output.Head.AssignedSession;
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

    private static string Describe(in ServerOutput output)
    {
        var text = new System.Text.StringBuilder(output.Head.ToString());
        for (int i = 0; i < output.Count; i++) text.Append("; ").Append(output.Items[i]);
        if (output.ToLegacyStream) text.Append(" (events on the GET stream)");
        return text.ToString();
    }
}
