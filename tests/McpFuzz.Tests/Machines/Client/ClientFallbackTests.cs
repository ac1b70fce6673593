using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;

namespace McpFuzz.Tests.Machines.Client;

/// <summary>When a refused initialize POST sends a Streamable HTTP client to the HTTP+SSE probe:
/// any 4xx in 2025-03-26 and 2025-06-18 (2025-03-26/basic/transports#backwards-compatibility),
/// only 400, 404 and 405 in 2025-11-25, and for a dual-era client also only when the body is not
/// a recognised modern error (2026-07-28/basic/transports/streamable-http#backward-compatibility).</summary>
public class ClientFallbackTests
{
    /// <summary>A client whose initialize POST is outstanding (a dual-era one after its probe failed).</summary>
    private static (ClientDriver Client, Sent Initialize) Initializing(PeerRevision peer, ClientProfile profile = ClientProfile.None)
    {
        var client = new ClientDriver(peer, profile);
        if (peer == PeerRevision.DualEra)
        {
            var probe = client.Decide(ClientTrigger.PostDiscover);
            client.Head(probe, AbstractResponse.Of(Status.BadRequest400));
        }

        return (client, client.Decide(ClientTrigger.PostInitialize));
    }

    public static TheoryData<PeerRevision, Status, ErrorCode, string?> Cases()
    {
        var cases = new TheoryData<PeerRevision, Status, ErrorCode, string?>();
        foreach (var peer in new[] { PeerRevision.V2025_03_26, PeerRevision.V2025_06_18 })
        {
            foreach (var status in new[] { Status.BadRequest400, Status.Forbidden403, Status.NotFound404, Status.MethodNotAllowed405 })
                cases.Add(peer, status, ErrorCode.None, Cite.FallbackAny4xx);
        }

        cases.Add(PeerRevision.V2025_11_25, Status.BadRequest400, ErrorCode.Legacy, Cite.Fallback400404405);
        cases.Add(PeerRevision.V2025_11_25, Status.NotFound404, ErrorCode.None, Cite.Fallback400404405);
        cases.Add(PeerRevision.V2025_11_25, Status.MethodNotAllowed405, ErrorCode.None, Cite.Fallback400404405);
        cases.Add(PeerRevision.V2025_11_25, Status.Forbidden403, ErrorCode.None, null);

        cases.Add(PeerRevision.DualEra, Status.BadRequest400, ErrorCode.Legacy, Cite.FallbackNotModernError);
        cases.Add(PeerRevision.DualEra, Status.NotFound404, ErrorCode.None, Cite.FallbackNotModernError);
        cases.Add(PeerRevision.DualEra, Status.MethodNotAllowed405, ErrorCode.None, Cite.FallbackNotModernError);
        cases.Add(PeerRevision.DualEra, Status.BadRequest400, ErrorCode.UnsupportedVersion32022, null);
        cases.Add(PeerRevision.DualEra, Status.BadRequest400, ErrorCode.HeaderMismatch32020, null);
        cases.Add(PeerRevision.DualEra, Status.BadRequest400, ErrorCode.MissingCapability32021, null);
        cases.Add(PeerRevision.DualEra, Status.Forbidden403, ErrorCode.None, null);
        return cases;
    }

