using FsCheck;
using FsCheck.Fluent;
using McpFuzz.Fuzzer.Sequences;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;

namespace McpFuzz.Tests.Fuzzing;

/// <summary>A server machine with a deviating profile is found by generated sequences, and the
/// failing sequence shrinks to the few steps that show the deviation, naming its rule.</summary>
public sealed class BrokenProfileShrinkTests
{
    public static TheoryData<PeerRevision, ServerProfile, string, int> Cases => new()
    {
        { PeerRevision.V2025_11_25, ServerProfile.Status400ForUnknownSession, Cite.SessionExpired404, 2 },
        { PeerRevision.V2025_06_18, ServerProfile.Status400ForUnknownSession, Cite.SessionExpired404, 2 },
        { PeerRevision.V2025_11_25, ServerProfile.ReplayAcrossStreams, Cite.SameStreamOnly, 4 },
        { PeerRevision.V2025_03_26, ServerProfile.No202ForNotifications, Cite.Notification202, 2 },
        { PeerRevision.V2025_11_25, ServerProfile.GetAnswers400, Cite.GetSseOr405, 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_broken_profile_is_found_and_shrunk_to_a_short_sequence(PeerRevision revision, ServerProfile profile, string rule, int maxSteps)
    {
        var failing = SequenceGenerators.For(revision, 16, 0.3).Sample(SequenceBudget.Runs(500), new Rnd(SequenceBudget.Seed), 12)
            .FirstOrDefault(s => ModelExecutor.Run(s, profile).Fails);
        Assert.NotNull(failing);

        var minimal = SequenceShrinker.Minimize(failing, s => ModelExecutor.Run(s, profile).Rule == rule);
        var run = ModelExecutor.Run(minimal, profile);
        Assert.Equal(rule, run.Rule);
        Assert.True(minimal.Steps.Count <= maxSteps, $"shrunk to {minimal.Steps.Count} steps: {minimal}");

        // Minimal: no step can be dropped or simplified and still show the rule.
        Assert.DoesNotContain(SequenceShrinker.Candidates(minimal), c => ModelExecutor.Run(c, profile).Rule == rule);

        // The conforming server answers the same sequence without a finding.
        Assert.False(ModelExecutor.Run(minimal).Fails);
    }

    [Fact]
    public void FsCheck_shrinks_a_failing_property_with_the_sequence_shrinker()
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(SequenceBudget.Runs(300)).WithReplay(SequenceBudget.Seed, 1);
        var property = Prop.ForAll(SequenceGenerators.Arbitrary(PeerRevision.V2025_11_25, 16, 0.3),
            sequence => !ModelExecutor.Run(sequence, ServerProfile.Status400ForUnknownSession).Fails);
        var failure = Assert.ThrowsAny<Exception>(() => Check.One(config, property));
        Assert.Contains("shrink", failure.Message, StringComparison.Ordinal);
    }
}
