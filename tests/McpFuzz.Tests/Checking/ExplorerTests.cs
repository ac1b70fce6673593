using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Tests.Checking;

/// <summary>The explorer keeps only the frontier and batches its visited-set lookups; whatever it
/// finds must be what a plain breadth-first search finds, down to the counts and the path.</summary>
public class ExplorerTests
{
    public static TheoryData<PeerRevision, ClientProfile, PeerRevision, ServerProfile, int, int, int> Cases => new()
    {
        // Complete explorations.
        { PeerRevision.V2025_06_18, ClientProfile.None, PeerRevision.V2025_06_18, ServerProfile.None, 0, 40, 2_000_000 },
        { PeerRevision.DualEra, ClientProfile.None, PeerRevision.DualEra, ServerProfile.None, 1, 40, 2_000_000 },
        // Cut by the state limit in the middle of a level, and by the depth bound.
        { PeerRevision.V2025_11_25, ClientProfile.None, PeerRevision.V2025_11_25, ServerProfile.None, 1, 40, 30_000 },
        { PeerRevision.V2025_03_26, ClientProfile.None, PeerRevision.DualEra, ServerProfile.None, 2, 12, 2_000_000 },
        // Violations: at quiescence, and by a step (with the new states found before it kept).
        { PeerRevision.V2024_11_05, ClientProfile.None, PeerRevision.V2025_06_18, ServerProfile.None, 1, 40, 2_000_000 },
        { PeerRevision.V2025_06_18, ClientProfile.FirstEventIsResponse, PeerRevision.V2025_06_18, ServerProfile.LegacyEndpointInPost, 1, 40, 2_000_000 },
        { PeerRevision.V2025_06_18, ClientProfile.None, PeerRevision.V2025_06_18, ServerProfile.LegacyEndpointInPost, 1, 40, 2_000_000 },
        { PeerRevision.V2025_06_18, ClientProfile.NoFallback, PeerRevision.V2024_11_05, ServerProfile.None, 1, 40, 2_000_000 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Finds_what_a_search_keeping_every_state_finds(
        PeerRevision client, ClientProfile clientProfile, PeerRevision server, ServerProfile serverProfile, int faults, int maxDepth, int maxStates)
    {
        var pairing = new Pairing(client, clientProfile, server, serverProfile, faults);
        var bounds = new ExplorationBounds(maxDepth, maxStates);
        var expected = ReferenceExplorer.Run(new McpWorld(pairing), bounds);
        var actual = Explorer.Run(new McpWorld(pairing), bounds);

        Assert.Equal(expected.States, actual.States);
        Assert.Equal(expected.Transitions, actual.Transitions);
        Assert.Equal(expected.Depth, actual.Depth);
        Assert.Equal(expected.Complete, actual.Complete);
        AssertSameViolation(expected.Violation, actual.Violation);
        Assert.Equal(expected.Path, actual.Path);
        Assert.Equal(expected.Unreached, actual.Unreached);
    }

    [Fact]
    public void A_counterexample_replays_to_the_violation_it_reports()
    {
        var model = new McpWorld(new Pairing(PeerRevision.V2025_06_18, ClientProfile.None, PeerRevision.V2025_06_18, ServerProfile.LegacyEndpointInPost, 1));
        var result = Explorer.Run(model, new ExplorationBounds());
        Assert.NotNull(result.Violation);

        var states = Explorer.Replay(model, result.Path.Take(result.Path.Count - 1).ToList());
        Assert.True(model.Next(states[^1], result.Path[^1], out _, out var violation));
        AssertSameViolation(result.Violation, violation);
    }

    [Fact]
    public void Exploring_twice_with_one_model_gives_the_same_result()
    {
        // The second run reuses pooled frontier memory and the model's remembered steps.
        var model = new McpWorld(new Pairing(PeerRevision.V2025_11_25, ClientProfile.None, PeerRevision.V2025_11_25, ServerProfile.None, 1));
        var bounds = new ExplorationBounds(MaxStates: 100_000);
        var first = Explorer.Run(model, bounds);
        var second = Explorer.Run(model, bounds);
        Assert.Equal(first.States, second.States);
        Assert.Equal(first.Transitions, second.Transitions);
        Assert.Equal(first.Depth, second.Depth);
    }

    private static void AssertSameViolation(Violation? expected, Violation? actual)
    {
        Assert.Equal(expected?.Property, actual?.Property);
        Assert.Equal(expected?.Detail, actual?.Detail);
        Assert.Equal(expected?.Rules ?? [], actual?.Rules ?? []);
    }
}
