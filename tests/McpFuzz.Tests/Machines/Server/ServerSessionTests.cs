using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Machines.Server;

namespace McpFuzz.Tests.Machines.Server;

/// <summary>Sessions of the Streamable HTTP servers (2025-03-26/basic/transports#session-management):
/// assigned with the InitializeResult, required on every later request (400 without), 404 once
/// expired or unknown, ended by DELETE or refused with 405.</summary>
public class ServerSessionTests
{
    public static TheoryData<PeerRevision, VersionValue> Sessionful() => new()
    {
        { PeerRevision.V2025_03_26, VersionValue.V2025_03_26 },
        { PeerRevision.V2025_06_18, VersionValue.V2025_06_18 },
        { PeerRevision.V2025_11_25, VersionValue.V2025_11_25 },
        { PeerRevision.DualEra, VersionValue.V2025_11_25 },
    };

    private static VersionValue HeaderFor(VersionValue version) => version == VersionValue.V2025_03_26 ? VersionValue.None : version;

    /// <summary>A server past the handshake with session S1.</summary>
    private static ServerDriver Operating(PeerRevision peer, VersionValue version)
    {
        var server = new ServerDriver(peer);
        server.Answer(Requests.Initialize(version));
        server.Answer(Requests.Initialized(1, HeaderFor(version)));
        Assert.Equal(ServerPhase.Operating, server.Phase);
        return server;
    }

    [Theory]
    [MemberData(nameof(Sessionful))]
    public void Happy_path_session_assigned_with_the_result_notification_accepted_call_answered_DELETE_ends_it(PeerRevision peer, VersionValue version)
    {
        var server = new ServerDriver(peer);
        var header = HeaderFor(version);

        var initialize = server.Answer(Requests.Initialize(version));
        Assert.Contains(Cite.VersionEcho, server.Rules);
        var result = AbstractResponse.Json(Message.Of(MessageKind.InitializeResult, 1, version));
        result.AssignedSession = 1;
        Assert.Equal(result, initialize.Head);
        Assert.True(server.Context.SessionLive);

        var initialized = server.Answer(Requests.Initialized(1, header));
        Assert.Contains(Cite.Notification202, server.Rules);
        Assert.Equal(AbstractResponse.Of(Status.Accepted202), initialized.Head);

        var call = server.Answer(Requests.ToolCall(2, 1, header));
        Assert.Contains(Cite.RequestJsonOrSse, server.Rules);
        Assert.Equal(AbstractResponse.Json(Message.Of(MessageKind.ToolResult, 2)), call.Head);
        Assert.Equal(version, call.Effective);

        var delete = server.Answer(Requests.Delete(1, header), choice: 0);
        Assert.Contains(Cite.SessionDelete, server.Rules);
        Assert.Equal(Status.Ok200, delete.Head.Status);
        Assert.False(server.Context.SessionLive);
        Assert.Equal([ServerPhase.Fresh, ServerPhase.AwaitingInitialized, ServerPhase.Operating, ServerPhase.Expired], server.Phases);

        Assert.Equal(Status.NotFound404, server.Answer(Requests.ToolCall(3, 1, header)).Head.Status);
    }

    [Theory]
    [MemberData(nameof(Sessionful))]
    public void A_DELETE_may_be_refused_with_405_and_the_session_lives_on(PeerRevision peer, VersionValue version)
    {
        var server = Operating(peer, version);
        Assert.Equal(2, server.Choices.Choices(server.Context, Requests.Delete(1, HeaderFor(version))));

        var delete = server.Answer(Requests.Delete(1, HeaderFor(version)), choice: 1);
        Assert.Contains(Cite.SessionDelete405, server.Rules);
        Assert.Equal(Status.MethodNotAllowed405, delete.Head.Status);
        Assert.Equal(ServerPhase.Operating, server.Phase);
        Assert.Equal(Status.Ok200, server.Answer(Requests.ToolCall(2, 1, HeaderFor(version))).Head.Status);
    }

    [Theory]
    [MemberData(nameof(Sessionful))]
    public void Requests_without_the_session_id_are_400(PeerRevision peer, VersionValue version)
    {
        var server = Operating(peer, version);
        var header = HeaderFor(version);
        Assert.Equal(Status.BadRequest400, server.Answer(Requests.ToolCall(2, 0, header)).Head.Status);
        Assert.Contains(Cite.SessionMissing400, server.Rules);

        // The same answer to the notification, the GET and the DELETE (their transitions do not cite the rule).
        Assert.Equal(Status.BadRequest400, server.Answer(Requests.Initialized(0, header)).Head.Status);
        Assert.Equal(Status.BadRequest400, server.Answer(Requests.Get(0, header)).Head.Status);
        Assert.Equal(Status.BadRequest400, server.Answer(Requests.Delete(0, header)).Head.Status);

        Assert.Equal(ServerPhase.Operating, server.Phase);
    }

    [Theory]
    [MemberData(nameof(Sessionful))]
    public void After_the_server_ends_the_session_its_id_gets_404(PeerRevision peer, VersionValue version)
    {
        var server = Operating(peer, version);
        Assert.Equal(StepOutcome.Fired, server.Expire().Outcome);
        Assert.Contains(Cite.SessionExpired404, server.Rules);
        Assert.Equal(ServerPhase.Expired, server.Phase);

        var answer = server.Answer(Requests.ToolCall(2, 1, HeaderFor(version)));
        Assert.Contains(Cite.SessionExpired404, server.Rules);
        Assert.Equal(AbstractResponse.Of(Status.NotFound404), answer.Head);

        // A new initialize (without a session id) starts session S2.
        var again = server.Answer(Requests.Initialize(version, id: 3));
        Assert.Equal((byte)2, again.Head.AssignedSession);
        Assert.Equal(ServerPhase.AwaitingInitialized, server.Phase);
    }

    [Theory]
    [MemberData(nameof(Sessionful))]
    public void An_unknown_session_id_gets_404(PeerRevision peer, VersionValue version)
    {
        var server = Operating(peer, version);
        Assert.Equal(Status.NotFound404, server.Answer(Requests.ToolCall(2, 2, HeaderFor(version))).Head.Status);
        Assert.True(server.Context.SessionLive);
    }

    [Fact]
    public void Expiring_without_a_session_changes_nothing()
    {
        var server = new ServerDriver(PeerRevision.V2025_06_18);
        Assert.Equal(StepOutcome.Ignored, server.Expire().Outcome);
        Assert.Equal(ServerPhase.Fresh, server.Phase);
    }

    [Fact]
    public void The_status_400_profile_answers_an_expired_session_with_400()
    {
        var server = new ServerDriver(PeerRevision.V2025_06_18, ServerProfile.Status400ForUnknownSession);
        server.Answer(Requests.Initialize(VersionValue.V2025_06_18));
        server.Expire();
        Assert.Equal(Status.BadRequest400, server.Answer(Requests.ToolCall(2, 1, VersionValue.V2025_06_18)).Head.Status);
    }
}
