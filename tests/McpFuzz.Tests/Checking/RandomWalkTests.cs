using FsCheck;
using FsCheck.Fluent;
using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Tests.Checking;

/// <summary>Random walks against the exhaustive explorer, on the same model and within the same
/// depth bound: a walk is one path of the graph the explorer searched breadth-first, so it can
/// never find a violation the explorer missed, nor a shorter counterexample than the explorer's.
/// Each walk is also replayed, and a violation it reports is found again by replaying its path.</summary>
public class RandomWalkTests
{
    /// <summary>One pairing and the depth bound of both its exhaustive run and its walks.</summary>
    public sealed record Case(Pairing Pairing, int Depth)
    {
        public override string ToString() => $"{Pairing} depth {Depth}";
    }

    private const int MaxStates = 1_000_000;

    private static Case C(PeerRevision client, PeerRevision server, int faults, int depth,
        ClientProfile clientProfile = ClientProfile.None, ServerProfile serverProfile = ServerProfile.None) =>
        new(new Pairing(client, clientProfile, server, serverProfile, faults), depth);

    /// <summary>Small enough that every exhaustive run takes well under a second: conforming
    /// pairs that work (explored completely, or up to the depth bound when faults make the graph
    /// large), pairs the spec says fail, and profiles that break a rule at various depths.</summary>
    private static readonly Case[] Cases =
    [
        C(PeerRevision.V2025_03_26, PeerRevision.V2025_03_26, 0, 24),
        C(PeerRevision.V2025_11_25, PeerRevision.V2025_11_25, 0, 30),
        C(PeerRevision.V2024_11_05, PeerRevision.V2024_11_05, 2, 40),
        C(PeerRevision.V2026_07_28, PeerRevision.V2026_07_28, 2, 40),
        C(PeerRevision.DualEra, PeerRevision.V2026_07_28, 1, 40),
        C(PeerRevision.V2025_06_18, PeerRevision.V2024_11_05, 1, 40),
        C(PeerRevision.V2025_06_18, PeerRevision.V2025_03_26, 1, 14),
        C(PeerRevision.V2025_11_25, PeerRevision.V2025_11_25, 1, 14),
        C(PeerRevision.V2025_11_25, PeerRevision.V2026_07_28, 0, 20),
        C(PeerRevision.V2024_11_05, PeerRevision.V2025_06_18, 0, 20),
        C(PeerRevision.V2025_11_25, PeerRevision.V2025_11_25, 2, 20),
        C(PeerRevision.V2025_06_18, PeerRevision.V2025_06_18, 0, 20, ClientProfile.FirstEventIsResponse, ServerProfile.LegacyEndpointInPost),
        C(PeerRevision.V2025_11_25, PeerRevision.V2025_11_25, 2, 20, serverProfile: ServerProfile.ReplayAcrossStreams),
        C(PeerRevision.V2025_06_18, PeerRevision.V2025_06_18, 1, 20, ClientProfile.NoReinitOn404),
        C(PeerRevision.V2025_06_18, PeerRevision.V2025_06_18, 0, 20, ClientProfile.OmitsProtocolVersionHeader),
        C(PeerRevision.V2025_11_25, PeerRevision.V2025_11_25, 0, 20, ClientProfile.EmptyDataIsJson),
        C(PeerRevision.V2025_03_26, PeerRevision.V2025_11_25, 1, 20, serverProfile: ServerProfile.CloseBeforeResponse),
        C(PeerRevision.V2025_06_18, PeerRevision.V2025_06_18, 1, 16, serverProfile: ServerProfile.Status400ForUnknownSession),

        // Violations a walk meets at many different depths, so "no shorter than" has work to do.
        C(PeerRevision.V2025_06_18, PeerRevision.V2025_06_18, 0, 20, serverProfile: ServerProfile.GetAnswers400),
        C(PeerRevision.V2025_06_18, PeerRevision.V2025_06_18, 0, 20, serverProfile: ServerProfile.No202ForNotifications),
        C(PeerRevision.V2025_06_18, PeerRevision.V2025_06_18, 1, 16, ClientProfile.EmptyDataIsJson, ServerProfile.PrimingToOldClients),
        C(PeerRevision.V2025_03_26, PeerRevision.V2025_06_18, 0, 20, serverProfile: ServerProfile.AssumesNegotiatedWhenHeaderMissing),
        C(PeerRevision.V2025_11_25, PeerRevision.V2025_11_25, 1, 16, ClientProfile.ResumeWithoutLastEventId),
    ];

    private static readonly Lazy<Exploration<WorldAction>>[] Exhaustive =
        Cases.Select(c => new Lazy<Exploration<WorldAction>>(() => Explorer.Run(new McpWorld(c.Pairing), new ExplorationBounds(c.Depth, MaxStates)))).ToArray();

    private static Exploration<WorldAction> ExhaustiveRun(int index)
    {
        var run = Exhaustive[index].Value;
        // Only the depth bound may cut the search short: the comparison is meaningless if the
        // state cap dropped part of the graph.
        Assert.True(run.States < MaxStates, $"{Cases[index]} hit the state cap");
        return run;
    }

