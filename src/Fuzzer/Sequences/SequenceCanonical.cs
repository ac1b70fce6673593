namespace McpFuzz.Fuzzer.Sequences;

/// <summary>
/// The form of a sequence as a live server sees it: fields the step's kind does not use are
/// cleared (the model server's choice, a count outside concurrent requests, an event pick outside
/// a resume, a body index outside a malformed POST, request-id faults on steps that send no
/// request id), and a body index is reduced to the corpus's range. Two sequences that send the
/// same requests have the same canonical form and so the same text (<see cref="ActionSequence.ToString"/>):
/// what failures are deduplicated by across runs, and what corpus files are named by.
/// </summary>
public static class SequenceCanonical
{
    private const StepFaults IdFaults = StepFaults.DuplicateId | StepFaults.ReusedId;

    public static ActionSequence Canonical(this ActionSequence sequence) => sequence.With([.. sequence.Steps.Select(Canonical)]);

    public static SequenceStep Canonical(this SequenceStep step)
    {
        bool post = step.Kind is not (StepKind.OpenGet or StepKind.Resume or StepKind.Delete);
        bool sendsId = step.Kind is StepKind.Initialize or StepKind.Request or StepKind.Concurrent;
        var faults = step.Faults;
        if (!post) faults &= ~StepFaults.MalformedBody;
        if (!sendsId) faults &= ~IdFaults;
        bool malformed = (faults & StepFaults.MalformedBody) != 0;
        return new SequenceStep(
            step.Kind,
            faults,
            Count: step.Kind == StepKind.Concurrent ? step.Count : (byte)1,
            Choice: 0,
            Pick: step.Kind == StepKind.Resume ? step.Pick : (byte)0,
            AbortAt: step.AbortAt,
            Corpus: malformed ? (byte)(step.Corpus % MalformedBodies.All.Count) : (byte)0);
    }
}
