using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using Xunit;

namespace McpFuzz.Tests.Checking;

/// <summary>
/// The server oracle on the answers the Streamable HTTP scenarios provoke: which refusals a request
/// that breaks a client rule earns, the version a sessionless server assumes without the header,
/// and the stream details of resumption and polling. Ids in requests and answers are the real
/// server's symbols, in order of appearance.
/// </summary>
public class ServerOracleFreedomTests
{
    private const VersionValue Latest = VersionValue.V2025_11_25;

    [Fact]
    public void A_request_whose_Accept_lacks_a_media_type_may_be_refused_with_any_4xx_or_served()
    {
        var refused = Session();
        Assert.True(refused.Judge(Ping(2, media: MediaFault.AcceptIncomplete), Answer(AbstractResponse.Of(Status.NotAcceptable406))).Conforms);

        var served = Session();
        Assert.True(served.Judge(Ping(2, media: MediaFault.AcceptIncomplete), Answer(Result(2))).Conforms);

        var broken = Session();
        var verdict = broken.Judge(Ping(2, media: MediaFault.ContentTypeNotJson), Answer(AbstractResponse.Of(Status.InternalServerError500)));
        Assert.False(verdict.Conforms);
        Assert.Contains("any 4xx", verdict.Expected);
    }

    [Fact]
    public void A_proper_request_refused_for_its_media_types_is_a_finding()
    {
        var oracle = Session();
        var verdict = oracle.Judge(Ping(2), Answer(AbstractResponse.Of(Status.NotAcceptable406)));
        Assert.False(verdict.Conforms);
        Assert.Equal("shttp.request-json-or-sse", verdict.Deviations[0].Rule);
    }

    [Fact]
    public void A_repeated_initialize_may_be_refused_and_the_session_goes_on()
    {
        var oracle = Session();
        var again = Initialize(3);
        again.Session = 1;
        Assert.True(oracle.Judge(again, Answer(AbstractResponse.Of(Status.BadRequest400))).Conforms);
        Assert.True(oracle.Judge(Ping(4), Answer(Result(4))).Conforms);
    }

    [Fact]
    public void Initialize_without_a_session_id_may_not_be_refused()
    {
        var oracle = Session();
        Assert.False(oracle.Judge(Initialize(3), Answer(AbstractResponse.Of(Status.BadRequest400))).Conforms);
    }

    [Fact]
    public void A_supported_but_not_negotiated_version_header_may_be_served_or_refused()
    {
        Assert.True(Session().Judge(Ping(2, header: VersionValue.V2025_06_18), Answer(Result(2))).Conforms);
        Assert.True(Session().Judge(Ping(2, header: VersionValue.V2025_06_18), Answer(AbstractResponse.Of(Status.BadRequest400))).Conforms);
    }

    [Fact]
    public void A_resumption_with_an_event_id_the_session_never_minted_may_be_refused()
    {
        var oracle = Session();
        var resume = new AbstractRequest { Verb = Verb.Get, Session = 1, VersionHeader = Latest, LastEventId = 9 };
        Assert.True(oracle.Judge(resume, Answer(AbstractResponse.Of(Status.BadRequest400))).Conforms);
    }

    [Fact]
    public void A_sessionless_server_assumes_2025_03_26_for_a_batch_without_the_header()
    {
        var refused = Sessionless();
        var verdict = refused.Judge(Batch(2), Answer(AbstractResponse.Of(Status.BadRequest400)));
        Assert.False(verdict.Conforms);
        Assert.Equal("version.header-missing-default", verdict.Deviations[0].Rule);

        Assert.True(Sessionless().Judge(Batch(2), Answer(Result(2))).Conforms);
    }

    [Fact]
    public void A_server_with_a_session_refuses_a_batch_without_the_header_by_the_negotiated_version()
    {
        var verdict = Session().Judge(Batch(2, session: 1), Answer(Result(2)));
        Assert.False(verdict.Conforms);
        Assert.Equal("jsonrpc.no-batch", verdict.Deviations[0].Rule);
    }

    [Fact]
    public void A_polling_stream_closed_without_retry_is_a_should_finding()
    {
        var oracle = Session();
        var closed = new ObservedAnswer(AbstractResponse.Stream(), [SseItem.Priming(1, retry: false)], StreamEnd.ServerClosed);
        var verdict = oracle.Judge(Ping(2), closed);
        Assert.True(verdict.Conforms);
        Assert.Equal("resume.retry-before-close", Assert.Single(verdict.Deviations).Rule);

        var withRetry = new ObservedAnswer(AbstractResponse.Stream(), [SseItem.Priming(1, retry: true)], StreamEnd.ServerClosed);
        Assert.Empty(Session().Judge(Ping(2), withRetry).Deviations);
    }

