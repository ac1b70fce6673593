using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Peers;
using Xunit;

namespace McpFuzz.Tests.Checking;

/// <summary>Resumption under a fault budget of two: a conforming 2025-11-25 pair neither loses nor
/// duplicates anything however the two faults fall; a server that replays other streams' events
/// on a resume is caught.</summary>
public class ResumptionTests
{
    private static Exploration<WorldAction> Check(ServerProfile server, int faults) =>
        Explorer.Run(new McpWorld(new Pairing(PeerRevision.V2025_11_25, ClientProfile.None, PeerRevision.V2025_11_25, server, faults)),
            new ExplorationBounds());

    [Fact]
    public void Conforming_2025_11_25_pair_survives_two_faults()
    {
        var result = Check(ServerProfile.None, faults: 2);

        Assert.Null(result.Violation);
        Assert.True(result.Complete);
        Assert.Empty(result.Unreached);
    }

    [Fact]
    public void Two_faults_include_two_broken_streams_that_are_both_resumed()
    {
        // The explorer really reaches a run with two aborts after which the tool call is still
        // answered: recovery is not vacuous.
        var world = new McpWorld(new Pairing(PeerRevision.V2025_11_25, ClientProfile.None, PeerRevision.V2025_11_25, ServerProfile.None, 2));
        var twice = new Reaching(world, w => w.Aborts == 2 && w.ResultsShown == 1);
        var result = Explorer.Run(twice, new ExplorationBounds());
        Assert.NotNull(result.Violation);
        var states = Explorer.Replay(world, result.Path);
        Assert.Equal(2, result.Path.Count(a => a.Kind == ActionKind.Abort));
        Assert.Equal(1, states[^1].ResultsShown);
    }

    [Fact]
    public void Replay_across_streams_delivers_another_streams_event_on_a_resume()
    {
        var world = new McpWorld(new Pairing(PeerRevision.V2025_11_25, ClientProfile.None, PeerRevision.V2025_11_25, ServerProfile.ReplayAcrossStreams, 2));
        var result = Explorer.Run(world, new ExplorationBounds());

        Assert.NotNull(result.Violation);
        Assert.Equal(McpProperties.ServerConforms, result.Violation!.Property);
        Assert.Contains("resume.same-stream-only", result.Violation.Rules);
        var states = Explorer.Replay(world, result.Path);
        var last = world.Describe(states[^2], result.Path[^1], states[^1]);
        Assert.Contains("Last-Event-ID", last);
        Assert.Contains("notification", last);
    }

    [Fact]
    public void A_result_duplicated_on_a_resumed_stream_is_shown_once()
    {
        var world = new McpWorld(new Pairing(PeerRevision.V2025_11_25, ClientProfile.None, PeerRevision.V2025_11_25, ServerProfile.None, 2));
        // The fault budget goes to broken streams and duplicates only (a duplicate needs a resumed stream).
        var duplicated = new Reaching(world, w => w.Client.Tool == ToolState.Answered && w.Faults == 2,
            a => a.Kind is not (ActionKind.Drop or ActionKind.Expire or ActionKind.Outage));
        var result = Explorer.Run(duplicated, new ExplorationBounds());

        Assert.NotNull(result.Violation);
        Assert.Contains(result.Path, a => a.Kind == ActionKind.Duplicate);
        var states = Explorer.Replay(world, result.Path);
        Assert.Equal(1, states[^1].ResultsShown);
    }

    /// <summary>Turns reaching a world that satisfies <paramref name="goal"/> into a violation, so
    /// that the explorer returns the shortest run that does it; <paramref name="allowed"/> leaves
    /// actions out (to spend the fault budget on some faults only).</summary>
    private sealed class Reaching(McpWorld inner, Func<World, bool> goal, Func<WorldAction, bool>? allowed = null) : IModel<World, WorldAction>
    {
        public World Initial => inner.Initial;

        public IReadOnlyList<Property> Sometimes => inner.Sometimes;

        public void Actions(in World state, List<WorldAction> into)
        {
            inner.Actions(state, into);
            if (allowed is not null) into.RemoveAll(a => !allowed(a));
        }

        public bool Next(in World state, in WorldAction action, out World next, out Violation? violation)
        {
            bool ok = inner.Next(state, action, out next, out violation);
            if (ok && violation is null && goal(next)) violation = new Violation(McpProperties.CanRecover, [], "reached");
            return ok;
        }

        public Violation? AtQuiescence(in World state) => inner.AtQuiescence(state);

        public uint Reached(in World state) => inner.Reached(state);

        public ulong Fingerprint(in World state) => inner.Fingerprint(state);

        public string Describe(in World before, in WorldAction action, in World after) => inner.Describe(before, action, after);
    }
}