    [Theory]
    [InlineData(PeerRevision.V2025_03_26)]
    [InlineData(PeerRevision.V2025_06_18)]
    [InlineData(PeerRevision.V2025_11_25)]
    [InlineData(PeerRevision.DualEra)]
    public void A_401_to_the_initialize_POST_starts_authorization_not_fallback(PeerRevision peer)
    {
        var (client, initialize) = Initializing(peer);
        client.Head(initialize, AbstractResponse.Of(Status.Unauthorized401));

        Assert.Equal(ClientPhase.Authorizing, client.Phase);
        Assert.Contains(Cite.Auth401Required, client.Rules);
        Assert.Equal(Purpose.None, client.Output.Purpose);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_refused_initialize_POST_falls_back_to_HTTP_SSE_exactly_where_the_revision_says(
        PeerRevision peer, Status status, ErrorCode error, string? fallbackRule)
    {
        var (client, initialize) = Initializing(peer);
        client.Head(initialize, AbstractResponse.Failure(status, error));
        Assert.Equal(StepOutcome.Fired, client.Last.Outcome);

        if (fallbackRule is null)
        {
            Assert.Equal(ClientPhase.Failed, client.Phase);
            Assert.Equal((Surface.Failure, FailureReason.InitializeRejected), (client.Output.Surface, client.Output.Reason));
            return;
        }

        Assert.Equal(ClientPhase.LegacyConnecting, client.Phase);
        Assert.Contains(fallbackRule, client.Rules);
        Assert.Equal(Purpose.LegacyStream, client.Output.Purpose);
        Assert.Equal(new AbstractRequest { Verb = Verb.Get, Target = Target.Mcp }, client.Output.Request);
        Assert.Equal(ClientTransport.HttpSse, client.Context.Transport);
    }

    [Theory]
    [InlineData(PeerRevision.V2025_03_26)]
    [InlineData(PeerRevision.V2025_06_18)]
    [InlineData(PeerRevision.V2025_11_25)]
    [InlineData(PeerRevision.DualEra)]
    public void After_falling_back_the_endpoint_event_leads_to_an_HTTP_SSE_session(PeerRevision peer)
    {
        var (client, initialize) = Initializing(peer);
        client.Head(initialize, AbstractResponse.Of(Status.MethodNotAllowed405));
        var stream = new Sent(client.Output.Purpose, client.Output.Request);
        client.Head(stream, AbstractResponse.Stream());
        client.Event(stream, SseItem.Endpoint());

        Assert.Equal(ClientPhase.LegacyInitializing, client.Phase);
        Assert.Contains(Cite.PostToEndpoint, client.Rules);
        var again = client.Output.Request;
        Assert.Equal((Verb.Post, Target.LegacyPost, Payload.Initialize, (byte)0, VersionValue.None),
            (again.Verb, again.Target, again.Payload, again.Session, again.VersionHeader));
        Assert.True(again.RequestId > initialize.Request.RequestId);

        // A 2024-11-05 server counteroffers its own version; the client speaks it too.
        client.Event(stream, SseItem.Of(Message.Of(MessageKind.InitializeResult, again.RequestId, VersionValue.V2024_11_05)));
        Assert.Equal(ClientPhase.Initialized, client.Phase);
        Assert.Equal(VersionValue.V2024_11_05, client.Context.Negotiated);
        var initialized = client.Decide(ClientTrigger.PostInitialized);
        Assert.Equal((Target.LegacyPost, VersionValue.None, (byte)0), (initialized.Request.Target, initialized.Request.VersionHeader, initialized.Request.Session));
    }

    [Theory]
    [InlineData(PeerRevision.V2025_06_18)]
    [InlineData(PeerRevision.V2025_11_25)]
    public void A_405_to_the_fallback_GET_is_a_failure(PeerRevision peer)
    {
        var (client, initialize) = Initializing(peer);
        client.Head(initialize, AbstractResponse.Failure(Status.BadRequest400, ErrorCode.Legacy));
        var stream = new Sent(client.Output.Purpose, client.Output.Request);
        client.Head(stream, AbstractResponse.Of(Status.MethodNotAllowed405));

        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Contains(Cite.FallbackEndpointEvent, client.Rules);
        Assert.Equal(FailureReason.LegacyGetFailed, client.Output.Reason);
    }

    [Fact]
    public void A_fallback_stream_whose_first_event_is_not_endpoint_is_a_failure()
    {
        var (client, initialize) = Initializing(PeerRevision.V2025_06_18);
        client.Head(initialize, AbstractResponse.Of(Status.NotFound404));
        var stream = new Sent(client.Output.Purpose, client.Output.Request);
        client.Head(stream, AbstractResponse.Stream());
        client.Event(stream, SseItem.Of(Message.Of(MessageKind.Notification)));

        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Contains(Cite.FallbackEndpointEvent, client.Rules);
        Assert.Equal(FailureReason.NoEndpointEvent, client.Output.Reason);
    }

    [Theory]
    [InlineData(ClientProfile.NoFallback, PeerRevision.V2025_06_18, Status.NotFound404, false)]
    [InlineData(ClientProfile.FallbackOnAny4xx, PeerRevision.V2025_11_25, Status.Unauthorized401, true)]
    [InlineData(ClientProfile.FallbackOnAny4xx, PeerRevision.V2025_11_25, Status.Forbidden403, true)]
    public void Fallback_profiles_change_only_the_decision(ClientProfile profile, PeerRevision peer, Status status, bool fallsBack)
    {
        var (client, initialize) = Initializing(peer, profile);
        client.Head(initialize, AbstractResponse.Of(status));
        Assert.Equal(fallsBack ? ClientPhase.LegacyConnecting : ClientPhase.Failed, client.Phase);
    }
}
