using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Server;

namespace McpFuzz.Tests.Machines.Server;

/// <summary>The dual-era server: modern handling for a request with modern metadata, a
/// 2025-11-25 session when the first message is initialize (2026-07-28/basic/versioning).</summary>
public class ServerDualEraTests
{
    [Fact]
    public void A_modern_probe_gets_a_DiscoverResult_and_no_session()
    {
        var server = new ServerDriver(PeerRevision.DualEra);
        var answer = server.Answer(Requests.Modern(Payload.Discover, 1));
        Assert.Equal(AbstractResponse.Json((Message.Of(MessageKind.DiscoverResult, 1) with { ResultType = ResultType.Complete })), answer.Head);
        Assert.Equal((byte)0, answer.Head.AssignedSession);
        Assert.Equal(ServerPhase.Fresh, server.Phase);

        var call = server.Answer(Requests.Modern(Payload.ToolCall, 2));
        Assert.Equal(AbstractResponse.Json((Message.Of(MessageKind.ToolResult, 2) with { ResultType = ResultType.Complete })), call.Head);
        Assert.Equal(VersionValue.V2026_07_28, call.Effective);
    }

    [Fact]
    public void A_legacy_initialize_starts_a_2025_11_25_session()
    {
        var server = new ServerDriver(PeerRevision.DualEra);
        var answer = server.Answer(Requests.Initialize(VersionValue.V2025_11_25));
        Assert.Equal(Message.Of(MessageKind.InitializeResult, 1, VersionValue.V2025_11_25), answer.Head.Message);
        Assert.Equal((byte)1, answer.Head.AssignedSession);
        Assert.True(server.Context.LegacyEra);

        server.Answer(Requests.Initialized(1, VersionValue.V2025_11_25));
        Assert.Equal([ServerPhase.Fresh, ServerPhase.AwaitingInitialized, ServerPhase.Operating], server.Phases);
        Assert.Equal(Status.Ok200, server.Answer(Requests.ToolCall(2, 1, VersionValue.V2025_11_25)).Head.Status);
    }

    [Fact]
    public void Initialize_offering_2026_07_28_is_answered_with_the_newest_legacy_version()
    {
        // 2026-07-28 has no handshake, so initialize can only ever negotiate a legacy version.
        var server = new ServerDriver(PeerRevision.DualEra);
        var answer = server.Answer(Requests.Initialize(VersionValue.V2026_07_28));
        Assert.Equal(Message.Of(MessageKind.InitializeResult, 1, VersionValue.V2025_11_25), answer.Head.Message);
        Assert.Equal(VersionValue.V2025_11_25, server.Context.Negotiated);
    }

    [Fact]
    public void A_modern_request_with_a_version_it_does_not_implement_is_minus_32022()
    {
        var server = new ServerDriver(PeerRevision.DualEra);
        var answer = server.Answer(Requests.Modern(Payload.ToolCall, 1, VersionValue.V2025_06_18, VersionValue.V2025_06_18));
        Assert.Equal(AbstractResponse.Failure(Status.BadRequest400, ErrorCode.UnsupportedVersion32022), answer.Head);
    }
}