    [Fact]
    public void A_stream_left_open_after_the_response_is_a_should_finding()
    {
        var open = new ObservedAnswer(AbstractResponse.Stream(), [SseItem.Priming(1, retry: false), SseItem.Of(Message.Of(MessageKind.ToolResult, 2), 2)], StreamEnd.Open);
        var verdict = Session().Judge(Ping(2), open);
        Assert.True(verdict.Conforms);
        Assert.Equal("shttp.close-after-response", Assert.Single(verdict.Deviations).Rule);
    }

    [Fact]
    public void A_resumed_request_stream_that_replays_the_GET_streams_event_breaks_same_stream_only()
    {
        var oracle = Session();
        var response = SseItem.Of(Message.Of(MessageKind.ToolResult, 2), 2);
        Assert.True(oracle.Judge(Ping(2), new ObservedAnswer(AbstractResponse.Stream(), [SseItem.Priming(1, retry: false), response], StreamEnd.Clean)).Conforms);
        var notification = SseItem.Of(Message.Of(MessageKind.Notification), 3);
        var get = new AbstractRequest { Verb = Verb.Get, Session = 1, VersionHeader = Latest };
        Assert.True(oracle.Judge(get, new ObservedAnswer(AbstractResponse.Stream(), [notification], StreamEnd.Open)).Conforms);

        var resume = get;
        resume.LastEventId = 1;
        var verdict = oracle.Judge(resume, new ObservedAnswer(AbstractResponse.Stream(), [response, notification], StreamEnd.Clean));
        Assert.False(verdict.Conforms);
        Assert.Equal("resume.same-stream-only", verdict.Deviations[0].Rule);
    }

    [Fact]
    public void A_resumed_request_stream_that_replays_only_its_own_events_conforms()
    {
        var oracle = Session();
        var response = SseItem.Of(Message.Of(MessageKind.ToolResult, 2), 2);
        oracle.Judge(Ping(2), new ObservedAnswer(AbstractResponse.Stream(), [SseItem.Priming(1, retry: false), response], StreamEnd.Clean));
        var resume = new AbstractRequest { Verb = Verb.Get, Session = 1, VersionHeader = Latest, LastEventId = 1 };
        Assert.True(oracle.Judge(resume, new ObservedAnswer(AbstractResponse.Stream(), [response], StreamEnd.Clean)).Conforms);
    }

    /// <summary>A 2025-11-25 server after initialize (JSON, session S1) and notifications/initialized.</summary>
    private static ServerOracle Session()
    {
        var oracle = new ServerOracle(PeerRevision.V2025_11_25);
        var result = AbstractResponse.Json(Message.Of(MessageKind.InitializeResult, 1, Latest));
        result.AssignedSession = 1;
        Assert.True(oracle.Judge(Initialize(1), Answer(result)).Conforms);
        var initialized = new AbstractRequest { Verb = Verb.Post, Payload = Payload.Initialized, Session = 1, VersionHeader = Latest };
        Assert.True(oracle.Judge(initialized, Answer(AbstractResponse.Of(Status.Accepted202))).Conforms);
        return oracle;
    }

    /// <summary>A 2025-11-25 server that answered initialize without a session id.</summary>
    private static ServerOracle Sessionless()
    {
        var oracle = new ServerOracle(PeerRevision.V2025_11_25);
        Assert.True(oracle.Judge(Initialize(1), Answer(AbstractResponse.Json(Message.Of(MessageKind.InitializeResult, 1, Latest)))).Conforms);
        Assert.True(oracle.Sessionless);
        return oracle;
    }

    private static AbstractRequest Initialize(byte id) =>
        new() { Verb = Verb.Post, Payload = Payload.Initialize, BodyVersion = Latest, RequestId = id };

    private static AbstractRequest Ping(byte id, MediaFault media = MediaFault.None, VersionValue header = Latest) =>
        new() { Verb = Verb.Post, Payload = Payload.ToolCall, Session = 1, VersionHeader = header, RequestId = id, Media = media };

    private static AbstractRequest Batch(byte id, byte session = 0) =>
        new() { Verb = Verb.Post, Payload = Payload.Batch, Session = session, RequestId = id };

    private static AbstractResponse Result(byte id) => AbstractResponse.Json(Message.Of(MessageKind.ToolResult, id));

    private static ObservedAnswer Answer(AbstractResponse head) => ObservedAnswer.Of(head);
}
