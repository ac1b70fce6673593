using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using static McpFuzz.Tests.Machines.Client.ClientDriver;

namespace McpFuzz.Tests.Machines.Client;

/// <summary>The 2025-11-25 client: as 2025-06-18, plus priming events (an id and empty data) and
/// SSE polling, where the server closes the connection and the client resumes with a GET carrying
/// Last-Event-ID (2025-11-25/basic/transports#resumability-and-redelivery).</summary>
public class Client2025_11_25Tests
{
    [Fact]
    public void A_priming_event_is_remembered_for_resumption_and_not_read_as_a_message()
    {
        var client = new ClientDriver(PeerRevision.V2025_11_25);
        var initialize = client.Decide(ClientTrigger.PostInitialize);
        var head = AbstractResponse.Stream();
        head.AssignedSession = 1;
        client.Head(initialize, head);
        Assert.Equal(1, client.Context.Session);

        client.Event(initialize, SseItem.Priming(1, retry: false));
        Assert.Equal(StepOutcome.Fired, client.Last.Outcome);
        Assert.Contains(Cite.PrimingNotMessage, client.Rules);
        Assert.Equal(ClientPhase.Initializing, client.Phase);
        Assert.Equal(1, client.Context.PendingEventId);

        client.Event(initialize, SseItem.Of(Message.Of(MessageKind.InitializeResult, 1, VersionValue.V2025_11_25), 2));
        Assert.Equal(ClientPhase.Initialized, client.Phase);
        Assert.Equal((VersionValue.V2025_11_25, (byte)1), (client.Context.Negotiated, client.Context.Session));
    }

    [Fact]
    public void Polling_the_server_closes_after_priming_and_the_client_resumes_with_Last_Event_ID()
    {
        var client = new ClientDriver(PeerRevision.V2025_11_25);
        client.Handshake(VersionValue.V2025_11_25);
        var call = client.Decide(ClientTrigger.PostToolCall);
        client.Head(call, AbstractResponse.Stream());
        client.Event(call, SseItem.Priming(3, retry: true));
        client.End(call, StreamEnd.ServerClosed);
        Assert.Contains(Cite.LastEventId, client.Rules);
        Assert.True(client.Context.PendingBroken);

        var resume = client.Decide(ClientTrigger.Resume);
        Assert.Equal(Purpose.Resume, resume.Purpose);
        Assert.Equal((Verb.Get, Target.Mcp, (byte)3, (byte)1, VersionValue.V2025_11_25),
            (resume.Request.Verb, resume.Request.Target, resume.Request.LastEventId, resume.Request.Session, resume.Request.VersionHeader));

        Assert.Equal(StepOutcome.Fired, client.Head(resume, AbstractResponse.Stream()).Outcome);
        client.Event(resume, ToolResultEvent(call.Request.RequestId, 4));
        Assert.Equal(Surface.Result, client.Output.Surface);
        Assert.Equal(ToolState.Answered, client.Context.Tool);
    }

    [Fact]
    public void Polling_during_initialize_resumes_the_initialize_stream()
    {
        var client = new ClientDriver(PeerRevision.V2025_11_25);
        var initialize = client.Decide(ClientTrigger.PostInitialize);
        var head = AbstractResponse.Stream();
        head.AssignedSession = 1;
        client.Head(initialize, head);
        client.Event(initialize, SseItem.Priming(1, retry: true));
        client.End(initialize, StreamEnd.ServerClosed);

        var resume = client.Decide(ClientTrigger.Resume);
        Assert.Equal((Verb.Get, (byte)1, (byte)1), (resume.Request.Verb, resume.Request.LastEventId, resume.Request.Session));
        client.Head(resume, AbstractResponse.Stream());
        client.Event(resume, SseItem.Of(Message.Of(MessageKind.InitializeResult, 1, VersionValue.V2025_11_25), 2));
        Assert.Equal(ClientPhase.Initialized, client.Phase);
        Assert.Equal([ClientPhase.Idle, ClientPhase.Initializing, ClientPhase.Initialized], client.Phases);
    }

    [Fact]
    public void The_empty_data_is_json_profile_fails_on_the_priming_event()
    {
        var client = new ClientDriver(PeerRevision.V2025_11_25, ClientProfile.EmptyDataIsJson);
        var initialize = client.Decide(ClientTrigger.PostInitialize);
        client.Head(initialize, AbstractResponse.Stream());
        client.Event(initialize, SseItem.Priming(1, retry: false));

        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Equal(FailureReason.EmptyDataNotJson, client.Output.Reason);
    }
}
