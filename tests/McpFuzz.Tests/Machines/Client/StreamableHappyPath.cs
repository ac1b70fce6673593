using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using static McpFuzz.Tests.Machines.Client.ClientDriver;

namespace McpFuzz.Tests.Machines.Client;

/// <summary>The requests of one conforming Streamable HTTP session, in the order sent.</summary>
internal sealed record StreamableRequests(Sent Initialize, Sent Initialized, Sent ToolCall, Sent Delete);

/// <summary>Drives a legacy Streamable HTTP client through the whole conforming session
/// (2025-03-26/basic/transports#streamable-http; 2025-03-26/basic/lifecycle): initialize,
/// InitializeResult with a session id, notifications/initialized, tools/call and its result, and
/// DELETE. Checks what every revision shares; the revision tests check the headers.</summary>
internal static class StreamableHappyPath
{
    public const byte Session = 1;

    public static StreamableRequests Run(ClientDriver client, VersionValue negotiated, bool resultOnSse)
    {
        Assert.Equal(ClientPhase.Idle, client.Phase);
        int start = client.Phases.Count - 1;
        var initialize = client.Decide(ClientTrigger.PostInitialize);
        Assert.Equal(ClientPhase.Initializing, client.Phase);
        Assert.Contains(Cite.InitializeFirst, client.Rules);
        Assert.Equal((Purpose.Request, Verb.Post, Target.Mcp, Payload.Initialize), (initialize.Purpose, initialize.Request.Verb, initialize.Request.Target, initialize.Request.Payload));
        Assert.Equal((byte)0, initialize.Request.Session);
        Assert.Equal((byte)0, initialize.Request.LastEventId);
        Assert.False(initialize.Request.ModernMetadata);
        Assert.False(client.CanDecide(ClientTrigger.PostToolCall), "no request before the initialize result");

        client.Head(initialize, InitializeResult(initialize.Request.RequestId, negotiated, Session));
        Assert.Equal(StepOutcome.Fired, client.Last.Outcome);
        Assert.Contains(Cite.VersionEcho, client.Rules);
        Assert.Equal((negotiated, Session, ClientTransport.Streamable), (client.Context.Negotiated, client.Context.Session, client.Context.Transport));

        var initialized = client.Decide(ClientTrigger.PostInitialized);
        Assert.Contains(Cite.InitializedNotification, client.Rules);
        Assert.Equal((Purpose.Notification, Verb.Post, Payload.Initialized, Session, (byte)0),
            (initialized.Purpose, initialized.Request.Verb, initialized.Request.Payload, initialized.Request.Session, initialized.Request.RequestId));
        Assert.Equal(StepOutcome.Ignored, client.Head(initialized, AbstractResponse.Of(Status.Accepted202)).Outcome);

        var call = client.Decide(ClientTrigger.PostToolCall);
        Assert.Contains(Cite.ClientSendsSession, client.Rules);
        Assert.Equal((Purpose.Request, Verb.Post, Payload.ToolCall, Session), (call.Purpose, call.Request.Verb, call.Request.Payload, call.Request.Session));
        Assert.True(call.Request.RequestId > initialize.Request.RequestId, "request ids are not reused within a session");
        Assert.Equal(ToolState.Pending, client.Context.Tool);

        if (resultOnSse)
        {
            Assert.Equal(StepOutcome.Ignored, client.Head(call, AbstractResponse.Stream()).Outcome);
            Assert.Equal(StepOutcome.Ignored, client.Event(call, NotificationEvent()).Outcome);
            client.Event(call, ToolResultEvent(call.Request.RequestId));
            Assert.Contains(Cite.MessageEvents, client.Rules);
            Assert.Equal(Surface.Result, client.Output.Surface);
            Assert.Equal(StepOutcome.Ignored, client.End(call, StreamEnd.Clean).Outcome);
        }
        else
        {
            client.Head(call, ToolResult(call.Request.RequestId));
            Assert.Contains(Cite.RequestJsonOrSse, client.Rules);
            Assert.Equal(Surface.Result, client.Output.Surface);
        }

        Assert.Equal(ToolState.Answered, client.Context.Tool);
        var delete = client.Decide(ClientTrigger.Finish);
        Assert.Contains(Cite.SessionDelete, client.Rules);
        Assert.Equal((Purpose.Delete, Verb.Delete, Target.Mcp, Session), (delete.Purpose, delete.Request.Verb, delete.Request.Target, delete.Request.Session));

        Assert.Equal([ClientPhase.Idle, ClientPhase.Initializing, ClientPhase.Initialized, ClientPhase.Operating, ClientPhase.Done], client.Phases.Skip(start));
        return new StreamableRequests(initialize, initialized, call, delete);
    }

    public static StreamableRequests Run(PeerRevision peer, VersionValue negotiated, bool resultOnSse) =>
        Run(new ClientDriver(peer), negotiated, resultOnSse);
}
