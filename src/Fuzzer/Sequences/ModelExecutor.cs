using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Machines.Server;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Fuzzer.Sequences;

/// <summary>
/// Runs a sequence against the model alone: each step becomes the abstract request a client of
/// the revision sends (with the step's faults), the server machine of the revision with a profile
/// answers it (taking the step's choice where the spec leaves one), and the conforming
/// <see cref="ServerOracle"/> judges the answer, exactly as it judges a live server's. A server with
/// no profile must never be found at fault; one with a deviating profile should be.
/// Malformed bodies have no abstract value and are left out here (the live executor sends them).
/// </summary>
public sealed class ModelExecutor
{
    /// <summary>A session or event id symbol no server hands out (the oracle reads it as unknown).</summary>
    public const byte Foreign = 200;

    private readonly PeerRevision _peer;
    private readonly ServerReactions _reactions;
    private readonly Model.Machines.Kernel.StateMachine<ServerPhase, ServerTrigger, ServerContext, ServerInput> _machine;
    private readonly ServerOracle _oracle;
    private ServerPhase _phase;
    private ServerContext _context;

    // The ids a real server puts on the wire are distinct across sessions; the model's symbols start
    // afresh in each session. The oracle is given wire-like symbols: index + 1 in these lists.
    private readonly List<byte> _wireSessions = [];
    private readonly List<(int Epoch, byte Id)> _wireEvents = [];
    private int _epoch;

    // The client's view (wire symbols): its session, the sessions it ended, the negotiated version, the event ids it saw.
    private byte _session;
    private readonly List<byte> _oldSessions = [];
    private VersionValue _negotiated;
    private readonly List<byte> _seen = [];
    private byte _nextId;

    private ModelExecutor(PeerRevision peer, ServerProfile profile)
    {
        _peer = peer;
        _reactions = new ServerReactions(peer, profile);
        _machine = ServerMachines.For(peer, profile);
        _oracle = new ServerOracle(peer);
        _phase = _machine.Initial;
    }

    public static ModelRun Run(ActionSequence sequence, ServerProfile profile = ServerProfile.None, bool stopAtFailure = true)
    {
        var executor = new ModelExecutor(sequence.Revision, profile);
        var exchanges = new List<ModelExchange>();
        for (int i = 0; i < sequence.Steps.Count; i++)
        {
            var step = sequence.Steps[i];
            if (step.Has(StepFaults.MalformedBody)) continue;
            int count = step.Kind == StepKind.Concurrent ? step.Count : 1;
            for (int n = 0; n < count; n++)
            {
                var exchange = executor.Exchange(i, step);
                exchanges.Add(exchange);
                if (exchange.Fails && stopAtFailure) return new ModelRun(sequence, exchanges);
            }
        }

        return new ModelRun(sequence, exchanges);
    }

    /// <summary>The revision the client speaks: a dual-era server is met by a 2025-11-25 client.</summary>
    private Revision ClientRevision => _peer == PeerRevision.DualEra ? Revision.V2025_11_25 : (Revision)_peer;

    private ModelExchange Exchange(int index, SequenceStep step)
    {
        var request = RequestOf(step);
        var mine = ForServer(request);
        var trigger = ServerReactions.TriggerOf(mine);
        int choices = Math.Max(1, _reactions.Choices(_context, mine));
        var output = Answer(trigger, mine, (byte)(step.Choice % choices)) ?? Answer(trigger, mine, 0);
        var answer = output is { } o ? OnWire(o) : ObservedAnswer.Of(default);
        var judgement = _oracle.Judge(request, answer);
        Learn(step, request, answer);
        return new ModelExchange(index, request, answer, judgement);
    }

    private ServerOutput? Answer(ServerTrigger trigger, AbstractRequest request, byte choice)
    {
        var result = _machine.Step(_phase, _context, trigger, new ServerInput { Request = request, Choice = choice });
        if (!result.IsFired || result.Context.Out.Head.Status == Status.None) return null;
        _phase = result.State;
        _context = result.Context;
        return result.Context.Out;
    }

    /// <summary>The model server's answer as a real server would put it on the wire: a new session
    /// gets a new id, and event ids never repeat across sessions.</summary>
    private ObservedAnswer OnWire(in ServerOutput output)
    {
        var head = output.Head;
        if (head.AssignedSession != 0)
        {
            _epoch++;
            _wireSessions.Add(head.AssignedSession);
            head.AssignedSession = (byte)_wireSessions.Count;
        }

        var items = new SseItem[output.Count];
        for (int i = 0; i < output.Count; i++)
        {
            items[i] = output.Items[i];
            if (items[i].EventId == 0) continue;
            int known = _wireEvents.IndexOf((_epoch, items[i].EventId));
            if (known < 0)
            {
                _wireEvents.Add((_epoch, items[i].EventId));
                known = _wireEvents.Count - 1;
            }

            items[i].EventId = (byte)(known + 1);
        }

        return new ObservedAnswer(head, items, output.End);
    }

