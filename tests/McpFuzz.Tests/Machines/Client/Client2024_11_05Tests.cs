using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using static McpFuzz.Tests.Machines.Client.ClientDriver;

namespace McpFuzz.Tests.Machines.Client;

/// <summary>The 2024-11-05 client: HTTP+SSE (2024-11-05/basic/transports#http-with-sse). It GETs
/// the SSE URL, waits for `endpoint`, POSTs everything to the announced URI and reads every
/// answer from the one GET stream.</summary>
public class Client2024_11_05Tests
{
    private static (ClientDriver Client, Sent Stream) Connected()
    {
        var client = new ClientDriver(PeerRevision.V2024_11_05);
        var stream = client.Decide(ClientTrigger.GetLegacyStream);
        client.Head(stream, AbstractResponse.Stream());
        return (client, stream);
    }

    [Fact]
    public void Happy_path_GET_endpoint_POST_initialize_result_on_the_stream_then_tool_call()
    {
        var client = new ClientDriver(PeerRevision.V2024_11_05);
        Assert.False(client.CanDecide(ClientTrigger.PostInitialize));
        Assert.False(client.CanDecide(ClientTrigger.PostDiscover));
        Assert.False(client.CanDecide(ClientTrigger.PostToolCall));

        var stream = client.Decide(ClientTrigger.GetLegacyStream);
        Assert.Equal(Purpose.LegacyStream, stream.Purpose);
        Assert.Equal(new AbstractRequest { Verb = Verb.Get, Target = Target.Mcp }, stream.Request);
        Assert.Contains(Cite.EndpointFirst, client.Rules);

        Assert.Equal(StepOutcome.Ignored, client.Head(stream, AbstractResponse.Stream()).Outcome);

        client.Event(stream, SseItem.Endpoint());
        Assert.Equal(ClientPhase.LegacyInitializing, client.Phase);
        Assert.Contains(Cite.PostToEndpoint, client.Rules);
        var initialize = new Sent(client.Output.Purpose, client.Output.Request);
        Assert.Equal(Purpose.Request, initialize.Purpose);
        Assert.Equal((Verb.Post, Target.LegacyPost, Payload.Initialize), (initialize.Request.Verb, initialize.Request.Target, initialize.Request.Payload));
        Assert.Equal(VersionValue.V2024_11_05, initialize.Request.BodyVersion);
        Assert.Equal(VersionValue.None, initialize.Request.VersionHeader);
        Assert.Equal(0, initialize.Request.Session);
        Assert.Equal(1, initialize.Request.RequestId);

        // The POST is only accepted; the result travels on the GET stream.
        Assert.Equal(StepOutcome.Ignored, client.Head(initialize, AbstractResponse.Of(Status.Accepted202)).Outcome);
        client.Event(stream, SseItem.Of(Message.Of(MessageKind.InitializeResult, 1, VersionValue.V2024_11_05)));
        Assert.Equal(ClientPhase.Initialized, client.Phase);
        Assert.Contains(Cite.VersionEcho, client.Rules);
        Assert.Equal(VersionValue.V2024_11_05, client.Context.Negotiated);
        Assert.Equal(ClientTransport.HttpSse, client.Context.Transport);

        var initialized = client.Decide(ClientTrigger.PostInitialized);
        Assert.Contains(Cite.InitializedNotification, client.Rules);
        Assert.Equal((Verb.Post, Target.LegacyPost, Payload.Initialized, Purpose.Notification),
            (initialized.Request.Verb, initialized.Request.Target, initialized.Request.Payload, initialized.Purpose));
        Assert.Equal(VersionValue.None, initialized.Request.VersionHeader);
        Assert.Equal(StepOutcome.Ignored, client.Head(initialized, AbstractResponse.Of(Status.Accepted202)).Outcome);

        // HTTP+SSE has no GET stream of its own and no sessions to resume or delete.
        Assert.False(client.CanDecide(ClientTrigger.OpenGetStream));
        var call = client.Decide(ClientTrigger.PostToolCall);
        Assert.Equal((Verb.Post, Target.LegacyPost, Payload.ToolCall, (byte)2), (call.Request.Verb, call.Request.Target, call.Request.Payload, call.Request.RequestId));
        Assert.Equal((byte)0, call.Request.Session);
        Assert.Equal(StepOutcome.Ignored, client.Head(call, AbstractResponse.Of(Status.Accepted202)).Outcome);
        client.Event(stream, ToolResultEvent(2));
        Assert.Equal(Surface.Result, client.Output.Surface);
        Assert.Equal(ToolState.Answered, client.Context.Tool);

        client.Step(ClientTrigger.Finish, ClientInput.None);
        Assert.Equal(StepOutcome.Fired, client.Last.Outcome);
        Assert.False(client.Output.Sends, "an HTTP+SSE client has no session to DELETE");
        Assert.Equal(
            [ClientPhase.Idle, ClientPhase.LegacyConnecting, ClientPhase.LegacyInitializing, ClientPhase.Initialized, ClientPhase.Operating, ClientPhase.Done],
            client.Phases);
    }

