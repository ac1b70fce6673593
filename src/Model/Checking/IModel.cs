namespace McpFuzz.Model.Checking;

/// <summary>What the explorer needs from a model (after Stateright's Model trait): an initial
/// state, the actions enabled in a state, the next state, and the properties.</summary>
public interface IModel<TState, TAction>
    where TState : struct
    where TAction : struct
{
    TState Initial { get; }

    void Actions(in TState state, List<TAction> into);

    /// <summary>Takes one action. Returns false when the action turns out not to apply (the
    /// explorer skips it); sets <paramref name="violation"/> when the step breaks a property.</summary>
    bool Next(in TState state, in TAction action, out TState next, out Violation? violation);

    /// <summary>Checks the bounded-liveness properties in a state where nothing can happen.</summary>
    Violation? AtQuiescence(in TState state);

    /// <summary>Which reachability properties hold in a state (bit i: <see cref="Sometimes"/>[i]).</summary>
    uint Reached(in TState state);

    IReadOnlyList<Property> Sometimes { get; }

    ulong Fingerprint(in TState state);

    string Describe(in TState before, in TAction action, in TState after);
}
