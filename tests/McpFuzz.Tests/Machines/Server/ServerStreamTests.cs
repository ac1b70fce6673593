using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using static McpFuzz.Tests.Machines.Server.ServerDriver;

namespace McpFuzz.Tests.Machines.Server;

/// <summary>How a Streamable HTTP server answers a request (JSON or an SSE stream carrying the
/// response, with event ids where resumability exists, a priming event in 2025-11-25) and the
/// optional GET stream (SSE or 405) (2025-03-26/basic/transports#streamable-http;
/// 2025-11-25/basic/transports#sending-messages-to-the-server).</summary>
public class ServerStreamTests
{
    private static ServerDriver Operating(PeerRevision peer, VersionValue version, ServerProfile profile = ServerProfile.None)
    {
        var server = new ServerDriver(peer, profile);
        server.Answer(Requests.Initialize(version));
        server.Answer(Requests.Initialized(1, Header(version)));
        return server;
    }

    private static VersionValue Header(VersionValue version) => version == VersionValue.V2025_03_26 ? VersionValue.None : version;

    private static readonly Message Result2 = Message.Of(MessageKind.ToolResult, 2);

    [Theory]
    [InlineData(PeerRevision.V2025_03_26, VersionValue.V2025_03_26)]
    [InlineData(PeerRevision.V2025_06_18, VersionValue.V2025_06_18)]
    public void Before_2025_11_25_the_SSE_answer_is_the_response_with_an_id_and_no_priming(PeerRevision peer, VersionValue version)
    {
        var server = Operating(peer, version);
        var call = Requests.ToolCall(2, 1, Header(version));
        Assert.Equal(3, server.Choices.Choices(server.Context, call));

        var answer = server.Answer(call, choice: 1);
        Assert.Equal(AbstractResponse.Stream(), answer.Head);
        var items = Items(answer);
        Assert.Single(items);
        Assert.Equal((EventKind.Message, Result2), (items[0].Kind, items[0].Message));
        Assert.NotEqual(0, items[0].EventId);
        Assert.Equal(StreamEnd.Clean, answer.End);

        // Closing early is 2025-11-25 polling; here choice 2 is no distinct answer.
        Assert.Equal(Status.None, server.Answer(call, choice: 2).Head.Status);
    }

    [Fact]
    public void In_2025_11_25_the_SSE_answer_starts_with_a_priming_event()
    {
        var server = Operating(PeerRevision.V2025_11_25, VersionValue.V2025_11_25);
        var answer = server.Answer(Requests.ToolCall(2, 1, VersionValue.V2025_11_25), choice: 1);

        var items = Items(answer);
        Assert.Equal(2, items.Length);
        Assert.Equal(EventKind.Priming, items[0].Kind);
        Assert.NotEqual(0, items[0].EventId);
        Assert.Equal((EventKind.Message, Result2), (items[1].Kind, items[1].Message));
        Assert.True(items[1].EventId > items[0].EventId, "event ids are unique across the session's streams");
        Assert.Equal(StreamEnd.Clean, answer.End);
    }

    [Fact]
    public void In_2025_11_25_the_server_may_close_after_priming_and_hand_over_the_response_on_resumption()
    {
        var server = Operating(PeerRevision.V2025_11_25, VersionValue.V2025_11_25);
        var answer = server.Answer(Requests.ToolCall(2, 1, VersionValue.V2025_11_25), choice: 2);
        var priming = Assert.Single(Items(answer));
        Assert.Equal(SseItem.Priming(priming.EventId, retry: true), priming);
        Assert.Equal(StreamEnd.ServerClosed, answer.End);

        var resumed = server.Answer(Requests.Get(1, VersionValue.V2025_11_25, lastEventId: priming.EventId));
        Assert.Contains(Cite.SameStreamOnly, server.Rules);
        Assert.Equal(AbstractResponse.Stream(), resumed.Head);
        var response = Assert.Single(Items(resumed));
        Assert.Equal(Result2, response.Message);
        Assert.True(response.EventId > priming.EventId);
        Assert.Equal(StreamEnd.Clean, resumed.End);
    }

