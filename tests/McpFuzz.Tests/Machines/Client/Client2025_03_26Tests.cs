using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using static McpFuzz.Tests.Machines.Client.ClientDriver;

namespace McpFuzz.Tests.Machines.Client;

/// <summary>The 2025-03-26 client: Streamable HTTP with sessions, no MCP-Protocol-Version header
/// on MCP requests, and JSON-RPC batches allowed (2025-03-26/basic/index#batching).</summary>
public class Client2025_03_26Tests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Happy_path_sends_the_session_id_after_initialize_and_no_version_header(bool resultOnSse)
    {
        var sent = StreamableHappyPath.Run(PeerRevision.V2025_03_26, VersionValue.V2025_03_26, resultOnSse);

        Assert.Equal(VersionValue.V2025_03_26, sent.Initialize.Request.BodyVersion);
        Assert.All([sent.Initialize, sent.Initialized, sent.ToolCall, sent.Delete], s => Assert.Equal(VersionValue.None, s.Request.VersionHeader));
    }

    [Fact]
    public void It_accepts_a_counteroffer_of_an_older_version_it_also_speaks()
    {
        var client = new ClientDriver(PeerRevision.V2025_03_26);
        var initialize = client.Decide(ClientTrigger.PostInitialize);
        client.Head(initialize, InitializeResult(initialize.Request.RequestId, VersionValue.V2024_11_05, 1));

        Assert.Equal(ClientPhase.Initialized, client.Phase);
        Assert.Equal(VersionValue.V2024_11_05, client.Context.Negotiated);
    }

    [Fact]
    public void A_batched_result_on_the_stream_is_a_message_in_a_2025_03_26_session()
    {
        var client = new ClientDriver(PeerRevision.V2025_03_26);
        client.Handshake(VersionValue.V2025_03_26);
        var call = client.Decide(ClientTrigger.PostToolCall);
        client.Head(call, AbstractResponse.Stream());

        var batched = ToolResultEvent(call.Request.RequestId);
        batched.Batched = true;
        client.Event(call, batched);
        Assert.Equal(Surface.Result, client.Output.Surface);
    }

    [Fact]
    public void A_JSON_reply_answering_another_id_is_a_failure()
    {
        var client = new ClientDriver(PeerRevision.V2025_03_26);
        client.Handshake(VersionValue.V2025_03_26);
        var call = client.Decide(ClientTrigger.PostToolCall);
        client.Head(call, ToolResult((byte)(call.Request.RequestId + 1)));

        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Equal(Surface.Failure, client.Output.Surface);
    }

    [Fact]
    public void Finishing_is_only_possible_once_the_tool_call_is_answered()
    {
        var client = new ClientDriver(PeerRevision.V2025_03_26);
        client.Handshake(VersionValue.V2025_03_26);
        Assert.False(client.CanDecide(ClientTrigger.Finish));
        client.Decide(ClientTrigger.PostToolCall);
        Assert.False(client.CanDecide(ClientTrigger.Finish));
        Assert.False(client.CanDecide(ClientTrigger.PostToolCall), "one tool call at a time");
        Assert.Equal(StepOutcome.Rejected, client.Step(ClientTrigger.Finish, ClientInput.None).Outcome);
    }
}
