using McpFuzz.Driver.Cli;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Server;

namespace McpFuzz.Tests.Cli;

public class MachineProblemsTests
{
    public enum Phase : byte { Start, Working, Stuck, Over, Good, Bad, Orphan }

    public enum Signal : byte { Go, Stop, Ping }

    private static readonly Guard<int, int> Positive = (in _, in i) => i > 0;

    [Fact]
    public void Unhandled_pairs_and_a_superstate_that_only_groups_final_states_are_no_problem()
    {
        var b = new MachineBuilder<Phase, Signal, int, int>("grouped", Phase.Start);
        b.Configure(Phase.Start).Permit(Signal.Go, Phase.Working);
        b.Configure(Phase.Working).Permit(Signal.Stop, Phase.Good).Permit(Signal.Ping, Phase.Bad).Permit(Signal.Go, Phase.Stuck);
        b.Configure(Phase.Stuck).Permit(Signal.Stop, Phase.Bad);
        b.Configure(Phase.Over).Ignore(Signal.Ping);
        b.Configure(Phase.Good).SubstateOf(Phase.Over).Final();
        b.Configure(Phase.Bad).SubstateOf(Phase.Over).Final();
        b.Configure(Phase.Orphan).SubstateOf(Phase.Over).Final();
        var machine = b.Build();

        Assert.Contains(machine.Validate(), i => i.Kind == ValidationIssueKind.DeadEnd && i.State == "Over");
        Assert.Contains(machine.Validate(), i => i.Kind == ValidationIssueKind.Unhandled);
        // Orphan is unreachable but has no transitions: a phase of the shared enum that another
        // revision's machine uses.
        Assert.Contains(machine.Validate(), i => i.Kind == ValidationIssueKind.Unreachable && i.State == "Orphan");
        Assert.Empty(MachineProblems.Of(machine));
    }

    [Fact]
    public void A_dead_end_the_machine_can_enter_and_an_overlap_are_problems()
    {
        var b = new MachineBuilder<Phase, Signal, int, int>("broken", Phase.Start);
        b.Configure(Phase.Start)
            .Permit(Signal.Go, Phase.Stuck)
            .Permit(Signal.Stop, Phase.Good)
            .PermitIf(Signal.Stop, Phase.Bad, "positive", Positive);
        b.Configure(Phase.Good).Final();
        b.Configure(Phase.Bad).Final();
        foreach (var phase in new[] { Phase.Over, Phase.Orphan }) b.Configure(phase).Final();
        b.Configure(Phase.Working).Permit(Signal.Go, Phase.Good);
        var problems = MachineProblems.Of(b.Build());

        Assert.Contains(problems, i => i.Kind == ValidationIssueKind.DeadEnd && i.State == "Stuck");
        Assert.Contains(problems, i => i.Kind == ValidationIssueKind.Overlap && i.State == "Start");
        Assert.Contains(problems, i => i.Kind == ValidationIssueKind.Unreachable && i.State == "Working");
    }

    /// <summary>`mcpfuzz model` exits 70 for a shipped machine with problems; none may have any,
    /// whatever profile it runs with.</summary>
    [Fact]
    public void Every_shipped_machine_with_every_profile_has_no_problems()
    {
        foreach (var peer in PeerRevisions.All)
        {
            Assert.Empty(MachineProblems.Of(ClientMachines.For(peer)));
            Assert.Empty(MachineProblems.Of(ServerMachines.For(peer)));
            foreach (var profile in Profiles.All)
            {
                var problems = profile.IsServer
                    ? MachineProblems.Of(ServerMachines.For(peer, (ServerProfile)profile.Flag))
                    : MachineProblems.Of(ClientMachines.For(peer, (ClientProfile)profile.Flag));
                Assert.True(problems.Count == 0, $"{peer.ToText()}+{profile.Name}: {string.Join("; ", problems.Select(p => p.Message))}");
            }
        }
    }
}