    [Fact]
    public void A_resumption_replays_what_followed_the_id_on_that_stream_only()
    {
        var server = Operating(PeerRevision.V2025_11_25, VersionValue.V2025_11_25);
        var post = Items(server.Answer(Requests.ToolCall(2, 1, VersionValue.V2025_11_25), choice: 1));
        var get = Items(server.Answer(Requests.Get(1, VersionValue.V2025_11_25), choice: 0));
        Assert.True(get[0].EventId > post[1].EventId);

        var resumed = server.Answer(Requests.Get(1, VersionValue.V2025_11_25, lastEventId: post[0].EventId));
        Assert.Contains(Cite.SameStreamOnly, server.Rules);
        Assert.Equal([post[1]], Items(resumed));

        var replaying = Operating(PeerRevision.V2025_11_25, VersionValue.V2025_11_25, ServerProfile.ReplayAcrossStreams);
        var post2 = Items(replaying.Answer(Requests.ToolCall(2, 1, VersionValue.V2025_11_25), choice: 1));
        replaying.Answer(Requests.Get(1, VersionValue.V2025_11_25), choice: 0);
        var crossed = Items(replaying.Answer(Requests.Get(1, VersionValue.V2025_11_25, lastEventId: post2[0].EventId)));
        Assert.Contains(crossed, item => item.Message.Kind == MessageKind.Notification);
    }

    [Theory]
    [InlineData(PeerRevision.V2025_03_26, VersionValue.V2025_03_26)]
    [InlineData(PeerRevision.V2025_06_18, VersionValue.V2025_06_18)]
    [InlineData(PeerRevision.V2025_11_25, VersionValue.V2025_11_25)]
    public void The_GET_stream_is_SSE_without_responses_or_405_and_the_choice_sticks(PeerRevision peer, VersionValue version)
    {
        var offering = Operating(peer, version);
        var get = Requests.Get(1, Header(version));
        Assert.Equal(2, offering.Choices.Choices(offering.Context, get));
        var stream = offering.Answer(get, choice: 0);
        Assert.Contains(Cite.GetSseOr405, offering.Rules);
        Assert.Equal(AbstractResponse.Stream(), stream.Head);
        Assert.Equal(StreamEnd.Open, stream.End);
        Assert.All(Items(stream), item => Assert.False(item.Message.IsResponse));
        Assert.Equal(1, offering.Choices.Choices(offering.Context, get));

        var refusing = Operating(peer, version);
        Assert.Equal(AbstractResponse.Of(Status.MethodNotAllowed405), refusing.Answer(get, choice: 1).Head);
        Assert.Equal(1, refusing.Choices.Choices(refusing.Context, get));
        Assert.Equal(Status.MethodNotAllowed405, refusing.Answer(get).Head.Status);
    }

    [Fact]
    public void The_initialize_answer_may_be_a_stream_that_carries_the_session_id()
    {
        var server = new ServerDriver(PeerRevision.V2025_06_18);
        var answer = server.Answer(Requests.Initialize(VersionValue.V2025_06_18), choice: 1);
        Assert.Equal(Body.EventStream, answer.Head.Body);
        Assert.Equal((byte)1, answer.Head.AssignedSession);
        Assert.Equal(Message.Of(MessageKind.InitializeResult, 1, VersionValue.V2025_06_18), Assert.Single(Items(answer)).Message);
    }

    [Fact]
    public void A_batch_is_accepted_and_answered_in_2025_03_26()
    {
        var server = Operating(PeerRevision.V2025_03_26, VersionValue.V2025_03_26);
        var batch = new AbstractRequest { Verb = Verb.Post, Target = Target.Mcp, Payload = Payload.Batch, RequestId = 2, Session = 1 };

        Assert.Equal(AbstractResponse.Json(Result2), server.Answer(batch, choice: 0).Head);
        Assert.Equal(Result2, Items(server.Answer(batch, choice: 1))[^1].Message);
    }
}
