using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Fuzzer.Sequences;

/// <summary>A client action sequence for one revision: the value the generators produce, the
/// shrinkers reduce, the model runs and the live executor sends. Equal when the steps are.</summary>
public sealed class ActionSequence(PeerRevision revision, IReadOnlyList<SequenceStep> steps) : IEquatable<ActionSequence>
{
    public PeerRevision Revision { get; } = revision;

    public IReadOnlyList<SequenceStep> Steps { get; } = steps;

    public int Weight => Steps.Sum(s => s.Weight);

    public ActionSequence With(IReadOnlyList<SequenceStep> steps) => new(Revision, steps);

    public bool Equals(ActionSequence? other) => other is not null && other.Revision == Revision && other.Steps.SequenceEqual(Steps);

    public override bool Equals(object? obj) => Equals(obj as ActionSequence);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Revision);
        foreach (var step in Steps) hash.Add(step);
        return hash.ToHashCode();
    }

    public override string ToString() => Revision.ToText() + ": " + string.Join("; ", Steps);
}
