namespace McpFuzz.Model.Machines.Kernel;

/// <summary>The substate hierarchy as the exports draw it: which states sit directly inside which,
/// and which composite an edge belongs in. Everything is in enum order, so output is stable.</summary>
internal sealed class SubstateTree<TState, TTrigger, TContext, TInput>
    where TState : struct, Enum
    where TTrigger : struct, Enum
    where TContext : struct
{
    private readonly StateMachine<TState, TTrigger, TContext, TInput> _machine;

    public SubstateTree(StateMachine<TState, TTrigger, TContext, TInput> machine) => _machine = machine;

    /// <summary>The states directly inside <paramref name="parent"/>, or the top-level ones for null.</summary>
    public IEnumerable<TState> ChildrenOf(TState? parent) =>
        _machine.States.Where(s => Nullable.Equals(_machine.ParentOf(s), parent));

    public bool IsComposite(TState state) => _machine.States.Any(s => Nullable.Equals(_machine.ParentOf(s), state));

    /// <summary>The innermost composite that strictly contains both ends of an edge (null: the top
    /// level). Drawing an edge there keeps it out of composites that hold only one of its ends, and
    /// an edge from a composite to its own substate is drawn outside the composite.</summary>
    public TState? ScopeOf(TState from, TState to)
    {
        for (var a = _machine.ParentOf(from); a is { } ancestor; a = _machine.ParentOf(ancestor))
        {
            if (!EqualityComparer<TState>.Default.Equals(to, ancestor) && _machine.IsInState(to, ancestor)) return ancestor;
        }

        return null;
    }

    /// <summary>The transitions a diagram draws, in declaration order. Ignore transitions change
    /// nothing and would put a self-loop on most states, so diagrams leave them out.</summary>
    public IEnumerable<Transition<TState, TTrigger, TContext, TInput>> Edges =>
        _machine.Transitions.Where(t => t.Kind != TransitionKind.Ignore);
}
