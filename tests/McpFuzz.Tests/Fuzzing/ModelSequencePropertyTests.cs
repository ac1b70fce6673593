using FsCheck;
using FsCheck.Fluent;
using McpFuzz.Fuzzer.Sequences;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Tests.Fuzzing;

/// <summary>Generated client sequences, faults included, run against the model: the conforming
/// server machine of every revision answers all of them as its own oracle expects.</summary>
public sealed class ModelSequencePropertyTests
{
    public static TheoryData<PeerRevision> Revisions => new(PeerRevisions.All);

    [Theory]
    [MemberData(nameof(Revisions))]
    public void The_conforming_server_breaks_no_rule_whatever_the_client_sends(PeerRevision revision)
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(SequenceBudget.Runs(300)).WithQuietOnSuccess(true).WithReplay(SequenceBudget.Seed, 1);
        var property = Prop.ForAll(SequenceGenerators.Arbitrary(revision, maxSteps: 16, faultRate: 0.3), sequence =>
        {
            var run = ModelExecutor.Run(sequence);
            return run.Failure is null ? true.ToProperty() : false.Label(run.Failure.ToString());
        });
        Check.One(config, property);
    }

    [Theory]
    [MemberData(nameof(Revisions))]
    public void Generated_sequences_reach_more_than_one_kind_of_answer(PeerRevision revision)
    {
        // Not vacuous: the faults and steps lead the server to refusals as well as to successes.
        var sequences = SequenceGenerators.For(revision, 16, 0.3).Sample(100, new Rnd(SequenceBudget.Seed), 10);
        var statuses = sequences.SelectMany(s => ModelExecutor.Run(s).Exchanges).Select(e => e.Answer.Head.Status).Distinct().ToArray();
        Assert.True(statuses.Length >= 2, $"{revision}: only {string.Join(", ", statuses)}");
        Assert.Contains(statuses, s => s.ToString().StartsWith("Ok", StringComparison.Ordinal) || s.ToString().StartsWith("Accepted", StringComparison.Ordinal));
    }

    [Fact]
    public void The_generators_follow_the_client_model_when_no_fault_is_mixed_in()
    {
        var sequences = SequenceGenerators.For(PeerRevision.V2025_06_18, 10, faultRate: 0).Sample(200, new Rnd(SequenceBudget.Seed), 10);
        foreach (var sequence in sequences)
        {
            Assert.Equal(StepKind.Initialize, sequence.Steps[0].Kind);
            Assert.All(sequence.Steps, s => Assert.Equal(StepFaults.None, s.Faults));
            if (sequence.Steps.Count > 1) Assert.Equal(StepKind.Initialized, sequence.Steps[1].Kind);
        }
    }

    [Fact]
    public void Every_shrink_candidate_is_simpler_than_the_sequence()
    {
        var sequences = SequenceGenerators.For(PeerRevision.V2025_11_25, 12, 0.5).Sample(50, new Rnd(SequenceBudget.Seed), 10);
        foreach (var sequence in sequences)
        {
            foreach (var candidate in SequenceShrinker.Candidates(sequence))
            {
                Assert.True(candidate.Weight < sequence.Weight, $"{candidate} is not simpler than {sequence}");
                Assert.Equal(sequence.Revision, candidate.Revision);
            }
        }
    }
}
