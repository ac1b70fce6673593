using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Server;

namespace McpFuzz.Model.Checking;

public enum ActionKind : byte
{
    /// <summary>The client decides to do something (<see cref="WorldAction.Trigger"/>).</summary>
    Client,

    /// <summary>The server answers the request in a slot, with one of its allowed choices.</summary>
    Serve,

    /// <summary>The next part of a slot's response (head, event, end, or the timeout) reaches the client.</summary>
    Deliver,

    /// <summary>Fault: the network breaks a stream before or inside an event.</summary>
    Abort,

    /// <summary>Fault: the network loses a request.</summary>
    Drop,

    /// <summary>Fault: the server ends the session, then answers the request in a slot. Ending
    /// the session is invisible until the server answers something, so it is explored only
    /// right before an answer: the same behaviours, far fewer interleavings.</summary>
    Expire,

    /// <summary>Fault: the server goes down for good, and every request is refused (503). Offered
    /// only where a refusal is survivable and a client's handling of it shows: while a stream is
    /// broken (the reconnect bound) and while the optional GET stream is being opened.</summary>
    Outage,

    /// <summary>Fault: a resumed stream delivers its next response twice (at-least-once
    /// delivery: the replay overlaps what the client already has).</summary>
    Duplicate,

    /// <summary>The client, refused with 401, runs its revision's authorization discovery against
    /// the server's documents (one step: discovery has no faults of its own in this model).</summary>
    Authorize,
}

public readonly record struct WorldAction(ActionKind Kind, byte Slot, byte Choice, ClientTrigger Trigger);

/// <summary>A client machine and a server machine connected by HTTP exchanges: the model
/// <c>mcpfuzz check</c> explores. Each side acts with its profile; after every step, the same
/// side's conforming machine judges what was observable (the oracle), so a profile is found
/// by what it does on the wire, not by its name.</summary>
public sealed class McpWorld : IModel<World, WorldAction>
{
    private static readonly ClientTrigger[] ClientDecisions =
    [
        ClientTrigger.PostInitialize, ClientTrigger.GetLegacyStream, ClientTrigger.PostDiscover, ClientTrigger.PostInitialized,
        ClientTrigger.PostToolCall, ClientTrigger.OpenGetStream, ClientTrigger.Resume, ClientTrigger.Finish,
    ];

    /// <summary>Profiles that are allowed behaviour, not deviations: the oracle keeps them.</summary>
    private const ClientProfile AllowedClientVariants = ClientProfile.HeaderOnInitialize;
    private const ServerProfile AllowedServerVariants = ServerProfile.RequiresAuthorization;

    private readonly StateMachine<ClientPhase, ClientTrigger, ClientContext, ClientInput> client;
    private readonly StateMachine<ClientPhase, ClientTrigger, ClientContext, ClientInput>? clientOracle;
    private readonly StateMachine<ServerPhase, ServerTrigger, ServerContext, ServerInput> server;
    private readonly StateMachine<ServerPhase, ServerTrigger, ServerContext, ServerInput>? serverOracle;
    private readonly ServerReactions serverChoices;
    private readonly ServerReactions? oracleChoices;

    // The machines' steps, remembered: exploring asks the same few thousand steps millions of times.
    private readonly StepCache<ClientPhase, ClientTrigger, ClientContext, ClientInput> clientSteps;
    private readonly StepCache<ClientPhase, ClientTrigger, ClientContext, ClientInput>? clientOracleSteps;
    private readonly StepCache<ServerPhase, ServerTrigger, ServerContext, ServerInput> serverSteps;
    private readonly StepCache<ServerPhase, ServerTrigger, ServerContext, ServerInput>? serverOracleSteps;

