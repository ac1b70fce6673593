using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Machines.Server;
using static McpFuzz.Tests.Machines.Server.ServerDriver;

namespace McpFuzz.Tests.Machines.Server;

/// <summary>The 2026-07-28 (modern-only) server: stateless and POST-only; it checks the
/// request-metadata headers against the body (-32020), refuses versions it does not implement
/// (-32022), answers unknown methods with 404 and -32601, and 405 to GET and DELETE
/// (2026-07-28/basic/transports/streamable-http).</summary>
public class Server2026_07_28Tests
{
    [Theory]
    [InlineData(Payload.ToolCall, MessageKind.ToolResult)]
    [InlineData(Payload.Discover, MessageKind.DiscoverResult)]
    public void Happy_path_a_request_with_modern_metadata_is_answered_with_JSON_or_a_stream_without_ids(Payload payload, MessageKind answer)
    {
        var server = new ServerDriver(PeerRevision.V2026_07_28);
        var request = Requests.Modern(payload, 1);
        Assert.Equal(2, server.Choices.Choices(server.Context, request));

        var json = server.Answer(request, choice: 0);
        Assert.Contains(Cite.RequestJsonOrSse, server.Rules);
        Assert.Equal(AbstractResponse.Json((Message.Of(answer, 1) with { ResultType = ResultType.Complete })), json.Head);
        Assert.Equal(VersionValue.V2026_07_28, json.Effective);

        var stream = server.Answer(request, choice: 1);
        Assert.Equal(AbstractResponse.Stream(), stream.Head);
        Assert.Equal([SseItem.Of((Message.Of(answer, 1) with { ResultType = ResultType.Complete }))], Items(stream));
        Assert.Equal(StreamEnd.Clean, stream.End);

        Assert.Equal([ServerPhase.Fresh], server.Phases);
        Assert.False(server.Context.SessionLive);
    }

    [Theory]
    [InlineData(VersionValue.None, VersionValue.V2026_07_28, true)]
    [InlineData(VersionValue.V2025_11_25, VersionValue.V2026_07_28, true)]
    [InlineData(VersionValue.V2026_07_28, VersionValue.V2026_07_28, false)]
    public void A_missing_or_disagreeing_header_is_400_with_minus_32020(VersionValue header, VersionValue body, bool metadata)
    {
        var server = new ServerDriver(PeerRevision.V2026_07_28);
        var answer = server.Answer(Requests.Modern(Payload.ToolCall, 1, header, body, metadata));
        Assert.Equal(AbstractResponse.Failure(Status.BadRequest400, ErrorCode.HeaderMismatch32020), answer.Head);
    }

    [Fact]
    public void A_version_it_does_not_implement_is_400_with_minus_32022()
    {
        var server = new ServerDriver(PeerRevision.V2026_07_28);
        var answer = server.Answer(Requests.Modern(Payload.ToolCall, 1, VersionValue.V2025_11_25, VersionValue.V2025_11_25));
        Assert.Equal(AbstractResponse.Failure(Status.BadRequest400, ErrorCode.UnsupportedVersion32022), answer.Head);
    }

    [Fact]
    public void An_unknown_method_is_404_with_minus_32601()
    {
        var server = new ServerDriver(PeerRevision.V2026_07_28);
        var answer = server.Answer(Requests.Modern(Payload.Initialize, 1));
        Assert.Contains(Cite.NoInitialize, server.Rules);
        Assert.Equal(AbstractResponse.Failure(Status.NotFound404, ErrorCode.MethodNotFound32601), answer.Head);
        Assert.Equal(1, server.Choices.Choices(server.Context, Requests.Modern(Payload.Initialize, 1)));
    }

    [Fact]
    public void A_legacy_initialize_is_400_for_the_missing_headers()
    {
        var server = new ServerDriver(PeerRevision.V2026_07_28);
        var answer = server.Answer(Requests.Initialize(VersionValue.V2025_11_25));
        Assert.Equal(Status.BadRequest400, answer.Head.Status);
        Assert.True(AbstractResponse.IsModernError(answer.Head.Error));
        Assert.Equal(ServerPhase.Fresh, server.Phase);
    }

    [Fact]
    public void GET_and_DELETE_are_405_and_Last_Event_ID_does_not_change_that()
    {
        var server = new ServerDriver(PeerRevision.V2026_07_28);
        Assert.Equal(AbstractResponse.Of(Status.MethodNotAllowed405), server.Answer(Requests.Get(0)).Head);
        Assert.Contains(Cite.GetDelete405, server.Rules);
        Assert.Equal(AbstractResponse.Of(Status.MethodNotAllowed405), server.Answer(Requests.Get(0, lastEventId: 3)).Head);
        Assert.Equal(AbstractResponse.Of(Status.MethodNotAllowed405), server.Answer(Requests.Delete(1)).Head);
        Assert.Contains(Cite.GetDelete405, server.Rules);
    }

    [Fact]
    public void A_session_id_is_ignored_and_none_is_ever_minted()
    {
        var server = new ServerDriver(PeerRevision.V2026_07_28);
        var request = Requests.Modern(Payload.ToolCall, 1);
        request.Session = 2;
        var answer = server.Answer(request);
        Assert.Equal(AbstractResponse.Json((Message.Of(MessageKind.ToolResult, 1) with { ResultType = ResultType.Complete })), answer.Head);
        Assert.Equal((byte)0, answer.Head.AssignedSession);
        Assert.Equal((byte)0, server.Answer(Requests.Initialize(VersionValue.V2025_11_25)).Head.AssignedSession);
    }
}
