using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Peers;
using Xunit;

namespace McpFuzz.Tests.Checking;

/// <summary>Protected servers in the network: a client authorizes on 401 with its revision's
/// discovery, against the documents the server's revision publishes.</summary>
public class AuthorizationPairingTests
{
    private static Exploration<WorldAction> Check(PeerRevision client, PeerRevision server, int faults = 0) =>
        Explorer.Run(new McpWorld(new Pairing(client, ClientProfile.None, server, ServerProfile.RequiresAuthorization, faults)), new ExplorationBounds());

    [Theory]
    [InlineData(PeerRevision.V2025_03_26)]
    [InlineData(PeerRevision.V2025_06_18)]
    [InlineData(PeerRevision.V2025_11_25)]
    [InlineData(PeerRevision.V2026_07_28)]
    [InlineData(PeerRevision.DualEra)]
    public void Same_revision_pairs_authorize_and_work(PeerRevision revision)
    {
        var result = Check(revision, revision, faults: 1);
        Assert.Null(result.Violation);
        Assert.True(result.Complete);
    }

    [Theory]
    [InlineData(PeerRevision.V2025_03_26, PeerRevision.V2025_06_18)] // hazard 23: the old client looks for metadata on the MCP host
    [InlineData(PeerRevision.V2025_06_18, PeerRevision.V2025_03_26)] // hazard 24: no resource_metadata, no fallback
    [InlineData(PeerRevision.V2025_11_25, PeerRevision.V2025_03_26)] // hazard 24: the well-knowns are probed and are not there
    public void Authorization_hazards_fail_visibly(PeerRevision client, PeerRevision server)
    {
        var world = new McpWorld(new Pairing(client, ClientProfile.None, server, ServerProfile.RequiresAuthorization, 0));
        var result = Explorer.Run(world, new ExplorationBounds());

        Assert.Equal(McpProperties.InitializationCompletes, result.Violation?.Property);
        Assert.Contains(ClientOutput.Describe(FailureReason.AuthorizationFailed), result.Violation!.Detail);
        Assert.False(world.Discovery.ReachedAuthorizationServer);
        Assert.Contains(result.Path, a => a.Kind == ActionKind.Authorize);
    }

    [Fact]
    public void The_counterexample_shows_the_revisions_probe_order()
    {
        var world = new McpWorld(new Pairing(PeerRevision.V2025_06_18, ClientProfile.None, PeerRevision.V2025_03_26, ServerProfile.RequiresAuthorization, 0));
        var result = Explorer.Run(world, new ExplorationBounds());
        var states = Explorer.Replay(world, result.Path);
        int at = result.Path.ToList().FindIndex(a => a.Kind == ActionKind.Authorize);
        string step = world.Describe(states[at], result.Path[at], states[at + 1]);

        Assert.Equal(AbortReason.NoResourceMetadata, world.Discovery.Reason);
        Assert.Contains(AbortReason.NoResourceMetadata.Describe(), step);
    }

    [Fact]
    public void Requests_after_authorization_carry_the_token()
    {
        var world = new McpWorld(new Pairing(PeerRevision.V2025_11_25, ClientProfile.None, PeerRevision.V2025_11_25, ServerProfile.RequiresAuthorization, 0));
        var walk = Explorer.Walk(world, 64, n => 0);
        Assert.Null(walk.Violation);

        // Follow the first choice at every step and look at what reached the server.
        var state = world.Initial;
        var actions = new List<WorldAction>();
        bool authorized = false;
        for (int step = 0; step < 64; step++)
        {
            actions.Clear();
            world.Actions(state, actions);
            if (actions.Count == 0) break;
            var action = actions[0];
            if (action.Kind == ActionKind.Serve) Assert.Equal(authorized, state.Net[action.Slot].Request.Token);
            Assert.True(world.Next(state, action, out state, out var violation));
            Assert.Null(violation);
            authorized |= action.Kind == ActionKind.Authorize;
        }

        Assert.True(authorized);
        Assert.Equal(1, state.ResultsShown);
    }
}
