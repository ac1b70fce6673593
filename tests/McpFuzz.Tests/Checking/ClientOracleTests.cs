using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using Xunit;

namespace McpFuzz.Tests.Checking;

/// <summary>
/// The client oracle on conversations a real client could have: a conforming one passes, and each
/// client rule broken is named. Session, event and request ids are symbols in order of appearance.
/// </summary>
public class ClientOracleTests
{
    private const VersionValue V11 = VersionValue.V2025_11_25;

    [Fact]
    public void A_conforming_2025_11_25_client_breaks_no_rule()
    {
        var oracle = Initialized(PeerRevision.V2025_11_25, V11);
        var verdict = oracle.Sent(2, Call(2, session: 1, header: V11));
        Assert.True(verdict.Conforms);
        Assert.Contains("version.header-required", verdict.Checked);
        Assert.Contains("session.client-sends-id", verdict.Checked);
        Assert.True(oracle.Finish(ClientEnding.Succeeded).Conforms);
    }

    [Fact]
    public void A_request_before_initialized_breaks_the_initialized_notification_rule()
    {
        var oracle = new ClientOracle(PeerRevision.V2025_11_25);
        Initialize(oracle, V11);
        var verdict = oracle.Sent(1, Call(2, session: 1, header: V11));
        Assert.Equal("lifecycle.initialized-notification", Assert.Single(verdict.Deviations).Rule);
    }

    [Fact]
    public void A_request_before_the_initialize_result_is_early()
    {
        var oracle = new ClientOracle(PeerRevision.V2025_11_25);
        oracle.Sent(0, new AbstractRequest { Payload = Payload.Initialize, RequestId = 1, BodyVersion = V11 });
        var verdict = oracle.Sent(1, Call(2, session: 0, header: VersionValue.None));
        Assert.Equal("lifecycle.client-waits-for-initialize", Assert.Single(verdict.Deviations).Rule);
    }

    [Fact]
    public void Missing_and_wrong_protocol_version_headers_are_named()
    {
        var missing = Initialized(PeerRevision.V2025_11_25, V11);
        Assert.Equal("version.header-required", Assert.Single(missing.Sent(2, Call(2, session: 1, header: VersionValue.None)).Deviations).Rule);

        var wrong = Initialized(PeerRevision.V2025_11_25, V11);
        Assert.Equal("version.header-negotiated", Assert.Single(wrong.Sent(2, Call(2, session: 1, header: VersionValue.V2024_11_05)).Deviations).Rule);

        // 2025-03-26 has no header: a session negotiated at it needs none.
        var old = Initialized(PeerRevision.V2025_11_25, VersionValue.V2025_03_26);
        Assert.True(old.Sent(2, Call(2, session: 1, header: VersionValue.None)).Conforms);
    }

    [Fact]
    public void A_request_without_the_session_id_breaks_client_sends_id()
    {
        var oracle = Initialized(PeerRevision.V2025_11_25, V11);
        Assert.Equal("session.client-sends-id", Assert.Single(oracle.Sent(2, Call(2, session: 0, header: V11)).Deviations).Rule);
    }

    [Fact]
    public void After_404_for_the_session_only_a_new_initialize_conforms()
    {
        var stale = Initialized(PeerRevision.V2025_11_25, V11);
        stale.Sent(2, Call(2, session: 1, header: V11));
        stale.Answered(2, AbstractResponse.Of(Status.NotFound404));
        Assert.Equal("session.expired-404-reinit", Assert.Single(stale.Sent(3, Call(3, session: 1, header: V11)).Deviations).Rule);

        var gaveUp = Initialized(PeerRevision.V2025_11_25, V11);
        gaveUp.Sent(2, Call(2, session: 1, header: V11));
        gaveUp.Answered(2, AbstractResponse.Of(Status.NotFound404));
        Assert.Equal("session.expired-404-reinit", Assert.Single(gaveUp.Finish(ClientEnding.Failed).Deviations).Rule);

        var good = Initialized(PeerRevision.V2025_11_25, V11);
        good.Sent(2, Call(2, session: 1, header: V11));
        good.Answered(2, AbstractResponse.Of(Status.NotFound404));
        Assert.True(good.Sent(3, new AbstractRequest { Payload = Payload.Initialize, RequestId = 3, BodyVersion = V11 }).Conforms);
        Assert.True(good.Finish(ClientEnding.Succeeded).Conforms);
    }

