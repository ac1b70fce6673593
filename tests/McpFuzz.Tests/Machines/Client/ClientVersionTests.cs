using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using static McpFuzz.Tests.Machines.Client.ClientDriver;

namespace McpFuzz.Tests.Machines.Client;

/// <summary>Version negotiation seen from the client: it offers its latest version, accepts an
/// older one it also speaks, and disconnects when the server answers one it does not speak
/// (2024-11-05/basic/lifecycle#version-negotiation).</summary>
public class ClientVersionTests
{
    [Theory]
    [InlineData(PeerRevision.V2025_03_26, VersionValue.V2025_06_18, false)]
    [InlineData(PeerRevision.V2025_03_26, VersionValue.V2025_11_25, false)]
    [InlineData(PeerRevision.V2025_06_18, VersionValue.V2025_11_25, false)]
    [InlineData(PeerRevision.V2025_06_18, VersionValue.V2025_11_25, true)]
    [InlineData(PeerRevision.V2025_11_25, VersionValue.V2026_07_28, false)]
    [InlineData(PeerRevision.V2025_11_25, VersionValue.V2026_07_28, true)]
    public void An_InitializeResult_with_an_unsupported_version_makes_the_client_disconnect(PeerRevision peer, VersionValue answered, bool onSse)
    {
        var client = new ClientDriver(peer);
        var initialize = client.Decide(ClientTrigger.PostInitialize);
        if (onSse)
        {
            client.Head(initialize, AbstractResponse.Stream());
            client.Event(initialize, SseItem.Of(Message.Of(MessageKind.InitializeResult, initialize.Request.RequestId, answered)));
        }
        else
        {
            client.Head(initialize, InitializeResult(initialize.Request.RequestId, answered, 1));
        }

        Assert.Equal(ClientPhase.Failed, client.Phase);
        Assert.Contains(Cite.UnsupportedVersionDisconnect, client.Rules);
        Assert.Equal((Surface.Failure, FailureReason.UnsupportedVersion), (client.Output.Surface, client.Output.Reason));
        Assert.False(client.Output.Sends, "it does not go on to send notifications/initialized");
    }

    [Theory]
    [InlineData(PeerRevision.V2025_06_18, VersionValue.V2025_03_26)]
    [InlineData(PeerRevision.V2025_11_25, VersionValue.V2025_06_18)]
    [InlineData(PeerRevision.V2025_11_25, VersionValue.V2024_11_05)]
    public void A_counteroffer_of_an_older_version_the_client_speaks_is_adopted(PeerRevision peer, VersionValue answered)
    {
        var client = new ClientDriver(peer);
        var initialize = client.Decide(ClientTrigger.PostInitialize);
        client.Head(initialize, InitializeResult(initialize.Request.RequestId, answered, 1));

        Assert.Equal(ClientPhase.Initialized, client.Phase);
        Assert.Contains(Cite.VersionEcho, client.Rules);
        Assert.Equal(answered, client.Context.Negotiated);
    }

    [Theory]
    [InlineData(PeerRevision.V2025_03_26, VersionValue.V2025_03_26)]
    [InlineData(PeerRevision.V2025_06_18, VersionValue.V2025_06_18)]
    [InlineData(PeerRevision.V2025_11_25, VersionValue.V2025_11_25)]
    [InlineData(PeerRevision.V2024_11_05, VersionValue.V2024_11_05)]
    public void Initialize_offers_the_clients_latest_version(PeerRevision peer, VersionValue latest)
    {
        var client = new ClientDriver(peer);
        if (peer == PeerRevision.V2024_11_05)
        {
            var stream = client.Decide(ClientTrigger.GetLegacyStream);
            client.Event(stream, SseItem.Endpoint());
            Assert.Equal(latest, client.Output.Request.BodyVersion);
            return;
        }

        Assert.Equal(latest, client.Decide(ClientTrigger.PostInitialize).Request.BodyVersion);
    }
}