    /// <param name="judge">Whether the conforming machines judge each step. Without them, a
    /// deviation goes on unremarked and the run shows what it leads to (<see cref="PairingCheck"/>).</param>
    public McpWorld(Pairing pairing, bool judge = true)
    {
        Pairing = pairing;
        client = ClientMachines.For(pairing.Client, pairing.ClientProfile);
        var reference = pairing.ClientProfile & AllowedClientVariants;
        if (judge && reference != pairing.ClientProfile) clientOracle = ClientMachines.For(pairing.Client, reference);
        server = ServerMachines.For(pairing.Server, pairing.ServerProfile);
        serverChoices = new ServerReactions(pairing.Server, pairing.ServerProfile);
        var serverReference = pairing.ServerProfile & AllowedServerVariants;
        if (judge && pairing.ServerProfile != serverReference)
        {
            serverOracle = ServerMachines.For(pairing.Server, serverReference);
            oracleChoices = new ServerReactions(pairing.Server, serverReference);
        }

        Discovery = DiscoveryRun.Of(pairing.Client, ServerDeployments.Of(pairing.Server));
        clientSteps = new(client, ClientDecisions);
        if (clientOracle is not null) clientOracleSteps = new(clientOracle, ClientDecisions);
        serverSteps = new(server);
        if (serverOracle is not null) serverOracleSteps = new(serverOracle);

        Sometimes = pairing.Faults > 0 && pairing.Client != PeerRevision.V2024_11_05 && pairing.Server != PeerRevision.V2024_11_05
            ? [McpProperties.CanSucceed, McpProperties.CanRecover]
            : [McpProperties.CanSucceed];
    }

    public Pairing Pairing { get; }

    /// <summary>What the client's authorization discovery does against the server's documents.</summary>
    public DiscoveryRun Discovery { get; }

    public World Initial => new() { ClientPhase = client.Initial, ServerPhase = server.Initial };

    public IReadOnlyList<Property> Sometimes { get; }

    public void Actions(in World w, List<WorldAction> into)
    {
        bool freeSlot = FreeSlot(w) >= 0;
        if (freeSlot && !client.IsFinal(w.ClientPhase))
        {
            uint enabled = clientSteps.Decisions(w.ClientPhase, w.Client);
            for (int d = 0; d < ClientDecisions.Length; d++)
            {
                if ((enabled & (1u << d)) != 0) into.Add(new WorldAction(ActionKind.Client, 0, 0, ClientDecisions[d]));
            }
        }

        bool faults = w.Faults < Pairing.Faults && !client.IsFinal(w.ClientPhase);
        bool outage = faults && !w.Outage && w.Client.PendingBroken;
        for (int i = 0; i < World.Slots; i++)
        {
            ref readonly var x = ref w.Net[i];
            switch (x.Stage)
            {
                case ExchangeStage.Sent:
                    int choices = w.Outage ? 1 : serverChoices.Choices(w.Server, x.Request);
                    for (int c = 0; c < choices; c++) into.Add(new WorldAction(ActionKind.Serve, (byte)i, (byte)c, default));
                    if (faults && x.Purpose != Purpose.Delete) into.Add(new WorldAction(ActionKind.Drop, (byte)i, 0, default));
                    outage |= faults && !w.Outage && x.Purpose == Purpose.GetStream;
                    if (faults && !w.Outage && w.Server.SessionLive)
                    {
                        int after = serverChoices.Choices(ServerReactions.Expire(w.Server), x.Request);
                        for (int c = 0; c < after; c++) into.Add(new WorldAction(ActionKind.Expire, (byte)i, (byte)c, default));
                    }

                    break;
                case ExchangeStage.Dropped:
                    into.Add(new WorldAction(ActionKind.Deliver, (byte)i, 0, default));
                    break;
                case ExchangeStage.Answered:
                    if (!x.HeadDelivered || x.HasEventsLeft || (x.End != StreamEnd.Open && !x.EndDelivered))
                        into.Add(new WorldAction(ActionKind.Deliver, (byte)i, 0, default));
                    if (faults && x.HeadDelivered && x.HasEventsLeft) into.Add(new WorldAction(ActionKind.Abort, (byte)i, 0, default));
                    if (faults && x.Purpose == Purpose.Resume && x.HasEventsLeft && x.Count < 3 && x.Items[x.Delivered].Message.IsResponse)
                        into.Add(new WorldAction(ActionKind.Duplicate, (byte)i, 0, default));
                    break;
            }
        }

        if (outage) into.Add(new WorldAction(ActionKind.Outage, 0, 0, default));
        if (w.ClientPhase == ClientPhase.Authorizing) into.Add(new WorldAction(ActionKind.Authorize, 0, 0, default));
    }

