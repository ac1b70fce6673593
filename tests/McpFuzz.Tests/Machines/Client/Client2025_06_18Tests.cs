using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using static McpFuzz.Tests.Machines.Client.ClientDriver;

namespace McpFuzz.Tests.Machines.Client;

/// <summary>The 2025-06-18 client: MCP-Protocol-Version with the negotiated version on every
/// request after initialization, not on initialize itself (2025-06-18/basic/transports#protocol-version-header),
/// and no batches (2025-06-18/changelog).</summary>
public class Client2025_06_18Tests
{
    /// <summary>2025-11-25 keeps the header rule of 2025-06-18.</summary>
    [Theory]
    [InlineData(PeerRevision.V2025_06_18, VersionValue.V2025_06_18, false)]
    [InlineData(PeerRevision.V2025_06_18, VersionValue.V2025_06_18, true)]
    [InlineData(PeerRevision.V2025_11_25, VersionValue.V2025_11_25, false)]
    [InlineData(PeerRevision.V2025_11_25, VersionValue.V2025_11_25, true)]
    public void Happy_path_sends_the_negotiated_version_header_after_initialization(PeerRevision peer, VersionValue version, bool resultOnSse)
    {
        var sent = StreamableHappyPath.Run(peer, version, resultOnSse);

        Assert.Equal(version, sent.Initialize.Request.BodyVersion);
        Assert.Equal(VersionValue.None, sent.Initialize.Request.VersionHeader);
        Assert.All([sent.Initialized, sent.ToolCall, sent.Delete], s => Assert.Equal(version, s.Request.VersionHeader));
    }

    [Fact]
    public void The_header_rule_is_cited_where_the_header_is_first_sent()
    {
        var client = new ClientDriver(PeerRevision.V2025_06_18);
        var initialize = client.Decide(ClientTrigger.PostInitialize);
        client.Head(initialize, InitializeResult(initialize.Request.RequestId, VersionValue.V2025_06_18, 1));
        client.Decide(ClientTrigger.PostInitialized);
        Assert.Contains(Cite.HeaderRequired, client.Rules);
    }

    [Fact]
    public void The_header_on_initialize_profile_sends_its_latest_version_there()
    {
        var client = new ClientDriver(PeerRevision.V2025_06_18, ClientProfile.HeaderOnInitialize);
        var initialize = client.Decide(ClientTrigger.PostInitialize);
        Assert.Equal(VersionValue.V2025_06_18, initialize.Request.VersionHeader);
    }

    [Fact]
    public void A_batched_event_is_not_a_message_in_a_2025_06_18_session()
    {
        var client = new ClientDriver(PeerRevision.V2025_06_18);
        client.Handshake(VersionValue.V2025_06_18);
        var call = client.Decide(ClientTrigger.PostToolCall);
        client.Head(call, AbstractResponse.Stream());

        var batched = ToolResultEvent(call.Request.RequestId);
        batched.Batched = true;
        Assert.Equal(StepOutcome.Ignored, client.Event(call, batched).Outcome);
        Assert.Contains(Cite.MessageEvents, client.Rules);
        Assert.Equal(ToolState.Pending, client.Context.Tool);
    }
}
