using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using static McpFuzz.Tests.Machines.Client.ClientDriver;

namespace McpFuzz.Tests.Machines.Client;

/// <summary>The 2026-07-28 (modern-only) client: no handshake, every request a POST with the
/// MCP-Protocol-Version header and modern metadata (2026-07-28/basic/transports/streamable-http#request-metadata),
/// no sessions, no GET stream, and no resumability: a broken stream is re-issued with a new id.</summary>
public class Client2026_07_28Tests
{
    private static (ClientDriver Client, Sent Call) Called()
    {
        var client = new ClientDriver(PeerRevision.V2026_07_28);
        return (client, client.Decide(ClientTrigger.PostToolCall));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Happy_path_a_direct_tools_call_with_modern_metadata_and_no_handshake(bool resultOnSse)
    {
        var client = new ClientDriver(PeerRevision.V2026_07_28);
        Assert.False(client.CanDecide(ClientTrigger.PostInitialize));
        Assert.False(client.CanDecide(ClientTrigger.GetLegacyStream));
        Assert.False(client.CanDecide(ClientTrigger.PostDiscover));

        var call = client.Decide(ClientTrigger.PostToolCall);
        Assert.Equal(ClientPhase.Operating, client.Phase);
        Assert.Contains(Cite.NoInitialize, client.Rules);
        Assert.Contains(Cite.ProtocolHeader, client.Rules);
        Assert.Equal(new AbstractRequest
        {
            Verb = Verb.Post, Target = Target.Mcp, Payload = Payload.ToolCall, RequestId = 1,
            VersionHeader = VersionValue.V2026_07_28, BodyVersion = VersionValue.V2026_07_28, ModernMetadata = true,
        }, call.Request);
        Assert.False(client.CanDecide(ClientTrigger.OpenGetStream), "2026-07-28 has no GET stream");

        if (resultOnSse)
        {
            Assert.Equal(StepOutcome.Ignored, client.Head(call, AbstractResponse.Stream()).Outcome);
            client.Event(call, ToolResultEvent(1));
        }
        else
        {
            client.Head(call, ToolResult(1));
        }

        Assert.Equal(Surface.Result, client.Output.Surface);
        client.Step(ClientTrigger.Finish, ClientInput.None);
        Assert.Equal(StepOutcome.Fired, client.Last.Outcome);
        Assert.False(client.Output.Sends, "no session, so no DELETE");
        Assert.Equal([ClientPhase.Idle, ClientPhase.Operating, ClientPhase.Done], client.Phases);
    }

    [Fact]
    public void A_broken_stream_is_re_issued_with_a_new_id_not_resumed()
    {
        var (client, call) = Called();
        client.Head(call, AbstractResponse.Stream());
        client.Event(call, NotificationEvent(eventId: 5));
        client.End(call, StreamEnd.Aborted);
        Assert.Contains(Cite.NoResumability, client.Rules);
        Assert.False(client.CanDecide(ClientTrigger.Resume));

        var again = client.Decide(ClientTrigger.PostToolCall);
        Assert.Equal((byte)2, again.Request.RequestId);
        Assert.Equal((byte)0, again.Request.LastEventId);
        Assert.True(again.Request.ModernMetadata);
        client.Head(again, ToolResult(2));
        Assert.Equal(ToolState.Answered, client.Context.Tool);
    }

    [Fact]
    public void A_second_broken_stream_is_a_failure_shown_to_the_user()
    {
        var (client, call) = Called();
        client.Head(call, AbstractResponse.Stream());
        client.End(call, StreamEnd.Aborted);
        var again = client.Decide(ClientTrigger.PostToolCall);
        client.Head(again, AbstractResponse.Stream());
        client.End(again, StreamEnd.Aborted);

        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Equal((Surface.Failure, FailureReason.StreamEndedBeforeResponse), (client.Output.Surface, client.Output.Reason));
    }

    [Theory]
    [InlineData(Status.NotFound404, ErrorCode.MethodNotFound32601)]
    [InlineData(Status.BadRequest400, ErrorCode.HeaderMismatch32020)]
    [InlineData(Status.BadRequest400, ErrorCode.UnsupportedVersion32022)]
    public void A_modern_error_fails_the_request_and_404_is_not_a_session_expiry(Status status, ErrorCode error)
    {
        var (client, call) = Called();
        client.Head(call, AbstractResponse.Failure(status, error));

        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Equal((Surface.Failure, FailureReason.RequestRejected), (client.Output.Surface, client.Output.Reason));
        Assert.Equal(0, client.Context.Reinitializations);
    }

    [Fact]
    public void A_lost_request_times_out_visibly()
    {
        var (client, call) = Called();
        client.TimedOut(call);
        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Equal(FailureReason.Timeout, client.Output.Reason);
    }
}