    /// <summary>A request with wire symbols as the model server sees it: an event id of an earlier
    /// session names nothing in this one.</summary>
    private AbstractRequest ForServer(AbstractRequest request)
    {
        if (request.Session != 0 && request.Session <= _wireSessions.Count)
        {
            // The model numbers three sessions and then reuses the last number; an older wire session
            // that shares it with a newer one is another session, unknown to the model's current one
            // (as the oracle reads it, and as a real server answers it).
            byte model = _wireSessions[request.Session - 1];
            request.Session = _wireSessions.LastIndexOf(model) == request.Session - 1 ? model : Foreign;
        }
        if (request.LastEventId != 0 && request.LastEventId <= _wireEvents.Count)
        {
            var (epoch, id) = _wireEvents[request.LastEventId - 1];
            request.LastEventId = epoch == _epoch ? id : Foreign;
        }

        return request;
    }

    private AbstractRequest RequestOf(SequenceStep step)
    {
        var revision = ClientRevision;
        bool modern = revision == Revision.V2026_07_28;
        bool legacySse = revision == Revision.V2024_11_05;
        var r = new AbstractRequest
        {
            Verb = step.Kind switch
            {
                StepKind.OpenGet or StepKind.Resume => Verb.Get,
                StepKind.Delete => Verb.Delete,
                _ => Verb.Post,
            },
            Payload = step.Kind switch
            {
                StepKind.Initialize => Payload.Initialize,
                StepKind.Initialized or StepKind.Notification => Payload.Initialized,
                StepKind.Request or StepKind.Concurrent => Payload.ToolCall,
                _ => Payload.None,
            },
        };
        r.Target = legacySse && r.Verb == Verb.Post ? Target.LegacyPost : Target.Mcp;
        if (r.Payload == Payload.ToolCall || r.Payload == Payload.Initialize) r.RequestId = NextRequestId(step);
        if (r.Payload == Payload.Initialize) r.BodyVersion = VersionValues.Of(revision);
        if (modern)
        {
            r.ModernMetadata = r.Verb == Verb.Post;
            r.BodyVersion = r.Verb == Verb.Post ? VersionValue.V2026_07_28 : VersionValue.None;
            r.VersionHeader = VersionValue.V2026_07_28;
        }
        else if (!legacySse)
        {
            // A client starting a session sends no session id (a new initialize drops the old one).
            r.Session = r.Payload == Payload.Initialize ? (byte)0 : _session;
            if (r.Payload != Payload.Initialize && RuleCatalog.Find(Cite.HeaderRequired)!.AppliesTo(revision)) r.VersionHeader = _negotiated;
        }

        if (step.Kind == StepKind.Resume) r.LastEventId = _seen.Count == 0 ? Foreign : _seen[step.Pick % _seen.Count];
        if (step.Has(StepFaults.NoSession)) r.Session = 0;
        if (step.Has(StepFaults.StaleSession)) r.Session = _oldSessions.Count > 0 ? _oldSessions[^1] : Foreign;
        if (step.Has(StepFaults.UnknownSession)) r.Session = Foreign;
        if (step.Has(StepFaults.NoVersionHeader)) r.VersionHeader = VersionValue.None;
        if (step.Has(StepFaults.WrongVersionHeader)) r.VersionHeader = VersionValue.Unsupported;
        if (step.Has(StepFaults.OddAccept)) r.Media = MediaFault.AcceptIncomplete;
        return r;
    }

    private byte NextRequestId(SequenceStep step)
    {
        if (step.Has(StepFaults.DuplicateId) && _nextId > 0) return _nextId;
        if (step.Has(StepFaults.ReusedId) && _nextId > 0) return 1;
        _nextId = (byte)Math.Min(_nextId + 1, 240);
        return _nextId;
    }

    /// <summary>What the client takes from an answer: a new session and version, the event ids it
    /// read before it stopped reading, the end of its session.</summary>
    private void Learn(SequenceStep step, AbstractRequest request, ObservedAnswer answer)
    {
        if (request.Payload == Payload.Initialize && answer.Head.IsSuccess)
        {
            var result = answer.Head.Body == Body.Json ? answer.Head.Message : answer.Items.FirstOrDefault(i => i.Message.Kind == MessageKind.InitializeResult).Message;
            if (answer.Head.AssignedSession != 0 && answer.Head.AssignedSession != _session)
            {
                _session = answer.Head.AssignedSession;
                _seen.Clear();
            }

            if (result.Version != VersionValue.None) _negotiated = result.Version;
        }

        if (request.Verb == Verb.Delete && answer.Head.IsSuccess && _session != 0)
        {
            _oldSessions.Add(_session);
            _session = 0;
        }

        int readable = step.AbortAt < 0 ? answer.Items.Count : Math.Min(answer.Items.Count, step.AbortAt / SequenceStep.ModelEventBytes);
        for (int i = 0; i < readable; i++)
        {
            if (answer.Items[i].EventId != 0 && !_seen.Contains(answer.Items[i].EventId)) _seen.Add(answer.Items[i].EventId);
        }
    }
}
