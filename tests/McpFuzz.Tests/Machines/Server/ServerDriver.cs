using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Server;

namespace McpFuzz.Tests.Machines.Server;

/// <summary>Plays the clients for one server machine: hands it requests with a choice among its
/// allowed answers, keeps its phase and context, and remembers every phase it entered. Like the
/// explorer, it clears the context's output before each step.</summary>
internal sealed class ServerDriver
{
    public ServerDriver(PeerRevision peer, ServerProfile profile = ServerProfile.None)
    {
        Machine = ServerMachines.For(peer, profile);
        Choices = new ServerReactions(peer, profile);
        Phase = Machine.Initial;
        Phases = [Phase];
    }

    public StateMachine<ServerPhase, ServerTrigger, ServerContext, ServerInput> Machine { get; }

    /// <summary>How many answers the server may choose among for a request.</summary>
    public ServerReactions Choices { get; }

    public ServerPhase Phase { get; private set; }

    public ServerContext Context { get; private set; }

    public List<ServerPhase> Phases { get; }

    public StepResult<ServerPhase, ServerContext> Last { get; private set; }

    /// <summary>The rule ids of the transition that answered the last request.</summary>
    public IReadOnlyList<string> Rules => Last.TransitionIndex < 0 ? [] : Machine.Transitions[Last.TransitionIndex].Rules;

    /// <summary>Answers <paramref name="request"/> with answer number <paramref name="choice"/>; the
    /// step must fire (a server answers every request somehow).</summary>
    public ServerOutput Answer(AbstractRequest request, byte choice = 0)
    {
        Assert.True(choice < Choices.Choices(Context, request), $"choice {choice} is not offered for {request}");
        var before = Context;
        before.Out = default;
        Last = Machine.Step(Phase, before, ServerReactions.TriggerOf(request), new ServerInput { Request = request, Choice = choice });
        Assert.Equal(StepOutcome.Fired, Last.Outcome);
        Enter(Last);
        return Last.Context.Out;
    }

    /// <summary>The server ends its session on its own.</summary>
    public StepResult<ServerPhase, ServerContext> Expire()
    {
        var before = Context;
        before.Out = default;
        Last = Machine.Step(Phase, before, ServerTrigger.Expire, default);
        if (Last.Outcome != StepOutcome.Rejected) Enter(Last);
        return Last;
    }

    private void Enter(StepResult<ServerPhase, ServerContext> result)
    {
        if (result.State != Phase) Phases.Add(result.State);
        Phase = result.State;
        Context = result.Context;
    }

    public static SseItem[] Items(in ServerOutput output)
    {
        var items = new SseItem[output.Count];
        for (int i = 0; i < output.Count; i++) items[i] = output.Items[i];
        return items;
    }
}

/// <summary>The requests the server tests send, named by what they are.</summary>
internal static class Requests
{
    public static AbstractRequest Initialize(VersionValue offered, byte id = 1, VersionValue header = VersionValue.None) =>
        new() { Verb = Verb.Post, Target = Target.Mcp, Payload = Payload.Initialize, BodyVersion = offered, RequestId = id, VersionHeader = header };

    public static AbstractRequest Initialized(byte session, VersionValue header = VersionValue.None) =>
        new() { Verb = Verb.Post, Target = Target.Mcp, Payload = Payload.Initialized, Session = session, VersionHeader = header };

    public static AbstractRequest ToolCall(byte id, byte session, VersionValue header = VersionValue.None) =>
        new() { Verb = Verb.Post, Target = Target.Mcp, Payload = Payload.ToolCall, RequestId = id, Session = session, VersionHeader = header };

    public static AbstractRequest Get(byte session, VersionValue header = VersionValue.None, byte lastEventId = 0) =>
        new() { Verb = Verb.Get, Target = Target.Mcp, Session = session, VersionHeader = header, LastEventId = lastEventId };

    public static AbstractRequest Delete(byte session, VersionValue header = VersionValue.None) =>
        new() { Verb = Verb.Delete, Target = Target.Mcp, Session = session, VersionHeader = header };

    /// <summary>A 2026-07-28 request: header, body version and request metadata as given.</summary>
    public static AbstractRequest Modern(Payload payload, byte id, VersionValue header = VersionValue.V2026_07_28,
        VersionValue body = VersionValue.V2026_07_28, bool metadata = true) =>
        new() { Verb = Verb.Post, Target = Target.Mcp, Payload = payload, RequestId = id, VersionHeader = header, BodyVersion = body, ModernMetadata = metadata };

    /// <summary>A POST to the URI announced by the HTTP+SSE <c>endpoint</c> event.</summary>
    public static AbstractRequest LegacyPost(Payload payload, byte id = 0, VersionValue offered = VersionValue.None) =>
        new() { Verb = Verb.Post, Target = Target.LegacyPost, Payload = payload, RequestId = id, BodyVersion = offered };
}