    [Fact]
    public void The_cases_cover_complete_runs_bounded_runs_and_violations()
    {
        var runs = Enumerable.Range(0, Cases.Length).Select(ExhaustiveRun).ToList();
        Assert.Contains(runs, r => r.Violation is null && r.Complete);
        Assert.Contains(runs, r => r.Violation is null && !r.Complete);
        Assert.Contains(runs, r => r.Violation is { Property.Kind: PropertyKind.Always });
        Assert.Contains(runs, r => r.Violation is { Property.Kind: PropertyKind.Eventually });
    }

    [Fact]
    public void Each_exhaustive_counterexample_replays_and_shows_its_violation()
    {
        for (int i = 0; i < Cases.Length; i++)
        {
            var run = ExhaustiveRun(i);
            if (run.Violation is null) continue;
            var model = new McpWorld(Cases[i].Pairing);
            Assert.True(run.Path.Count <= Cases[i].Depth, $"{Cases[i]}: a counterexample longer than the bound");
            AssertRefound(model, run.Path, run.Violation, Cases[i]);

            // Shortest: a search bounded one step shorter sees every path of fewer steps and
            // every state they end in, and finds nothing.
            var shorter = Explorer.Run(model, new ExplorationBounds(run.Path.Count - 1, MaxStates));
            Assert.True(shorter.Violation is null,
                $"{Cases[i]}: {shorter.Violation?.Property.Id} in {shorter.Path.Count} steps, but the counterexample has {run.Path.Count}");
        }
    }

    [Fact]
    public void Random_walks_find_nothing_the_exhaustive_run_missed_and_no_shorter_counterexample()
    {
        var cases = from index in Gen.Choose(0, Cases.Length - 1)
                    from depth in Gen.Choose(1, Cases[index].Depth)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (index, depth, seed);
        int walksWithViolation = 0;
        int walksReplayed = 0;

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000).WithQuietOnSuccess(true), Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var c = Cases[x.index];
            var exhaustive = ExhaustiveRun(x.index);
            var model = new McpWorld(c.Pairing);
            var recorder = new RecordingModel<World, WorldAction>(model);
            var random = new Random(x.seed);
            var walk = Explorer.Walk(recorder, x.depth, count => random.Next(count));

            // The whole walk replays from the initial state through the same states.
            var replayed = Explorer.Replay(model, recorder.Taken);
            Assert.Equal(recorder.Taken.Count + 1, replayed.Count);
            Assert.True(recorder.Taken.Count <= x.depth);
            for (int i = 0; i < recorder.States.Count; i++)
                Assert.Equal(model.Fingerprint(recorder.States[i]), model.Fingerprint(replayed[i + 1]));
            walksReplayed++;

            if (walk.Violation is null) return;
            walksWithViolation++;
            Assert.Equal(recorder.Taken, walk.Path);
            AssertRefound(model, walk.Path, walk.Violation, c);

            Assert.True(exhaustive.Violation is not null,
                $"{c}: a walk found {walk.Violation.Property.Id} ({walk.Violation.Detail}) that the exhaustive run missed; walk:\n{Render(model, walk.Path)}");
            Assert.True(exhaustive.Path.Count <= walk.Path.Count,
                $"{c}: the exhaustive counterexample ({exhaustive.Violation.Property.Id}, {exhaustive.Path.Count} steps) is longer than a walk's " +
                $"({walk.Violation.Property.Id}, {walk.Path.Count} steps); walk:\n{Render(model, walk.Path)}");
        }));

        Assert.Equal(3000, walksReplayed);
        Assert.True(walksWithViolation > 0, "no walk found a violation: the comparison never ran");
    }

    /// <summary>Replays <paramref name="path"/> and checks that <paramref name="expected"/> comes
    /// back: from the last step, or, for a path without a violating step, from the quiescent state
    /// it ends in. No earlier step may violate anything, or the search would have stopped there.</summary>
    private static void AssertRefound(McpWorld model, IReadOnlyList<WorldAction> path, Violation expected, Case c)
    {
        var state = model.Initial;
        Violation? found = null;
        for (int i = 0; i < path.Count; i++)
        {
            Assert.True(model.Next(state, path[i], out var next, out var violation), $"{c}: step {i + 1} does not apply");
            if (violation is not null)
            {
                Assert.True(i == path.Count - 1, $"{c}: step {i + 1} of {path.Count} already violates {violation.Property.Id}");
                found = violation;
            }

            state = next;
        }

        if (found is null)
        {
            var actions = new List<WorldAction>();
            model.Actions(state, actions);
            Assert.Empty(actions);
            found = model.AtQuiescence(state);
        }

        Assert.NotNull(found);
        Assert.Equal((expected.Property, expected.Detail), (found.Property, found.Detail));
        Assert.Equal(expected.Rules, found.Rules);
    }

    private static string Render(McpWorld model, IReadOnlyList<WorldAction> path)
    {
        var states = Explorer.Replay(model, path);
        return string.Join("\n", path.Select((a, i) => $"  {i + 1}. {model.Describe(states[i], a, states[i + 1])}"));
    }
}