    public bool Next(in World state, in WorldAction action, out World next, out Violation? violation)
    {
        PlainCopy.Copy(state, out next);
        violation = null;
        switch (action.Kind)
        {
            case ActionKind.Client:
                return ClientStep(ref next, action.Trigger, ClientInput.None, ref violation);
            case ActionKind.Serve:
                return Serve(ref next, action.Slot, action.Choice, ref violation);
            case ActionKind.Deliver:
                return Deliver(ref next, action.Slot, ref violation);
            case ActionKind.Abort:
            {
                ref var x = ref next.Net[action.Slot];
                x.Count = x.Delivered;
                x.End = StreamEnd.Aborted;
                x.EndDelivered = false;
                next.Faults++;
                next.Aborts++;
                return true;
            }

            case ActionKind.Drop:
                next.Net[action.Slot].Stage = ExchangeStage.Dropped;
                next.Faults++;
                return true;
            case ActionKind.Outage:
                next.Outage = true;
                next.Faults++;
                return true;
            case ActionKind.Duplicate:
            {
                ref var x = ref next.Net[action.Slot];
                for (int k = x.Count; k > x.Delivered; k--) x.Items[k] = x.Items[k - 1];
                x.Count++;
                next.Faults++;
                return true;
            }

            case ActionKind.Authorize:
                return ClientStep(ref next, Discovery.ReachedAuthorizationServer ? ClientTrigger.Authorized : ClientTrigger.AuthorizationFailed, ClientInput.None, ref violation);
            default:
            {
                var result = serverSteps.Step(next.ServerPhase, next.Server, ServerTrigger.Expire, default);
                if (!result.IsFired) return false;
                next.ServerPhase = result.State;
                next.Server = result.Context;
                next.Faults++;
                return Serve(ref next, action.Slot, action.Choice, ref violation);
            }
        }
    }

    // ---- client ---------------------------------------------------------------------------------

    private bool ClientStep(ref World w, ClientTrigger trigger, in ClientInput input, ref Violation? violation)
    {
        var before = w.Client;
        before.Out = default;
        var result = clientSteps.Step(w.ClientPhase, before, trigger, input);
        if (result.Outcome == StepOutcome.Rejected)
        {
            if (trigger >= ClientTrigger.Head)
                violation = new Violation(McpProperties.ModelTotal, [], $"{client.Name} in {w.ClientPhase} has no reaction to {trigger} ({result.Reason})");
            return trigger >= ClientTrigger.Head;
        }

        var output = result.Context.Out;
        violation ??= JudgeClient(w.ClientPhase, before, trigger, input, output);
        byte oldSession = before.Session;
        w.ClientPhase = result.State;
        w.Client = result.Context;
        w.Client.Out = default;
        if (oldSession != 0 && w.Client.Session != oldSession) CloseSession(ref w, oldSession);
        if (w.ClientPhase is ClientPhase.Operating && !w.Connected) w.Connected = true;

        if (output.Surface == Surface.Result)
        {
            w.ResultsShown++;
            if (w.ResultsShown > 1) violation ??= new Violation(McpProperties.AnsweredOnce, [], "the tool call's result was shown twice");
        }
        else if (output.Surface == Surface.Failure)
        {
            w.FailureShown = true;
            w.Failure = output.Reason;
        }

        if (!output.Sends) return true;
        var request = output.Request;
        if (request.Payload == Payload.ToolCall && w.Client.Transport is ClientTransport.Streamable or ClientTransport.HttpSse && !w.SawInitializeResult)
            violation ??= new Violation(McpProperties.InitializeFirst, McpProperties.InitializeFirst.Rules, "tools/call sent before the initialize result arrived");
        if (w.AssignedSession != 0 && request.Session == 0 && request.Payload != Payload.Initialize && w.Client.Transport == ClientTransport.Streamable && output.Purpose != Purpose.LegacyStream)
            violation ??= new Violation(McpProperties.SessionUsed, McpProperties.SessionUsed.Rules, $"{request} lacks the assigned session S{w.AssignedSession}");
        if (output.Purpose == Purpose.Resume)
        {
            w.ResumeGets++;
            if (w.ResumeGets > 3) violation ??= new Violation(McpProperties.BoundedReconnect, McpProperties.BoundedReconnect.Rules, "a fourth reconnect in a row that got no stream back");
        }
        else if (request.Payload is Payload.ToolCall or Payload.Initialize)
        {
            w.ResumeGets = 0;
        }

        int slot = FreeSlot(w);
        if (slot < 0) return false;
        w.Net[slot] = new Exchange { Stage = ExchangeStage.Sent, Purpose = output.Purpose, Request = request };
        return true;
    }

