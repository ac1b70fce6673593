using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Tests.Machines.Client;

/// <summary>A request the client put on the wire, with the purpose it routes the answer by: the
/// handle a test uses to deliver that exchange's head, events and end back to the client.</summary>
internal readonly record struct Sent(Purpose Purpose, AbstractRequest Request);

/// <summary>Plays the network for one client machine: keeps its phase and context between steps,
/// hands it what a server answered on a given exchange, and remembers every phase it entered.
/// Like the explorer, it clears the context's output before each step, so <see cref="Output"/>
/// is what that one step did.</summary>
internal sealed class ClientDriver
{
    public ClientDriver(PeerRevision peer, ClientProfile profile = ClientProfile.None)
    {
        Machine = ClientMachines.For(peer, profile);
        Phase = Machine.Initial;
        Phases = [Phase];
    }

    public StateMachine<ClientPhase, ClientTrigger, ClientContext, ClientInput> Machine { get; }

    public ClientPhase Phase { get; private set; }

    public ClientContext Context { get; private set; }

    /// <summary>Every phase the client entered, in order, starting with the initial one.</summary>
    public List<ClientPhase> Phases { get; }

    public StepResult<ClientPhase, ClientContext> Last { get; private set; }

    public ClientOutput Output => Last.Context.Out;

    /// <summary>The rule ids of the transition that fired or ignored the last trigger.</summary>
    public IReadOnlyList<string> Rules => Last.TransitionIndex < 0 ? [] : Machine.Transitions[Last.TransitionIndex].Rules;

    /// <summary>Whether the client could decide to do <paramref name="trigger"/> now.</summary>
    public bool CanDecide(ClientTrigger trigger) => Machine.CanFire(Phase, Context, trigger, ClientInput.None);

    /// <summary>A decision of the client's own that must fire and put one request on the wire.</summary>
    public Sent Decide(ClientTrigger trigger)
    {
        var r = Step(trigger, ClientInput.None);
        Assert.Equal(StepOutcome.Fired, r.Outcome);
        Assert.True(Output.Sends, $"{trigger} sent nothing");
        return new Sent(Output.Purpose, Output.Request);
    }

    public StepResult<ClientPhase, ClientContext> Head(Sent on, AbstractResponse head) =>
        Step(ClientTrigger.Head, new ClientInput { Purpose = on.Purpose, Request = on.Request, Head = head });

    public StepResult<ClientPhase, ClientContext> Event(Sent on, SseItem item) =>
        Step(ClientTrigger.Event, new ClientInput { Purpose = on.Purpose, Request = on.Request, Head = AbstractResponse.Stream(), Item = item });

    public StepResult<ClientPhase, ClientContext> End(Sent on, StreamEnd end) =>
        Step(ClientTrigger.End, new ClientInput { Purpose = on.Purpose, Request = on.Request, Head = AbstractResponse.Stream(), End = end });

    public StepResult<ClientPhase, ClientContext> TimedOut(Sent on) =>
        Step(ClientTrigger.TimedOut, new ClientInput { Purpose = on.Purpose, Request = on.Request });

    public StepResult<ClientPhase, ClientContext> Step(ClientTrigger trigger, ClientInput input)
    {
        var before = Context;
        before.Out = default;
        Last = Machine.Step(Phase, before, trigger, input);
        if (Last.Outcome == StepOutcome.Rejected) return Last;
        if (Last.State != Phase) Phases.Add(Last.State);
        Phase = Last.State;
        Context = Last.Context;
        return Last;
    }

    /// <summary>The conforming Streamable HTTP handshake: initialize answered with JSON naming
    /// <paramref name="negotiated"/> and assigning <paramref name="session"/>, then
    /// <c>notifications/initialized</c> answered 202. Leaves the client in Operating.</summary>
    public void Handshake(VersionValue negotiated, byte session = 1)
    {
        var initialize = Decide(ClientTrigger.PostInitialize);
        Assert.Equal(StepOutcome.Fired, Head(initialize, InitializeResult(initialize.Request.RequestId, negotiated, session)).Outcome);
        var initialized = Decide(ClientTrigger.PostInitialized);
        Assert.Equal(StepOutcome.Ignored, Head(initialized, AbstractResponse.Of(Status.Accepted202)).Outcome);
        Assert.Equal(ClientPhase.Operating, Phase);
    }

    // ---- common answers -------------------------------------------------------------------------

    /// <summary>The Streamable HTTP revisions with sessions and resumption: the peer, its version,
    /// and the MCP-Protocol-Version it sends after initialization.</summary>
    public static TheoryData<PeerRevision, VersionValue, VersionValue> StreamableRevisions() => new()
    {
        { PeerRevision.V2025_03_26, VersionValue.V2025_03_26, VersionValue.None },
        { PeerRevision.V2025_06_18, VersionValue.V2025_06_18, VersionValue.V2025_06_18 },
        { PeerRevision.V2025_11_25, VersionValue.V2025_11_25, VersionValue.V2025_11_25 },
    };

    public static AbstractResponse InitializeResult(byte requestId, VersionValue version, byte session = 0)
    {
        var head = AbstractResponse.Json(Message.Of(MessageKind.InitializeResult, requestId, version));
        head.AssignedSession = session;
        return head;
    }

    public static AbstractResponse ToolResult(byte requestId) => AbstractResponse.Json(Message.Of(MessageKind.ToolResult, requestId));

    public static SseItem ToolResultEvent(byte requestId, byte eventId = 0) => SseItem.Of(Message.Of(MessageKind.ToolResult, requestId), eventId);

    public static SseItem NotificationEvent(byte eventId = 0) => SseItem.Of(Message.Of(MessageKind.Notification), eventId);
}
