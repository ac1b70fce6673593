namespace McpFuzz.Model.Machines.Kernel;

/// <summary>The flattened transition table that Step, CanFire and Enabled read: for every
/// (state, trigger) pair a slice of one candidates array. Built once; never written afterwards.</summary>
/// <remarks>
/// Substates are resolved here, once, instead of walking parents on every step: the candidates of
/// (state, trigger) are those the state itself declares for the trigger or, if it declares none,
/// those of its parent, and so on up. A state's own transitions for a trigger therefore replace
/// the inherited ones for that trigger instead of adding to them. Merging would make a substate
/// that narrows a superstate's behaviour (say, ignores a trigger the superstate acts on) produce
/// Ambiguous steps, and every refinement would have to restate the superstate's guards negated;
/// with replacement a substate says what it does, and triggers it says nothing about fall through.
/// </remarks>
internal readonly struct TransitionTable<TState, TTrigger, TContext, TInput>
    where TState : struct, Enum
    where TTrigger : struct, Enum
    where TContext : struct
{
    private readonly Slot[] _slots;            // [stateIndex * triggerCount + triggerIndex]
    private readonly Candidate[] _candidates;
    private readonly int _triggerCount;

    public TransitionTable(
        EnumIndex<TState> states, EnumIndex<TTrigger> triggers, int[] parents,
        IReadOnlyList<Transition<TState, TTrigger, TContext, TInput>> transitions)
    {
        _triggerCount = triggers.Count;
        _slots = new Slot[states.Count * triggers.Count];

        // Each state's own transitions, per trigger, in declaration order.
        var own = new List<Transition<TState, TTrigger, TContext, TInput>>?[states.Count * triggers.Count];
        foreach (var t in transitions)
        {
            int at = states.IndexOf(t.From) * _triggerCount + triggers.IndexOf(t.Trigger);
            (own[at] ??= []).Add(t);
        }

        var candidates = new List<Candidate>();
        for (int s = 0; s < states.Count; s++)
        {
            for (int g = 0; g < _triggerCount; g++)
            {
                // The nearest of the state and its ancestors that declares the trigger wins.
                List<Transition<TState, TTrigger, TContext, TInput>>? declared = null;
                for (int a = s; a >= 0 && declared is null; a = parents[a]) declared = own[a * _triggerCount + g];

                if (declared is null) continue;
                _slots[s * _triggerCount + g] = new Slot(candidates.Count, declared.Count);
                foreach (var t in declared) candidates.Add(new Candidate(t));
            }
        }

        _candidates = candidates.ToArray();
    }

    /// <summary>Which candidate would fire for the trigger: its position in the candidates array,
    /// or -1 with the reason. Every guard is consulted until the answer is certain; guards are pure,
    /// so stopping at the second one that holds (Ambiguous) is not observable.</summary>
    public int Select(int stateIndex, int triggerIndex, in TContext context, in TInput input, out RejectReason reason)
    {
        if (stateIndex < 0 || triggerIndex < 0)
        {
            reason = RejectReason.NotConfigured;
            return -1;
        }

        Slot slot = _slots[stateIndex * _triggerCount + triggerIndex];
        if (slot.Count == 0)
        {
            reason = RejectReason.NotConfigured;
            return -1;
        }

        int chosen = -1;
        int end = slot.Start + slot.Count;
        for (int i = slot.Start; i < end; i++)
        {
            var guard = _candidates[i].Guard;
            if (guard is not null && !guard(in context, in input)) continue;
            if (chosen >= 0)
            {
                reason = RejectReason.Ambiguous;
                return -1;
            }

            chosen = i;
        }

        reason = chosen < 0 ? RejectReason.GuardsFailed : RejectReason.None;
        return chosen;
    }

    public ref readonly Candidate At(int candidate) => ref _candidates[candidate];

    /// <summary>The candidates of one (state, trigger) pair, for Validate and exports.</summary>
    public ReadOnlySpan<Candidate> Candidates(int stateIndex, int triggerIndex)
    {
        Slot slot = _slots[stateIndex * _triggerCount + triggerIndex];
        return _candidates.AsSpan(slot.Start, slot.Count);
    }

    private readonly record struct Slot(int Start, int Count);

    /// <summary>What the hot path needs of a transition, stored inline so that a step reads one
    /// contiguous array instead of chasing a reference per candidate.</summary>
    internal readonly struct Candidate
    {
        public readonly Guard<TContext, TInput>? Guard;
        public readonly Effect<TContext, TInput>? Effect;
        public readonly TState To;
        public readonly TransitionKind Kind;
        public readonly int Index;

        public Candidate(Transition<TState, TTrigger, TContext, TInput> transition)
        {
            Guard = transition.Guard;
            Effect = transition.Effect;
            To = transition.To;
            Kind = transition.Kind;
            Index = transition.Index;
        }
    }
}
