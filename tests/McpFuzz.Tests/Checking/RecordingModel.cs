using McpFuzz.Model.Checking;

namespace McpFuzz.Tests.Checking;

/// <summary>Passes every call through to a model and records each action that applied, with the
/// state it led to. <see cref="Explorer.Walk"/> returns a path only when it finds a violation;
/// wrapped in this, every walk leaves its whole path behind to replay.</summary>
internal sealed class RecordingModel<TState, TAction>(IModel<TState, TAction> inner) : IModel<TState, TAction>
    where TState : struct
    where TAction : struct
{
    public List<TAction> Taken { get; } = [];

    /// <summary>The state after each action in <see cref="Taken"/>.</summary>
    public List<TState> States { get; } = [];

    public TState Initial => inner.Initial;

    public IReadOnlyList<Property> Sometimes => inner.Sometimes;

    public void Actions(in TState state, List<TAction> into) => inner.Actions(state, into);

    public bool Next(in TState state, in TAction action, out TState next, out Violation? violation)
    {
        if (!inner.Next(state, action, out next, out violation)) return false;
        Taken.Add(action);
        States.Add(next);
        return true;
    }

    public Violation? AtQuiescence(in TState state) => inner.AtQuiescence(state);

    public uint Reached(in TState state) => inner.Reached(state);

    public ulong Fingerprint(in TState state) => inner.Fingerprint(state);

    public string Describe(in TState before, in TAction action, in TState after) => inner.Describe(before, action, after);
}