    [Fact]
    public void An_InitializeResult_with_a_version_it_does_not_speak_makes_it_disconnect()
    {
        var (client, stream) = Connected();
        client.Event(stream, SseItem.Endpoint());
        client.Event(stream, SseItem.Of(Message.Of(MessageKind.InitializeResult, 1, VersionValue.V2025_03_26)));

        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Contains(Cite.UnsupportedVersionDisconnect, client.Rules);
        Assert.Equal((Surface.Failure, FailureReason.UnsupportedVersion), (client.Output.Surface, client.Output.Reason));
    }

    [Fact]
    public void A_refused_GET_is_a_failure()
    {
        var client = new ClientDriver(PeerRevision.V2024_11_05);
        var stream = client.Decide(ClientTrigger.GetLegacyStream);
        client.Head(stream, AbstractResponse.Of(Status.MethodNotAllowed405));

        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Equal(FailureReason.LegacyGetFailed, client.Output.Reason);
    }

    [Fact]
    public void A_first_event_other_than_endpoint_is_a_failure()
    {
        var (client, stream) = Connected();
        client.Event(stream, NotificationEvent());

        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Contains(Cite.FallbackEndpointEvent, client.Rules);
        Assert.Equal(FailureReason.NoEndpointEvent, client.Output.Reason);
    }

    [Fact]
    public void Losing_the_GET_stream_before_the_result_is_a_failure_shown_to_the_user()
    {
        var (client, stream) = Connected();
        client.Event(stream, SseItem.Endpoint());
        client.End(stream, StreamEnd.Aborted);

        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Equal(FailureReason.StreamEndedBeforeResponse, client.Output.Reason);
    }

    [Fact]
    public void Losing_the_GET_stream_while_the_tool_call_is_outstanding_is_a_failure_not_a_resume()
    {
        var (client, stream) = Connected();
        client.Event(stream, SseItem.Endpoint());
        client.Event(stream, SseItem.Of(Message.Of(MessageKind.InitializeResult, 1, VersionValue.V2024_11_05)));
        client.Decide(ClientTrigger.PostInitialized);
        client.Decide(ClientTrigger.PostToolCall);

        client.End(stream, StreamEnd.Aborted);
        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Equal((Surface.Failure, FailureReason.StreamEndedBeforeResponse), (client.Output.Surface, client.Output.Reason));
        Assert.Equal(ToolState.Failed, client.Context.Tool);
    }

    [Fact]
    public void A_refused_POST_to_the_endpoint_fails_the_connection()
    {
        var (client, stream) = Connected();
        client.Event(stream, SseItem.Endpoint());
        var initialize = new Sent(client.Output.Purpose, client.Output.Request);
        client.Head(initialize, AbstractResponse.Of(Status.NotFound404));

        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Equal(FailureReason.InitializeRejected, client.Output.Reason);
    }
}
