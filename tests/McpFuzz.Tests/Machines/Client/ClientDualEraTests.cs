using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using static McpFuzz.Tests.Machines.Client.ClientDriver;

namespace McpFuzz.Tests.Machines.Client;

/// <summary>The dual-era client: it probes with <c>server/discover</c> (2026-07-28/basic/transports/streamable-http#backward-compatibility),
/// goes modern on a DiscoverResult, reports a recognised modern error without falling back, and
/// runs the 2025-11-25 handshake on any other answer or none.</summary>
public class ClientDualEraTests
{
    private static (ClientDriver Client, Sent Probe) Probed()
    {
        var client = new ClientDriver(PeerRevision.DualEra);
        return (client, client.Decide(ClientTrigger.PostDiscover));
    }

    [Fact]
    public void The_probe_is_a_modern_server_discover_and_nothing_else_comes_first()
    {
        var client = new ClientDriver(PeerRevision.DualEra);
        Assert.False(client.CanDecide(ClientTrigger.PostInitialize));
        Assert.False(client.CanDecide(ClientTrigger.PostToolCall));
        Assert.False(client.CanDecide(ClientTrigger.GetLegacyStream));

        var probe = client.Decide(ClientTrigger.PostDiscover);
        Assert.Contains(Cite.DualEraProbe, client.Rules);
        Assert.Equal(ClientPhase.Probing, client.Phase);
        Assert.Equal(new AbstractRequest
        {
            Verb = Verb.Post, Target = Target.Mcp, Payload = Payload.Discover, RequestId = 1,
            VersionHeader = VersionValue.V2026_07_28, BodyVersion = VersionValue.V2026_07_28, ModernMetadata = true,
        }, probe.Request);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Happy_path_a_DiscoverResult_makes_it_modern(bool discoverOnSse)
    {
        var (client, probe) = Probed();
        var discovered = Message.Of(MessageKind.DiscoverResult, 1);
        if (discoverOnSse)
        {
            Assert.Equal(StepOutcome.Ignored, client.Head(probe, AbstractResponse.Stream()).Outcome);
            client.Event(probe, SseItem.Of(discovered));
        }
        else
        {
            client.Head(probe, AbstractResponse.Json(discovered));
        }

        Assert.Equal(ClientPhase.Operating, client.Phase);
        Assert.Contains(Cite.DualEraProbe, client.Rules);
        Assert.Equal((ClientTransport.Modern, VersionValue.V2026_07_28), (client.Context.Transport, client.Context.Negotiated));

        var call = client.Decide(ClientTrigger.PostToolCall);
        Assert.Equal((Payload.ToolCall, (byte)2, VersionValue.V2026_07_28, true, (byte)0),
            (call.Request.Payload, call.Request.RequestId, call.Request.VersionHeader, call.Request.ModernMetadata, call.Request.Session));
        client.Head(call, ToolResult(2));
        Assert.Equal(Surface.Result, client.Output.Surface);
        client.Step(ClientTrigger.Finish, ClientInput.None);
        Assert.False(client.Output.Sends);
        Assert.Equal([ClientPhase.Idle, ClientPhase.Probing, ClientPhase.Operating, ClientPhase.Done], client.Phases);
    }

    [Theory]
    [InlineData(Status.BadRequest400, ErrorCode.Legacy)]
    [InlineData(Status.BadRequest400, ErrorCode.None)]
    [InlineData(Status.NotFound404, ErrorCode.None)]
    [InlineData(Status.NotFound404, ErrorCode.MethodNotFound32601)]
    [InlineData(Status.MethodNotAllowed405, ErrorCode.None)]
    public void Any_other_answer_to_the_probe_falls_back_to_the_2025_11_25_handshake(Status status, ErrorCode error)
    {
        var (client, probe) = Probed();
        client.Head(probe, AbstractResponse.Failure(status, error));

        Assert.Equal(ClientPhase.Idle, client.Phase);
        Assert.Contains(Cite.DualEraProbe, client.Rules);
        Assert.True(client.Context.ProbeFailed);
        Assert.False(client.CanDecide(ClientTrigger.PostDiscover), "the probe is not repeated");

        var sent = StreamableHappyPath.Run(client, VersionValue.V2025_11_25, resultOnSse: false);
        Assert.Equal(VersionValue.V2025_11_25, sent.Initialize.Request.BodyVersion);
        Assert.False(sent.Initialize.Request.ModernMetadata);
        Assert.Equal(VersionValue.None, sent.Initialize.Request.VersionHeader);
        Assert.True(sent.Initialize.Request.RequestId > probe.Request.RequestId);
        Assert.Equal(VersionValue.V2025_11_25, sent.ToolCall.Request.VersionHeader);
    }

    [Fact]
    public void A_lost_probe_falls_back_to_initialize()
    {
        var (client, probe) = Probed();
        client.TimedOut(probe);
        Assert.Equal(ClientPhase.Idle, client.Phase);
        Assert.True(client.CanDecide(ClientTrigger.PostInitialize));
    }

    [Fact]
    public void A_probe_stream_that_ends_without_a_DiscoverResult_falls_back_to_initialize()
    {
        var (client, probe) = Probed();
        client.Head(probe, AbstractResponse.Stream());
        client.End(probe, StreamEnd.Clean);
        Assert.Equal(ClientPhase.Idle, client.Phase);
        Assert.True(client.Context.ProbeFailed);
    }

    [Theory]
    [InlineData(ErrorCode.HeaderMismatch32020)]
    [InlineData(ErrorCode.MissingCapability32021)]
    [InlineData(ErrorCode.UnsupportedVersion32022)]
    public void A_recognised_modern_error_to_the_probe_does_not_fall_back(ErrorCode error)
    {
        var (client, probe) = Probed();
        client.Head(probe, AbstractResponse.Failure(Status.BadRequest400, error));

        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.False(client.Context.ProbeFailed);
        Assert.Equal(Surface.Failure, client.Output.Surface);
    }
}