    /// <summary>The client oracle: could the conforming client in the same state have produced
    /// the same observable output?</summary>
    private Violation? JudgeClient(ClientPhase phase, in ClientContext before, ClientTrigger trigger, in ClientInput input, in ClientOutput output)
    {
        if (clientOracleSteps is null) return null;
        bool conforming;
        if (trigger < ClientTrigger.Head)
        {
            conforming = false;
            foreach (var r in clientOracleSteps.DecisionSteps(phase, before))
            {
                if (r.IsFired && r.Context.Out.Equals(output))
                {
                    conforming = true;
                    break;
                }
            }
        }
        else
        {
            var r = clientOracleSteps.Step(phase, before, trigger, input);
            conforming = r.Outcome != StepOutcome.Rejected && r.Context.Out.Equals(output);
        }

        return conforming ? null : BlameClient(phase, before, trigger, input, output);
    }

    // Apart from JudgeClient because its lambda captures the parameters: the closure would be
    // allocated on every call, not only when the client is blamed.
    private Violation BlameClient(ClientPhase phase, in ClientContext before, ClientTrigger trigger, in ClientInput input, in ClientOutput output)
    {
        var (ctx, given, seen) = (before, input, output);
        var culprit = Attribute((uint)(Pairing.ClientProfile & ~AllowedClientVariants), flag =>
        {
            var m = ClientMachines.For(Pairing.Client, Pairing.ClientProfile & ~(ClientProfile)flag);
            var r = trigger < ClientTrigger.Head ? m.Step(phase, ctx, trigger, ClientInput.None) : m.Step(phase, ctx, trigger, given);
            return r.Outcome != StepOutcome.Rejected && !r.Context.Out.Equals(seen);
        }, isServer: false);
        string what = output.Sends ? $"sent {output.Request}" : output.Surface == Surface.Failure ? $"gave up: {ClientOutput.Describe(output.Reason)}" : "did nothing";
        return new Violation(McpProperties.ClientConforms, culprit.Rules, $"client {what}; a conforming client would not ({culprit.Name})");
    }

    // ---- server ---------------------------------------------------------------------------------

