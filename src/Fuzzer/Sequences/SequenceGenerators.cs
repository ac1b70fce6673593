using FsCheck;
using FsCheck.Fluent;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Fuzzer.Sequences;

/// <summary>
/// FsCheck generators of action sequences that follow the client model (<see cref="NextSteps"/>),
/// with faults mixed in at a rate: a fault step carries one <see cref="StepFaults"/> value, or is a
/// step the client would not take at that point. Random draws come first and the sequence is
/// built from them, so that the client model decides every step.
/// </summary>
public static class SequenceGenerators
{
    /// <summary>The raw randomness of one step.</summary>
    private readonly record struct Draw(int Kind, int Fault, int Shape, byte Choice, byte Pick, int Abort, byte Corpus);

    private static readonly StepFaults[] Faults =
    [
        StepFaults.NoSession, StepFaults.StaleSession, StepFaults.UnknownSession, StepFaults.NoVersionHeader, StepFaults.WrongVersionHeader,
        StepFaults.LowercaseHeaders, StepFaults.OddAccept, StepFaults.DuplicateId, StepFaults.ReusedId, StepFaults.MalformedBody,
    ];

    private static Gen<Draw> Draws { get; } =
        from kind in Gen.Choose(0, 9999)
        from fault in Gen.Choose(0, 9999)
        from shape in Gen.Choose(0, 9999)
        from choice in Gen.Choose(0, 2)
        from pick in Gen.Choose(0, 3)
        from abort in Gen.Frequency((6, Gen.Constant(-1)), (1, Gen.Choose(0, 400)))
        from corpus in Gen.Choose(0, MalformedBodies.All.Count - 1)
        select new Draw(kind, fault, shape, (byte)choice, (byte)pick, abort, (byte)corpus);

    /// <summary>Sequences of up to <paramref name="maxSteps"/> steps for a client of <paramref name="revision"/>;
    /// <paramref name="faultRate"/> in [0, 1] is the share of steps with a fault.</summary>
    public static Gen<ActionSequence> For(PeerRevision revision, int maxSteps = 12, double faultRate = 0.2) =>
        from length in Gen.Choose(1, maxSteps)
        from draws in Gen.ArrayOf(Draws, length)
        select Build(revision, draws, faultRate);

    /// <summary>The generator with the shrinker: what property tests quantify over.</summary>
    public static Arbitrary<ActionSequence> Arbitrary(PeerRevision revision, int maxSteps = 12, double faultRate = 0.2) =>
        Arb.From(For(revision, maxSteps, faultRate), SequenceShrinker.Candidates);

    /// <summary>Any revision's sequences.</summary>
    public static Gen<ActionSequence> AnyRevision(int maxSteps = 12, double faultRate = 0.2) =>
        Gen.Elements(PeerRevisions.All.ToArray()).SelectMany(r => For(r, maxSteps, faultRate));

    private static ActionSequence Build(PeerRevision revision, Draw[] draws, double faultRate)
    {
        var steps = new List<SequenceStep>(draws.Length);
        var phase = NextSteps.Start(revision);
        int threshold = (int)(faultRate * 10000);
        foreach (var draw in draws)
        {
            var allowed = NextSteps.Allowed(revision, phase);
            var kind = allowed[draw.Kind % allowed.Count];
            var faults = StepFaults.None;
            if (draw.Fault < threshold)
            {
                // Half the faults are a header or body fault, the other half a step out of order.
                if (draw.Fault % 2 == 0) faults = Faults[draw.Shape % Faults.Length];
                else kind = NextSteps.Any[draw.Shape % NextSteps.Any.Count];
            }

            byte count = kind == StepKind.Concurrent ? (byte)(2 + draw.Shape % 3) : (byte)1;
            int abort = kind is StepKind.Request or StepKind.OpenGet or StepKind.Resume or StepKind.Initialize ? draw.Abort : -1;
            byte corpus = (faults & StepFaults.MalformedBody) != 0 ? draw.Corpus : (byte)0;
            byte pick = kind == StepKind.Resume ? draw.Pick : (byte)0;
            steps.Add(new SequenceStep(kind, faults, count, draw.Choice, pick, abort, corpus));
            if (faults == StepFaults.None) phase = NextSteps.After(revision, phase, kind);
        }

        return new ActionSequence(revision, steps);
    }
}
