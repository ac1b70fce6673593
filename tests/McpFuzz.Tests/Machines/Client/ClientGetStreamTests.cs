using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using static McpFuzz.Tests.Machines.Client.ClientDriver;

namespace McpFuzz.Tests.Machines.Client;

/// <summary>The optional GET stream of Streamable HTTP: the server answers with SSE or 405, and
/// 405 only means there is no such stream (2025-03-26/basic/transports#listening-for-messages-from-the-server).</summary>
public class ClientGetStreamTests
{
    private static (ClientDriver Client, Sent Get) Getting(PeerRevision peer, VersionValue version, ClientProfile profile = ClientProfile.None)
    {
        var client = new ClientDriver(peer, profile);
        client.Handshake(version, session: 1);
        return (client, client.Decide(ClientTrigger.OpenGetStream));
    }

    [Theory]
    [MemberData(nameof(StreamableRevisions), MemberType = typeof(ClientDriver))]
    public void The_GET_carries_the_session_and_the_version_header(PeerRevision peer, VersionValue version, VersionValue header)
    {
        var (client, get) = Getting(peer, version);
        Assert.Equal(Purpose.GetStream, get.Purpose);
        Assert.Equal(new AbstractRequest { Verb = Verb.Get, Target = Target.Mcp, Session = 1, VersionHeader = header }, get.Request);
        Assert.Equal(GetStreamState.Requested, client.Context.GetStream);
    }

    [Theory]
    [MemberData(nameof(StreamableRevisions), MemberType = typeof(ClientDriver))]
    public void A_405_means_no_GET_stream_and_the_session_goes_on(PeerRevision peer, VersionValue version, VersionValue header)
    {
        _ = header;
        var (client, get) = Getting(peer, version);
        client.Head(get, AbstractResponse.Of(Status.MethodNotAllowed405));

        Assert.Equal(StepOutcome.Fired, client.Last.Outcome);
        Assert.Contains(Cite.GetSseOr405, client.Rules);
        Assert.Equal((ClientPhase.Operating, GetStreamState.Unavailable), (client.Phase, client.Context.GetStream));
        Assert.Equal(Surface.None, client.Output.Surface);
        Assert.False(client.CanDecide(ClientTrigger.OpenGetStream));

        var call = client.Decide(ClientTrigger.PostToolCall);
        client.Head(call, ToolResult(call.Request.RequestId));
        Assert.Equal(ToolState.Answered, client.Context.Tool);
    }

    [Theory]
    [MemberData(nameof(StreamableRevisions), MemberType = typeof(ClientDriver))]
    public void An_SSE_answer_opens_the_GET_stream_and_its_notifications_are_not_results(PeerRevision peer, VersionValue version, VersionValue header)
    {
        _ = header;
        var (client, get) = Getting(peer, version);
        client.Head(get, AbstractResponse.Stream());
        Assert.Contains(Cite.GetSseOr405, client.Rules);
        Assert.Equal(GetStreamState.Open, client.Context.GetStream);

        Assert.Equal(StepOutcome.Ignored, client.Event(get, NotificationEvent(eventId: 1)).Outcome);
        Assert.Equal(ToolState.NotSent, client.Context.Tool);
    }

    [Fact]
    public void Another_refusal_of_the_GET_is_tolerated_unless_the_profile_makes_it_fatal()
    {
        var (client, get) = Getting(PeerRevision.V2025_06_18, VersionValue.V2025_06_18);
        client.Head(get, AbstractResponse.Of(Status.BadRequest400));
        Assert.Equal((ClientPhase.Operating, GetStreamState.Unavailable), (client.Phase, client.Context.GetStream));

        var (fatal, get2) = Getting(PeerRevision.V2025_06_18, VersionValue.V2025_06_18, ClientProfile.Non405GetIsFatal);
        fatal.Head(get2, AbstractResponse.Of(Status.BadRequest400));
        Assert.Equal(ClientPhase.Failed, fatal.Phase);
        Assert.Equal(FailureReason.GetStreamRejected, fatal.Output.Reason);
    }

    [Fact]
    public void The_GET_stream_is_opened_only_before_the_tool_call()
    {
        var client = new ClientDriver(PeerRevision.V2025_06_18);
        client.Handshake(VersionValue.V2025_06_18);
        client.Decide(ClientTrigger.PostToolCall);
        Assert.False(client.CanDecide(ClientTrigger.OpenGetStream));
    }
}