    private bool Serve(ref World w, int slot, byte choice, ref Violation? violation)
    {
        ref var x = ref w.Net[slot];
        if (w.Outage)
        {
            x.Stage = ExchangeStage.Answered;
            x.Head = AbstractResponse.Of(Status.ServiceUnavailable503);
            x.Count = 0;
            x.Delivered = 0;
            x.End = StreamEnd.Clean;
            x.EndDelivered = true;
            return true;
        }

        var input = new ServerInput { Request = x.Request, Choice = choice };
        var trigger = ServerReactions.TriggerOf(x.Request);
        var result = serverSteps.Step(w.ServerPhase, w.Server, trigger, input);
        if (result.Outcome == StepOutcome.Rejected)
        {
            violation = new Violation(McpProperties.ModelTotal, [], $"{server.Name} in {w.ServerPhase} has no answer to {x.Request} ({result.Reason})");
            return true;
        }

        var output = result.Context.Out;
        if (output.Head.Status == Status.None) return false;
        violation = JudgeServer(w.ServerPhase, w.Server, trigger, input, output);

        if (output.Effective != VersionValue.None && w.Client.Negotiated != VersionValue.None && trigger != ServerTrigger.Initialize &&
            w.Client.Transport is ClientTransport.Streamable or ClientTransport.HttpSse && output.Effective != w.Client.Negotiated)
        {
            violation ??= new Violation(McpProperties.VersionAgreement, McpProperties.VersionAgreement.Rules,
                $"the client negotiated {w.Client.Negotiated.ToText()}, the server applied {output.Effective.ToText()} to {x.Request}");
        }

        w.ServerPhase = result.State;
        w.Server = result.Context;
        w.Server.Out = default;
        x.Stage = ExchangeStage.Answered;
        x.Head = output.Head;
        if (output.Head.AssignedSession != 0) w.AssignedSession = output.Head.AssignedSession;
        if (output.ToLegacyStream)
        {
            x.End = StreamEnd.Clean;
            x.EndDelivered = true;
            for (int i = 0; i < World.Slots; i++)
            {
                ref var stream = ref w.Net[i];
                if (stream.Stage == ExchangeStage.Answered && stream.Purpose == Purpose.LegacyStream && stream.End == StreamEnd.Open)
                {
                    for (int k = 0; k < output.Count; k++) stream.Append(output.Items[k]);
                    break;
                }
            }

            return true;
        }

        x.Items = output.Items;
        x.Count = output.Count;
        x.Delivered = 0;
        x.End = output.Head.Body == Body.EventStream ? output.End : StreamEnd.Clean;
        x.EndDelivered = output.Head.Body != Body.EventStream;
        return true;
    }

    /// <summary>The server oracle: is this answer among those the conforming server could give?</summary>
    private Violation? JudgeServer(ServerPhase phase, in ServerContext before, ServerTrigger trigger, in ServerInput input, in ServerOutput output)
    {
        if (serverOracleSteps is null || oracleChoices is null) return null;
        int choices = oracleChoices.Choices(before, input.Request);
        for (byte c = 0; c < choices; c++)
        {
            var r = serverOracleSteps.Step(phase, before, trigger, new ServerInput { Request = input.Request, Choice = c });
            if (r.IsFired && r.Context.Out.Head.Status != Status.None && r.Context.Out.Equals(output)) return null;
        }

        return BlameServer(phase, before, trigger, input, output);
    }

    // Apart from JudgeServer for the same reason as BlameClient.
    private Violation BlameServer(ServerPhase phase, in ServerContext before, ServerTrigger trigger, in ServerInput input, in ServerOutput output)
    {
        var request = input.Request;
        var (ctx, given, seen) = (before, input, output);
        var culprit = Attribute((uint)Pairing.ServerProfile, flag =>
        {
            var m = ServerMachines.For(Pairing.Server, Pairing.ServerProfile & ~(ServerProfile)flag);
            var r = m.Step(phase, ctx, trigger, given);
            return r.IsFired && !r.Context.Out.Equals(seen);
        }, isServer: true);
        return new Violation(McpProperties.ServerConforms, culprit.Rules, $"server answered {request} with {Describe(output)}; a conforming server would not ({culprit.Name})");
    }

    /// <summary>Which profile made the difference: the first whose removal changes the output.</summary>
    private static (string Name, IReadOnlyList<string> Rules) Attribute(uint flags, Func<uint, bool> removingChangesOutput, bool isServer)
    {
        foreach (var profile in Profiles.All.Where(p => p.IsServer == isServer && (flags & p.Flag) != 0))
        {
            if (removingChangesOutput(profile.Flag))
            {
                var rules = profile.Breaks.Split(';', StringSplitOptions.TrimEntries).Where(s => s.Contains('.')).ToArray();
                return (profile.Name, rules);
            }
        }

        return ("profile " + string.Join("+", Profiles.All.Where(p => p.IsServer == isServer && (flags & p.Flag) != 0).Select(p => p.Name)), []);
    }

    // ---- network ------------------------------------------------------------------------------