    [Theory]
    [InlineData(PeerRevision.V2025_11_25, Status.MethodNotAllowed405, true)]
    [InlineData(PeerRevision.V2025_11_25, Status.Forbidden403, false)]
    [InlineData(PeerRevision.V2025_03_26, Status.Forbidden403, true)]
    public void Falling_back_to_HTTP_SSE_is_judged_by_the_status_the_revision_allows(PeerRevision peer, Status status, bool allowed)
    {
        var oracle = new ClientOracle(peer);
        oracle.Sent(0, new AbstractRequest { Payload = Payload.Initialize, RequestId = 1, BodyVersion = VersionValue.V2025_03_26 });
        oracle.Answered(0, AbstractResponse.Of(status));
        var verdict = oracle.Sent(1, new AbstractRequest { Verb = Verb.Get });
        Assert.Equal(allowed, verdict.Conforms);
        if (!allowed) Assert.StartsWith("fallback.", verdict.Deviations[0].Rule);
    }

    [Fact]
    public void Not_falling_back_where_the_revision_says_to_is_a_finding_at_the_end()
    {
        var oracle = new ClientOracle(PeerRevision.V2025_11_25);
        oracle.Sent(0, new AbstractRequest { Payload = Payload.Initialize, RequestId = 1, BodyVersion = V11 });
        oracle.Answered(0, AbstractResponse.Of(Status.MethodNotAllowed405));
        Assert.Equal("fallback.400-404-405", Assert.Single(oracle.Finish(ClientEnding.Failed).Deviations).Rule);
    }

    [Fact]
    public void Posting_to_an_endpoint_announced_in_a_POST_response_breaks_message_events()
    {
        var oracle = new ClientOracle(PeerRevision.V2025_11_25);
        oracle.Sent(0, new AbstractRequest { Payload = Payload.Initialize, RequestId = 1, BodyVersion = V11 });
        oracle.Answered(0, new AbstractResponse { Status = Status.Ok200, Body = Body.EventStream, AssignedSession = 1 });
        oracle.Received(0, SseItem.Endpoint());
        oracle.Received(0, SseItem.Of(Message.Of(MessageKind.InitializeResult, 1, V11)));
        var verdict = oracle.Sent(1, new AbstractRequest { Target = Target.LegacyPost, Payload = Payload.Initialized, Session = 1, VersionHeader = V11 });
        Assert.Contains(verdict.Deviations, d => d.Rule == "shttp.message-events");

        var ignoring = Initialized(PeerRevision.V2025_11_25, V11);
        ignoring.Received(0, SseItem.Endpoint());
        Assert.True(ignoring.Sent(2, Call(2, session: 1, header: V11)).Conforms);
    }

    [Fact]
    public void A_stream_closed_before_its_response_is_resumed_with_Last_Event_ID()
    {
        var resumed = Broken();
        var verdict = resumed.Sent(3, new AbstractRequest { Verb = Verb.Get, Session = 1, VersionHeader = V11, LastEventId = 1 });
        Assert.True(verdict.Conforms);
        resumed.Answered(3, AbstractResponse.Stream());
        resumed.Received(3, SseItem.Of(Message.Of(MessageKind.ToolResult, 2), 2));
        Assert.True(resumed.Finish(ClientEnding.Succeeded).Conforms);

        var abandoned = Broken();
        Assert.Equal("resume.last-event-id", Assert.Single(abandoned.Finish(ClientEnding.Hung).Deviations).Rule);

        var invented = Broken();
        Assert.Equal("resume.last-event-id", Assert.Single(invented.Sent(3, new AbstractRequest { Verb = Verb.Get, Session = 1, VersionHeader = V11, LastEventId = 9 }).Deviations).Rule);
    }

