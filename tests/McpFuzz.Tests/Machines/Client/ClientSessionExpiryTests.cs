using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using static McpFuzz.Tests.Machines.Client.ClientDriver;

namespace McpFuzz.Tests.Machines.Client;

/// <summary>404 to a request that carried a session id means the session is gone: the client
/// starts a new one with an initialize sent without a session id (2025-03-26/basic/transports#session-management).</summary>
public class ClientSessionExpiryTests
{
    public static TheoryData<PeerRevision, VersionValue> Sessionful() => new()
    {
        { PeerRevision.V2025_03_26, VersionValue.V2025_03_26 },
        { PeerRevision.V2025_06_18, VersionValue.V2025_06_18 },
        { PeerRevision.V2025_11_25, VersionValue.V2025_11_25 },
    };

    [Theory]
    [MemberData(nameof(Sessionful))]
    public void A_404_to_the_tool_call_starts_a_new_session_and_the_call_is_sent_again(PeerRevision peer, VersionValue version)
    {
        var client = new ClientDriver(peer);
        client.Handshake(version, session: 1);
        var call = client.Decide(ClientTrigger.PostToolCall);

        client.Head(call, AbstractResponse.Of(Status.NotFound404));
        Assert.Equal(StepOutcome.Fired, client.Last.Outcome);
        Assert.Contains(Cite.SessionReinit, client.Rules);
        Assert.Equal(ClientPhase.Idle, client.Phase);
        Assert.Equal(Surface.None, client.Output.Surface);
        Assert.Equal((byte)0, client.Context.Session);
        Assert.Equal(VersionValue.None, client.Context.Negotiated);
        Assert.Equal(ToolState.NotSent, client.Context.Tool);

        var initialize = client.Decide(ClientTrigger.PostInitialize);
        Assert.Equal((Payload.Initialize, (byte)0, VersionValue.None), (initialize.Request.Payload, initialize.Request.Session, initialize.Request.VersionHeader));
        Assert.True(initialize.Request.RequestId > call.Request.RequestId, "ids are not reused");

        client.Head(initialize, InitializeResult(initialize.Request.RequestId, version, 2));
        client.Decide(ClientTrigger.PostInitialized);
        var again = client.Decide(ClientTrigger.PostToolCall);
        Assert.Equal((byte)2, again.Request.Session);
        client.Head(again, ToolResult(again.Request.RequestId));
        Assert.Equal(ToolState.Answered, client.Context.Tool);
        Assert.Equal(
            [ClientPhase.Idle, ClientPhase.Initializing, ClientPhase.Initialized, ClientPhase.Operating, ClientPhase.Idle, ClientPhase.Initializing, ClientPhase.Initialized, ClientPhase.Operating],
            client.Phases);
    }

    [Theory]
    [MemberData(nameof(Sessionful))]
    public void A_404_to_the_initialized_notification_starts_a_new_session(PeerRevision peer, VersionValue version)
    {
        var client = new ClientDriver(peer);
        var initialize = client.Decide(ClientTrigger.PostInitialize);
        client.Head(initialize, InitializeResult(initialize.Request.RequestId, version, 1));
        var initialized = client.Decide(ClientTrigger.PostInitialized);

        client.Head(initialized, AbstractResponse.Of(Status.NotFound404));
        Assert.Equal(ClientPhase.Idle, client.Phase);
        Assert.Contains(Cite.SessionReinit, client.Rules);
    }

    [Theory]
    [MemberData(nameof(Sessionful))]
    public void A_404_to_the_GET_stream_starts_a_new_session(PeerRevision peer, VersionValue version)
    {
        var client = new ClientDriver(peer);
        client.Handshake(version, session: 1);
        var get = client.Decide(ClientTrigger.OpenGetStream);

        client.Head(get, AbstractResponse.Of(Status.NotFound404));
        Assert.Equal(ClientPhase.Idle, client.Phase);
        Assert.Contains(Cite.SessionReinit, client.Rules);
    }

    [Fact]
    public void A_dual_era_client_in_a_legacy_session_re_initializes_too()
    {
        var client = new ClientDriver(PeerRevision.DualEra);
        var probe = client.Decide(ClientTrigger.PostDiscover);
        client.Head(probe, AbstractResponse.Of(Status.BadRequest400));
        client.Handshake(VersionValue.V2025_11_25, session: 1);
        var call = client.Decide(ClientTrigger.PostToolCall);

        client.Head(call, AbstractResponse.Of(Status.NotFound404));
        Assert.Equal(ClientPhase.Idle, client.Phase);
        Assert.Contains(Cite.SessionReinit, client.Rules);
        Assert.True(client.CanDecide(ClientTrigger.PostInitialize));
        Assert.False(client.CanDecide(ClientTrigger.PostDiscover));
    }

    [Fact]
    public void A_404_to_a_request_without_a_session_id_is_a_plain_failure()
    {
        // The server assigned no session (it MAY not), so the 404 cannot mean the session expired.
        var client = new ClientDriver(PeerRevision.V2025_06_18);
        client.Handshake(VersionValue.V2025_06_18, session: 0);
        var call = client.Decide(ClientTrigger.PostToolCall);
        Assert.Equal((byte)0, call.Request.Session);

        client.Head(call, AbstractResponse.Of(Status.NotFound404));
        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Equal(FailureReason.RequestRejected, client.Output.Reason);
    }

    [Fact]
    public void The_no_reinit_on_404_profile_gives_up_instead()
    {
        var client = new ClientDriver(PeerRevision.V2025_06_18, ClientProfile.NoReinitOn404);
        client.Handshake(VersionValue.V2025_06_18, session: 1);
        var call = client.Decide(ClientTrigger.PostToolCall);

        client.Head(call, AbstractResponse.Of(Status.NotFound404));
        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Equal(FailureReason.SessionExpired, client.Output.Reason);
    }
}
