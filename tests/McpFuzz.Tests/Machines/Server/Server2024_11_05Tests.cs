using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Machines.Server;
using static McpFuzz.Tests.Machines.Server.ServerDriver;

namespace McpFuzz.Tests.Machines.Server;

/// <summary>The 2024-11-05 server: HTTP+SSE (2024-11-05/basic/transports#http-with-sse). A GET
/// opens the stream and gets `endpoint` first; POSTs to the endpoint are accepted and answered on
/// that stream; the MCP URL takes nothing but that GET.</summary>
public class Server2024_11_05Tests
{
    [Fact]
    public void Happy_path_endpoint_first_then_every_answer_on_the_GET_stream()
    {
        var server = new ServerDriver(PeerRevision.V2024_11_05);

        var get = server.Answer(Requests.Get(session: 0));
        Assert.Contains(Cite.EndpointFirst, server.Rules);
        Assert.Equal(AbstractResponse.Stream(), get.Head);
        Assert.Equal([SseItem.Endpoint()], Items(get));
        Assert.Equal(StreamEnd.Open, get.End);

        var initialize = server.Answer(Requests.LegacyPost(Payload.Initialize, 1, VersionValue.V2024_11_05));
        Assert.Contains(Cite.VersionEcho, server.Rules);
        Assert.Equal(Status.Accepted202, initialize.Head.Status);
        Assert.Equal((byte)0, initialize.Head.AssignedSession);
        Assert.True(initialize.ToLegacyStream);
        Assert.Equal([SseItem.Of(Message.Of(MessageKind.InitializeResult, 1, VersionValue.V2024_11_05))], Items(initialize));

        var initialized = server.Answer(Requests.LegacyPost(Payload.Initialized));
        Assert.Contains(Cite.Notification202, server.Rules);
        Assert.Equal(Status.Accepted202, initialized.Head.Status);
        Assert.Equal(0, initialized.Count);

        var call = server.Answer(Requests.LegacyPost(Payload.ToolCall, 2));
        Assert.Equal(Status.Accepted202, call.Head.Status);
        Assert.True(call.ToLegacyStream);
        Assert.Equal([SseItem.Of(Message.Of(MessageKind.ToolResult, 2))], Items(call));

        Assert.Equal([ServerPhase.Fresh, ServerPhase.LegacyOpen, ServerPhase.AwaitingInitialized, ServerPhase.Operating], server.Phases);
    }

    [Fact]
    public void Initialize_with_a_newer_version_is_answered_with_2024_11_05()
    {
        var server = new ServerDriver(PeerRevision.V2024_11_05);
        server.Answer(Requests.Get(session: 0));
        var initialize = server.Answer(Requests.LegacyPost(Payload.Initialize, 1, VersionValue.V2025_06_18));
        Assert.Equal(VersionValue.V2024_11_05, Items(initialize)[0].Message.Version);
    }

    [Theory]
    [InlineData(Verb.Post)]
    [InlineData(Verb.Delete)]
    public void The_MCP_URL_answers_405_to_anything_but_the_first_GET(Verb verb)
    {
        // This 405 is what sends a Streamable HTTP client to its HTTP+SSE fallback.
        var server = new ServerDriver(PeerRevision.V2024_11_05);
        var request = verb == Verb.Post ? new AbstractRequest { Verb = Verb.Post, Target = Target.Mcp, Payload = Payload.Initialize, RequestId = 1, BodyVersion = VersionValue.V2025_06_18 } : Requests.Delete(0);
        Assert.Equal(Status.MethodNotAllowed405, server.Answer(request).Head.Status);
        Assert.Equal(ServerPhase.Fresh, server.Phase);

        server.Answer(Requests.Get(session: 0));
        Assert.Equal(Status.MethodNotAllowed405, server.Answer(Requests.Get(session: 0)).Head.Status);
    }

    [Fact]
    public void A_POST_to_the_endpoint_before_the_stream_is_open_is_404()
    {
        var server = new ServerDriver(PeerRevision.V2024_11_05);
        var answer = server.Answer(Requests.LegacyPost(Payload.Initialize, 1, VersionValue.V2024_11_05));
        Assert.Equal(Status.NotFound404, answer.Head.Status);
        Assert.False(answer.ToLegacyStream);
        Assert.Equal(ServerPhase.Fresh, server.Phase);
    }

    [Fact]
    public void Its_only_answer_is_the_one_choice()
    {
        var server = new ServerDriver(PeerRevision.V2024_11_05);
        Assert.Equal(1, server.Choices.Choices(server.Context, Requests.Get(session: 0)));
        server.Answer(Requests.Get(session: 0));
        Assert.Equal(1, server.Choices.Choices(server.Context, Requests.LegacyPost(Payload.ToolCall, 2)));
    }
}
