using System.Collections.ObjectModel;

namespace McpFuzz.Model.Machines.Kernel;

/// <summary>An immutable state machine over value-typed states and contexts. It holds no current
/// state: every query takes the state and context as arguments and returns new values, so an
/// explorer can copy, hash and revisit states freely and share one machine between threads.
/// Step, CanFire and Enabled do not allocate.</summary>
public sealed partial class StateMachine<TState, TTrigger, TContext, TInput>
    where TState : struct, Enum
    where TTrigger : struct, Enum
    where TContext : struct
{
    private readonly EnumIndex<TState> _states;
    private readonly EnumIndex<TTrigger> _triggers;
    private readonly int[] _parents;   // parent's state index, or -1
    private readonly bool[] _final;
    private readonly TransitionTable<TState, TTrigger, TContext, TInput> _table;

    internal StateMachine(
        string name, TState initial, EnumIndex<TState> states, EnumIndex<TTrigger> triggers,
        int[] parents, bool[] final, Transition<TState, TTrigger, TContext, TInput>[] transitions)
    {
        Name = name;
        Initial = initial;
        _states = states;
        _triggers = triggers;
        _parents = parents;
        _final = final;
        States = new ReadOnlyCollection<TState>(states.Values.ToArray());
        Triggers = new ReadOnlyCollection<TTrigger>(triggers.Values.ToArray());
        Transitions = new ReadOnlyCollection<Transition<TState, TTrigger, TContext, TInput>>(transitions);
        _table = new TransitionTable<TState, TTrigger, TContext, TInput>(states, triggers, parents, transitions);
    }

    public string Name { get; }

    public TState Initial { get; }

    /// <summary>Every distinct value of <typeparamref name="TState"/>, in enum value order.</summary>
    public IReadOnlyList<TState> States { get; }

    /// <summary>Every distinct value of <typeparamref name="TTrigger"/>, in enum value order; the
    /// order in which <see cref="Enabled"/> lists triggers.</summary>
    public IReadOnlyList<TTrigger> Triggers { get; }

    /// <summary>Every declared transition, in declaration order (<c>Transitions[i].Index == i</c>).</summary>
    public IReadOnlyList<Transition<TState, TTrigger, TContext, TInput>> Transitions { get; }

    /// <summary>The superstate <paramref name="state"/> was declared a substate of, or null.</summary>
    public TState? ParentOf(TState state)
    {
        int s = _states.IndexOf(state);
        return s < 0 || _parents[s] < 0 ? null : _states[_parents[s]];
    }

    /// <summary>Whether the state itself was marked final; being inside a final superstate does not
    /// make a substate final.</summary>
    public bool IsFinal(TState state)
    {
        int s = _states.IndexOf(state);
        return s >= 0 && _final[s];
    }

    /// <summary>True when <paramref name="current"/> is <paramref name="stateOrAncestor"/> or one of
    /// its (transitive) substates.</summary>
    public bool IsInState(TState current, TState stateOrAncestor)
    {
        int target = _states.IndexOf(stateOrAncestor);
        if (target < 0) return false;
        for (int s = _states.IndexOf(current); s >= 0; s = _parents[s])
        {
            if (s == target) return true;
        }

        return false;
    }

    /// <summary>Offers the trigger with its input to the machine in (state, context). Never throws
    /// unless a guard or effect does; a state or trigger value outside the enum is NotConfigured.</summary>
    public StepResult<TState, TContext> Step(TState state, in TContext context, TTrigger trigger, in TInput input)
    {
        int chosen = _table.Select(_states.IndexOf(state), _triggers.IndexOf(trigger), in context, in input, out var reason);
        if (chosen < 0) return new(StepOutcome.Rejected, state, context, -1, reason);

        ref readonly var candidate = ref _table.At(chosen);
        if (candidate.Kind == TransitionKind.Ignore) return new(StepOutcome.Ignored, state, context, candidate.Index, RejectReason.None);

        var next = candidate.Effect is null ? context : candidate.Effect(in context, in input);
        // Internal keeps the current state, which may be a substate of the declaring one; External
        // and Reentry go to the declared destination (for an inherited Reentry, the superstate).
        var to = candidate.Kind == TransitionKind.Internal ? state : candidate.To;
        return new(StepOutcome.Fired, to, next, candidate.Index, RejectReason.None);
    }

    /// <summary>Whether <see cref="Step"/> would answer Fired (an Ignored trigger cannot fire).</summary>
    public bool CanFire(TState state, in TContext context, TTrigger trigger, in TInput input)
    {
        int chosen = _table.Select(_states.IndexOf(state), _triggers.IndexOf(trigger), in context, in input, out _);
        return chosen >= 0 && _table.At(chosen).Kind != TransitionKind.Ignore;
    }

    /// <summary>Writes into <paramref name="into"/>, in <see cref="Triggers"/> order, every trigger for
    /// which <see cref="Step"/> with this input would answer Fired, and returns how many it wrote.</summary>
    /// <exception cref="ArgumentException"><paramref name="into"/> is shorter than <see cref="Triggers"/>:
    /// checked up front, not only when it overflows, so an undersized buffer fails on the first call
    /// rather than in whichever state happens to enable the most triggers.</exception>
    public int Enabled(TState state, in TContext context, in TInput input, Span<TTrigger> into)
    {
        if (into.Length < _triggers.Count)
            throw new ArgumentException($"the span must hold all {_triggers.Count} triggers", nameof(into));

        int s = _states.IndexOf(state);
        if (s < 0) return 0;

        int written = 0;
        for (int g = 0; g < _triggers.Count; g++)
        {
            int chosen = _table.Select(s, g, in context, in input, out _);
            if (chosen >= 0 && _table.At(chosen).Kind != TransitionKind.Ignore) into[written++] = _triggers[g];
        }

        return written;
    }

    public override string ToString() => $"{Name} ({States.Count} states, {Transitions.Count} transitions)";
}