    private bool Deliver(ref World w, int slot, ref Violation? violation)
    {
        ref var x = ref w.Net[slot];
        var input = new ClientInput { Purpose = x.Purpose, Request = x.Request };
        if (x.Stage == ExchangeStage.Dropped)
        {
            x = default;
            return ClientStep(ref w, ClientTrigger.TimedOut, input, ref violation);
        }

        if (!x.HeadDelivered)
        {
            x.HeadDelivered = true;
            if (x.Purpose == Purpose.Resume && x.Head.Body == Body.EventStream) w.ResumeGets = 0;
            input.Head = x.Head;
            if (x.Head.Body == Body.Json && x.Head.Message.Kind == MessageKind.InitializeResult) w.SawInitializeResult = true;
            bool done = x.EndDelivered;
            if (done) x = default;
            return ClientStep(ref w, ClientTrigger.Head, input, ref violation);
        }

        input.Head = x.Head;
        if (x.HasEventsLeft)
        {
            var item = x.Items[x.Delivered++];
            input.Item = item;
            if (item.EventId != 0 && w.Client.Pending == Payload.ToolCall && ClientReactions.OnPending(w.Client, input)) w.IdsOffered = true;
            if (item.Kind == EventKind.Message)
            {
                if (item.Message.Kind == MessageKind.InitializeResult) w.SawInitializeResult = true;
                if (item.Message.IsResponse && x.Purpose == Purpose.GetStream)
                    violation = new Violation(McpProperties.NoResponseOnGet, McpProperties.NoResponseOnGet.Rules, $"{item} arrived on a GET stream");
                if (item.Message.Kind == MessageKind.Notification && item.EventId is > 0 and < 16)
                {
                    ushort bit = (ushort)(1 << item.EventId);
                    if ((w.NotificationsSeen & bit) != 0)
                        violation ??= new Violation(McpProperties.NoDuplicates, McpProperties.NoDuplicates.Rules, $"notification e{item.EventId} delivered twice");
                    w.NotificationsSeen |= bit;
                }
            }

            return ClientStep(ref w, ClientTrigger.Event, input, ref violation);
        }

        input.End = x.End;
        x = default;
        return ClientStep(ref w, ClientTrigger.End, input, ref violation);
    }

    /// <summary>A client that leaves a session (404, re-initialize) closes that session's
    /// connections: their late answers can no longer reach it.</summary>
    private static void CloseSession(ref World w, byte session)
    {
        w.NotificationsSeen = 0;
        for (int i = 0; i < World.Slots; i++)
        {
            if (w.Net[i].Stage != ExchangeStage.Free && w.Net[i].Request.Session == session) w.Net[i] = default;
        }
    }

    private static int FreeSlot(in World w)
    {
        for (int i = 0; i < World.Slots; i++)
        {
            if (w.Net[i].Stage == ExchangeStage.Free) return i;
        }

        return -1;
    }

    // ---- properties at the end of a run -------------------------------------------------------

    public Violation? AtQuiescence(in World w)
    {
        bool answered = w.Client.Tool == ToolState.Answered;
        if (!answered && !w.FailureShown)
            return new Violation(McpProperties.NoSilentHang, [], $"the client waits forever in {w.ClientPhase} and shows nothing");
        if (w.Faults == 0 && !w.Connected)
            return new Violation(McpProperties.InitializationCompletes, McpProperties.InitializationCompletes.Rules, $"the client gave up: {LastFailure(w)}");
        if (w.Faults == 0 && !answered)
            return new Violation(McpProperties.ToolCallAnswered, McpProperties.ToolCallAnswered.Rules, $"the tool call failed: {LastFailure(w)}");
        if (!answered && w.Faults == w.Aborts && w.Aborts > 0 && w.IdsOffered && w.Client.Transport == ClientTransport.Streamable)
            return new Violation(McpProperties.NothingLost, McpProperties.NothingLost.Rules, "a broken stream lost the result although the server offered resumption");
        return null;
    }

    private static string LastFailure(in World w) => w.FailureShown ? ClientOutput.Describe(w.Failure) : $"stopped in {w.ClientPhase}";

    public uint Reached(in World w)
    {
        uint bits = 0;
        if (w.Client.Tool == ToolState.Answered)
        {
            bits |= 1;
            if (w.Aborts > 0) bits |= 2;
        }

        return bits;
    }