    [Fact]
    public void An_initialize_result_on_the_resumed_stream_completes_the_handshake()
    {
        var oracle = new ClientOracle(PeerRevision.V2025_11_25);
        oracle.Sent(0, new AbstractRequest { Payload = Payload.Initialize, RequestId = 1, BodyVersion = V11 });
        oracle.Answered(0, new AbstractResponse { Status = Status.Ok200, Body = Body.EventStream, AssignedSession = 1 });
        oracle.Received(0, SseItem.Priming(1, retry: true));
        oracle.Ended(0, StreamEnd.ServerClosed);
        Assert.True(oracle.Sent(1, new AbstractRequest { Verb = Verb.Get, Session = 1, LastEventId = 1 }).Conforms);
        oracle.Answered(1, AbstractResponse.Stream());
        oracle.Received(1, SseItem.Of(Message.Of(MessageKind.InitializeResult, 1, V11), 2));
        Assert.True(oracle.Sent(2, new AbstractRequest { Payload = Payload.Initialized, Session = 1, VersionHeader = V11 }).Conforms);
        Assert.True(oracle.Sent(3, Call(2, session: 1, header: V11)).Conforms);
        Assert.True(oracle.Finish(ClientEnding.Succeeded).Conforms);
    }

    [Fact]
    public void Resuming_the_initialize_stream_without_the_session_id_breaks_client_sends_id()
    {
        var oracle = new ClientOracle(PeerRevision.DualEra);
        Assert.True(oracle.Sent(0, new AbstractRequest { Payload = Payload.Discover, RequestId = 1, VersionHeader = VersionValue.V2026_07_28 }).Conforms);
        oracle.Answered(0, AbstractResponse.Of(Status.BadRequest400));
        oracle.Sent(1, new AbstractRequest { Payload = Payload.Initialize, RequestId = 2, BodyVersion = V11 });
        oracle.Answered(1, new AbstractResponse { Status = Status.Ok200, Body = Body.EventStream, AssignedSession = 1 });
        oracle.Received(1, SseItem.Priming(1, retry: true));
        oracle.Ended(1, StreamEnd.ServerClosed);
        var verdict = oracle.Sent(2, new AbstractRequest { Verb = Verb.Get, LastEventId = 1 });
        Assert.Equal("session.client-sends-id", Assert.Single(verdict.Deviations).Rule);
        oracle.Answered(2, AbstractResponse.Of(Status.BadRequest400));
        // It did try to resume: the finding is the missing session id, not a missing resumption.
        Assert.True(oracle.Finish(ClientEnding.Failed).Conforms);
    }

    [Fact]
    public void A_dual_era_client_whose_probe_fails_goes_on_with_initialize()
    {
        var stopped = new ClientOracle(PeerRevision.DualEra);
        stopped.Sent(0, new AbstractRequest { Payload = Payload.Discover, RequestId = 1, VersionHeader = VersionValue.V2026_07_28 });
        stopped.Answered(0, AbstractResponse.Of(Status.MethodNotAllowed405));
        Assert.Equal("modern.dual-era-probe", Assert.Single(stopped.Finish(ClientEnding.Failed).Deviations).Rule);

        var going = new ClientOracle(PeerRevision.DualEra);
        going.Sent(0, new AbstractRequest { Payload = Payload.Discover, RequestId = 1, VersionHeader = VersionValue.V2026_07_28 });
        going.Answered(0, AbstractResponse.Of(Status.MethodNotAllowed405));
        going.Sent(1, new AbstractRequest { Payload = Payload.Initialize, RequestId = 2, BodyVersion = V11 });
        going.Answered(1, AbstractResponse.Of(Status.MethodNotAllowed405));
        Assert.True(going.Sent(2, new AbstractRequest { Verb = Verb.Get }).Conforms);
        Assert.True(going.Finish(ClientEnding.Succeeded).Conforms);
    }

