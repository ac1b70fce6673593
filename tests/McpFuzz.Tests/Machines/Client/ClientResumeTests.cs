using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using static McpFuzz.Tests.Machines.Client.ClientDriver;

namespace McpFuzz.Tests.Machines.Client;

/// <summary>A broken response stream: with an event id the client resumes with a GET carrying
/// Last-Event-ID (2025-03-26/basic/transports#resumability-and-redelivery); without one, the
/// response is lost and the client says so instead of waiting for ever.</summary>
public class ClientResumeTests
{
    private static (ClientDriver Client, Sent Call) StreamingCall(PeerRevision peer, VersionValue version, ClientProfile profile = ClientProfile.None)
    {
        var client = new ClientDriver(peer, profile);
        client.Handshake(version, session: 1);
        var call = client.Decide(ClientTrigger.PostToolCall);
        client.Head(call, AbstractResponse.Stream());
        return (client, call);
    }

    [Theory]
    [MemberData(nameof(StreamableRevisions), MemberType = typeof(ClientDriver))]
    public void A_broken_stream_with_an_event_id_is_resumed_with_Last_Event_ID(PeerRevision peer, VersionValue version, VersionValue header)
    {
        var (client, call) = StreamingCall(peer, version);
        client.Event(call, NotificationEvent(eventId: 5));
        Assert.Contains(Cite.LastEventId, client.Rules);
        Assert.False(client.CanDecide(ClientTrigger.Resume), "nothing to resume while the stream is open");

        client.End(call, StreamEnd.Aborted);
        Assert.Contains(Cite.LastEventId, client.Rules);
        Assert.Equal(Surface.None, client.Output.Surface);

        var resume = client.Decide(ClientTrigger.Resume);
        Assert.Contains(Cite.LastEventId, client.Rules);
        Assert.Equal(Purpose.Resume, resume.Purpose);
        Assert.Equal((Verb.Get, Target.Mcp, Payload.None, (byte)1, (byte)5, header),
            (resume.Request.Verb, resume.Request.Target, resume.Request.Payload, resume.Request.Session, resume.Request.LastEventId, resume.Request.VersionHeader));

        // A stream back resets the count of reconnects in a row (resume.bounded-reconnect).
        Assert.Equal(StepOutcome.Fired, client.Head(resume, AbstractResponse.Stream()).Outcome);
        Assert.Equal(0, client.Context.Reconnects);
        client.Event(resume, ToolResultEvent(call.Request.RequestId, 6));
        Assert.Equal(Surface.Result, client.Output.Surface);
        Assert.Equal(ClientPhase.Operating, client.Phase);
    }

    [Theory]
    [MemberData(nameof(StreamableRevisions), MemberType = typeof(ClientDriver))]
    public void A_stream_that_breaks_before_any_event_id_is_a_failure_shown_to_the_user(PeerRevision peer, VersionValue version, VersionValue header)
    {
        _ = header;
        var (client, call) = StreamingCall(peer, version);
        client.Event(call, NotificationEvent());
        client.End(call, StreamEnd.Aborted);

        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Equal((Surface.Failure, FailureReason.StreamEndedBeforeResponse), (client.Output.Surface, client.Output.Reason));
        Assert.Equal(ToolState.Failed, client.Context.Tool);
    }

    [Theory]
    [MemberData(nameof(StreamableRevisions), MemberType = typeof(ClientDriver))]
    public void A_stream_the_server_ends_cleanly_without_the_response_or_an_id_is_a_failure(PeerRevision peer, VersionValue version, VersionValue header)
    {
        _ = header;
        var (client, call) = StreamingCall(peer, version);
        client.End(call, StreamEnd.Clean);

        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Equal(FailureReason.StreamEndedBeforeResponse, client.Output.Reason);
    }