    public ulong Fingerprint(in World w) => Checking.Fingerprint.Of(w);

    // ---- rendering ----------------------------------------------------------------------------

    public string Describe(in World before, in WorldAction action, in World after)
    {
        ref readonly var x = ref before.Net[action.Slot];
        switch (action.Kind)
        {
            case ActionKind.Client:
            {
                var sent = NewRequest(before, after);
                return sent is { } s ? $"client {s}" : $"client {action.Trigger}";
            }

            case ActionKind.Serve:
            {
                var y = after.Net[action.Slot];
                string events = "";
                if (y.Stage == ExchangeStage.Answered && y.Count > 0) events = " with " + string.Join(", ", Enumerable.Range(0, y.Count).Select(k => y.Items[k].ToString()));
                if (y.Stage == ExchangeStage.Answered && y.Head.Body == Body.EventStream && y.End != StreamEnd.Open) events += y.End == StreamEnd.ServerClosed ? ", then closes the connection" : ", then ends the stream";
                string who = before.Outage ? "the proxy in front of the down server" : "server";
                return $"{who} answers {x.Request} → {y.Head}{events}";
            }

            case ActionKind.Deliver:
            {
                string what;
                if (x.Stage == ExchangeStage.Dropped) what = $"client times out waiting for {x.Request}";
                else if (!x.HeadDelivered) what = $"client receives {x.Head} (for {x.Request.Verb.ToString().ToUpperInvariant()} {x.Request.Payload})";
                else if (x.HasEventsLeft) what = $"client receives {x.Items[x.Delivered]}";
                else what = $"client sees the stream end ({x.End})";
                string reaction = after.ClientPhase != before.ClientPhase ? $" → client {after.ClientPhase}" : "";
                var sent = NewRequest(before, after);
                if (sent is { } s) reaction += $", sends {s}";
                return what + reaction;
            }

            case ActionKind.Abort:
                return $"network breaks the stream of {x.Request} ({x.Count - x.Delivered} event(s) not delivered)";
            case ActionKind.Drop:
                return $"network loses {x.Request}";
            case ActionKind.Outage:
                return "the server goes down (every request is now answered 503)";
            case ActionKind.Duplicate:
                return $"network duplicates {x.Items[x.Delivered]} on the resumed stream of {x.Request}";
            case ActionKind.Authorize:
            {
                string probes = string.Join(", ", Discovery.Probes.Select(p => p.Describe()));
                string outcome = Discovery.ReachedAuthorizationServer ? "gets a token" : $"gives up ({Discovery.Outcome}{(Discovery.Reason == AbortReason.None ? "" : ": " + Discovery.Reason.Describe())})";
                var sent = NewRequest(before, after);
                return $"client discovers authorization: {probes} → {outcome}" + (sent is { } s ? $", sends {s}" : after.ClientPhase != before.ClientPhase ? $" → client {after.ClientPhase}" : "");
            }
            default:
            {
                var y = after.Net[action.Slot];
                return $"server ends session S{before.Server.Session}, then answers {x.Request} → {y.Head}";
            }
        }
    }

    /// <summary>A path as numbered-step text: replayed from the initial world, one line per action.</summary>
    public IReadOnlyList<string> Describe(IReadOnlyList<WorldAction> path)
    {
        var states = Explorer.Replay(this, path);
        var lines = new string[path.Count];
        for (int i = 0; i < path.Count; i++) lines[i] = Describe(states[i], path[i], states[i + 1]);
        return lines;
    }

    private static AbstractRequest? NewRequest(in World before, in World after)
    {
        for (int i = 0; i < World.Slots; i++)
        {
            if (after.Net[i].Stage == ExchangeStage.Sent && before.Net[i].Stage != ExchangeStage.Sent) return after.Net[i].Request;
        }

        return null;
    }

    private static string Describe(in ServerOutput output)
    {
        var parts = new List<string> { output.Head.ToString() };
        for (int i = 0; i < output.Count; i++) parts.Add(output.Items[i].ToString());
        return string.Join(", ", parts);
    }
}
