using McpFuzz.Fuzzer.Sequences;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Tests.Fuzzing;

/// <summary>The canonical form a failure is deduplicated by: sequences that send the same requests
/// have one text; sequences that send different ones keep different texts.</summary>
public sealed class SequenceCanonicalTests
{
    private static ActionSequence Of(params SequenceStep[] steps) => new(PeerRevision.V2025_11_25, steps);

    [Fact]
    public void Fields_a_step_does_not_use_are_cleared()
    {
        var noisy = Of(
            new SequenceStep(StepKind.Initialize, Choice: 3, Pick: 2, Count: 4),
            new SequenceStep(StepKind.OpenGet, StepFaults.MalformedBody | StepFaults.DuplicateId, Corpus: 5),
            new SequenceStep(StepKind.Request, StepFaults.MalformedBody, Corpus: (byte)(MalformedBodies.All.Count + 8)));
        var plain = Of(
            new SequenceStep(StepKind.Initialize),
            new SequenceStep(StepKind.OpenGet),
            new SequenceStep(StepKind.Request, StepFaults.MalformedBody, Corpus: 8));
        Assert.Equal(plain, noisy.Canonical());
        Assert.Equal(plain.ToString(), noisy.Canonical().ToString());
        Assert.Equal(plain, plain.Canonical());
    }

    [Fact]
    public void What_a_server_sees_is_kept()
    {
        var steps = Of(
            new SequenceStep(StepKind.Concurrent, Count: 3),
            new SequenceStep(StepKind.Resume, Pick: 2, AbortAt: 10),
            new SequenceStep(StepKind.Request, StepFaults.ReusedId | StepFaults.UnknownSession));
        Assert.Equal(steps, steps.Canonical());
        Assert.NotEqual(Of(new SequenceStep(StepKind.Resume, Pick: 1)).Canonical().ToString(), Of(new SequenceStep(StepKind.Resume, Pick: 2)).Canonical().ToString());
    }
}