    [Fact]
    public void A_dual_era_client_may_fall_back_from_its_probe_only_on_the_statuses_of_its_revision()
    {
        var unauthorized = new ClientOracle(PeerRevision.DualEra);
        unauthorized.Sent(0, new AbstractRequest { Payload = Payload.Discover, RequestId = 1, VersionHeader = VersionValue.V2026_07_28 });
        unauthorized.Answered(0, AbstractResponse.Of(Status.Unauthorized401));
        var verdict = unauthorized.Sent(1, new AbstractRequest { Verb = Verb.Get });
        Assert.Equal("fallback.not-modern-error", Assert.Single(verdict.Deviations).Rule);

        var notAllowed = new ClientOracle(PeerRevision.DualEra);
        notAllowed.Sent(0, new AbstractRequest { Payload = Payload.Discover, RequestId = 1, VersionHeader = VersionValue.V2026_07_28 });
        notAllowed.Answered(0, AbstractResponse.Of(Status.MethodNotAllowed405));
        var allowed = notAllowed.Sent(1, new AbstractRequest { Verb = Verb.Get });
        Assert.True(allowed.Conforms);
        Assert.Contains("fallback.not-modern-error", allowed.Checked);
    }

    [Fact]
    public void A_legacy_era_client_starts_with_initialize_not_server_discover()
    {
        var oracle = new ClientOracle(PeerRevision.V2025_11_25);
        var verdict = oracle.Sent(0, new AbstractRequest { Payload = Payload.Discover, RequestId = 1, VersionHeader = VersionValue.V2026_07_28 });
        Assert.Equal("lifecycle.initialize-first", Assert.Single(verdict.Deviations).Rule);
    }

    [Fact]
    public void An_HTTP_SSE_client_posts_to_the_endpoint_it_was_given()
    {
        var oracle = new ClientOracle(PeerRevision.V2024_11_05);
        Assert.True(oracle.Sent(0, new AbstractRequest { Verb = Verb.Get }).Conforms);
        oracle.Answered(0, AbstractResponse.Stream());
        oracle.Received(0, SseItem.Endpoint());
        Assert.True(oracle.Sent(1, new AbstractRequest { Target = Target.LegacyPost, Payload = Payload.Initialize, RequestId = 1, BodyVersion = VersionValue.V2024_11_05 }).Conforms);
        oracle.Received(0, SseItem.Of(Message.Of(MessageKind.InitializeResult, 1, VersionValue.V2024_11_05)));
        Assert.True(oracle.Sent(2, new AbstractRequest { Target = Target.LegacyPost, Payload = Payload.Initialized }).Conforms);
        Assert.Equal("legacy.post-to-endpoint", Assert.Single(oracle.Sent(3, new AbstractRequest { Payload = Payload.ToolCall, RequestId = 2 }).Deviations).Rule);
    }

    private static ClientOracle Broken()
    {
        var oracle = Initialized(PeerRevision.V2025_11_25, V11);
        oracle.Sent(2, Call(2, session: 1, header: V11));
        oracle.Answered(2, AbstractResponse.Stream());
        oracle.Received(2, SseItem.Priming(1, retry: true));
        oracle.Ended(2, StreamEnd.ServerClosed);
        return oracle;
    }

    /// <summary>initialize answered with <paramref name="version"/> and session S1, then initialized.</summary>
    private static ClientOracle Initialized(PeerRevision peer, VersionValue version)
    {
        var oracle = new ClientOracle(peer);
        Initialize(oracle, version);
        Assert.True(oracle.Sent(1, new AbstractRequest { Payload = Payload.Initialized, Session = 1, VersionHeader = Header(version) }).Conforms);
        return oracle;
    }

    private static void Initialize(ClientOracle oracle, VersionValue version)
    {
        Assert.True(oracle.Sent(0, new AbstractRequest { Payload = Payload.Initialize, RequestId = 1, BodyVersion = V11 }).Conforms);
        var head = AbstractResponse.Json(Message.Of(MessageKind.InitializeResult, 1, version));
        head.AssignedSession = 1;
        oracle.Answered(0, head);
    }

    private static VersionValue Header(VersionValue negotiated) => negotiated >= VersionValue.V2025_06_18 ? negotiated : VersionValue.None;

    private static AbstractRequest Call(byte id, byte session, VersionValue header) =>
        new() { Payload = Payload.ToolCall, RequestId = id, Session = session, VersionHeader = header };
}