    [Theory]
    [MemberData(nameof(StreamableRevisions), MemberType = typeof(ClientDriver))]
    public void A_resume_refused_as_often_as_the_bound_allows_is_a_failure(PeerRevision peer, VersionValue version, VersionValue header)
    {
        _ = header;
        var (client, call) = StreamingCall(peer, version);
        client.Event(call, NotificationEvent(eventId: 2));
        client.End(call, StreamEnd.Aborted);
        for (int i = 1; i < ClientReactions.ReconnectBound; i++)
        {
            var retry = client.Decide(ClientTrigger.Resume);
            client.Head(retry, AbstractResponse.Of(Status.MethodNotAllowed405));
            Assert.Equal(ClientPhase.Operating, client.Phase);
            Assert.Contains(Cite.BoundedReconnect, client.Rules);
        }

        var resume = client.Decide(ClientTrigger.Resume);
        client.Head(resume, AbstractResponse.Of(Status.MethodNotAllowed405));
        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Equal(FailureReason.ResumeFailed, client.Output.Reason);
    }

    [Fact]
    public void Reconnects_in_a_row_that_get_no_stream_back_are_bounded()
    {
        var (client, call) = StreamingCall(PeerRevision.V2025_11_25, VersionValue.V2025_11_25);
        client.Event(call, SseItem.Priming(1, retry: false));
        client.End(call, StreamEnd.Aborted);
        for (int i = 0; i < ClientReactions.ReconnectBound; i++)
        {
            var resume = client.Decide(ClientTrigger.Resume);
            Assert.Equal((byte)1, resume.Request.LastEventId);
            client.Head(resume, AbstractResponse.Of(Status.ServiceUnavailable503));
        }

        Assert.False(client.CanDecide(ClientTrigger.Resume));
        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Equal(Surface.Failure, client.Output.Surface);
    }

    [Fact]
    public void Streams_that_come_back_and_break_again_are_resumed_each_time()
    {
        var (client, call) = StreamingCall(PeerRevision.V2025_11_25, VersionValue.V2025_11_25);
        client.Event(call, SseItem.Priming(1, retry: false));
        client.End(call, StreamEnd.Aborted);
        for (int i = 0; i < ClientReactions.ReconnectBound + 2; i++)
        {
            var resume = client.Decide(ClientTrigger.Resume);
            client.Head(resume, AbstractResponse.Stream());
            client.End(resume, StreamEnd.Aborted);
            Assert.True(client.CanDecide(ClientTrigger.Resume));
        }
    }

    [Fact]
    public void The_unbounded_reconnect_profile_keeps_reconnecting_after_refusals()
    {
        var (client, call) = StreamingCall(PeerRevision.V2025_11_25, VersionValue.V2025_11_25, ClientProfile.UnboundedReconnect);
        client.Event(call, SseItem.Priming(1, retry: false));
        client.End(call, StreamEnd.Aborted);
        for (int i = 0; i < ClientReactions.ReconnectBound + 2; i++)
        {
            var resume = client.Decide(ClientTrigger.Resume);
            client.Head(resume, AbstractResponse.Of(Status.ServiceUnavailable503));
        }

        Assert.True(client.CanDecide(ClientTrigger.Resume));
    }

    [Fact]
    public void The_resume_without_last_event_id_profile_sends_a_plain_GET()
    {
        var (client, call) = StreamingCall(PeerRevision.V2025_06_18, VersionValue.V2025_06_18, ClientProfile.ResumeWithoutLastEventId);
        client.Event(call, NotificationEvent(eventId: 4));
        client.End(call, StreamEnd.Aborted);

        var resume = client.Decide(ClientTrigger.Resume);
        Assert.Equal((Verb.Get, (byte)0), (resume.Request.Verb, resume.Request.LastEventId));
    }

    [Fact]
    public void A_late_end_of_an_older_resumption_is_not_the_end_of_the_current_stream()
    {
        var (client, call) = StreamingCall(PeerRevision.V2025_11_25, VersionValue.V2025_11_25);
        client.Event(call, SseItem.Priming(1, retry: false));
        client.End(call, StreamEnd.Aborted);
        var resume = client.Decide(ClientTrigger.Resume);
        client.Head(resume, AbstractResponse.Stream());
        client.Event(resume, ToolResultEvent(call.Request.RequestId, 2));
        Assert.Equal(ToolState.Answered, client.Context.Tool);

        Assert.Equal(StepOutcome.Ignored, client.End(resume, StreamEnd.Aborted).Outcome);
        Assert.Equal(ClientPhase.Operating, client.Phase);
    }
}
