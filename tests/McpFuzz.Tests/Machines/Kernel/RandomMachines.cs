using FsCheck;
using FsCheck.Fluent;
using McpFuzz.Model.Machines.Kernel;

namespace McpFuzz.Tests.Machines.Kernel;

public enum RState { S0, S1, S2, S3, S4, S5 }

public enum RTrigger : byte { T0, T1, T2, T3, T4 }

/// <summary>A small int context, so that guards and effects have something to disagree about.</summary>
public readonly record struct Counter(int Value);

/// <summary>A guard <c>(context + input) mod Modulus == Remainder</c>; modulus 1 always holds, which
/// makes guarded overlaps and Ambiguous steps common.</summary>
public sealed record GuardSpec(int Modulus, int Remainder)
{
    public bool Holds(Counter context, int input) => Math.Abs((long)context.Value + input) % Modulus == Remainder;

    public override string ToString() => $"(c+i)%{Modulus}=={Remainder}";
}

public sealed record TransitionSpec(int From, int Trigger, int To, TransitionKind Kind, GuardSpec? Guard, int? EffectDelta)
{
    public Counter Apply(Counter context, int input) =>
        EffectDelta is { } d ? new Counter((int)(((long)context.Value + d + input) % 8)) : context;

    public override string ToString() => $"{(RState)From} {(RTrigger)Trigger} -> {(RState)To} {Kind} [{Guard}] /{EffectDelta}";
}

/// <summary>A random transition table, always structurally valid (parents point to lower states,
/// so there are no cycles; at most one unguarded transition per pair; externals leave their state;
/// internals have an effect), plus a direct reading of it that the kernel must agree with.</summary>
public sealed record MachineSpec(int Initial, int[] Parents, bool[] Final, TransitionSpec[] Transitions)
{
    public const int StateCount = 6;
    public const int TriggerCount = 5;

    public StateMachine<RState, RTrigger, Counter, int> Build()
    {
        var b = new MachineBuilder<RState, RTrigger, Counter, int>("random", (RState)Initial);
        for (int s = 0; s < StateCount; s++)
        {
            var c = b.Configure((RState)s);
            if (Parents[s] >= 0) c.SubstateOf((RState)Parents[s]);
            if (Final[s]) c.Final();
        }

        foreach (var t in Transitions)
        {
            var c = b.Configure((RState)t.From);
            var spec = t;
            Guard<Counter, int>? guard = t.Guard is { } g ? (in x, in i) => g.Holds(x, i) : null;
            Effect<Counter, int>? effect = t.EffectDelta is null ? null : (in x, in i) => spec.Apply(x, i);
            string? guardName = guard is null ? null : t.Guard!.ToString();
            string? effectName = effect is null ? null : $"add{t.EffectDelta}";
            switch (t.Kind)
            {
                case TransitionKind.External when guard is null && effect is null: c.Permit((RTrigger)t.Trigger, (RState)t.To); break;
                case TransitionKind.External when guard is null: c.Permit((RTrigger)t.Trigger, (RState)t.To, effectName!, effect!); break;
                case TransitionKind.External when effect is null: c.PermitIf((RTrigger)t.Trigger, (RState)t.To, guardName!, guard!); break;
                case TransitionKind.External: c.PermitIf((RTrigger)t.Trigger, (RState)t.To, guardName!, guard!, effectName!, effect!); break;
                case TransitionKind.Reentry: c.PermitReentry((RTrigger)t.Trigger, guardName, guard, effectName, effect); break;
                case TransitionKind.Internal: c.InternalTransition((RTrigger)t.Trigger, effectName!, effect!, guardName, guard); break;
                case TransitionKind.Ignore when guard is null: c.Ignore((RTrigger)t.Trigger); break;
                case TransitionKind.Ignore: c.IgnoreIf((RTrigger)t.Trigger, guardName!, guard!); break;
            }
        }

        return b.Build();
    }

    /// <summary>The semantics read straight off the table: the nearest of the state and its
    /// ancestors that declares the trigger supplies the candidates; exactly one holding guard fires.</summary>
    public (StepOutcome Outcome, RejectReason Reason, int State, Counter Context, int Index) Reference(int state, Counter context, int trigger, int input)
    {
        if (state is < 0 or >= StateCount || trigger is < 0 or >= TriggerCount)
            return (StepOutcome.Rejected, RejectReason.NotConfigured, state, context, -1);

        int[] declared = [];
        for (int a = state; a >= 0 && declared.Length == 0; a = Parents[a])
            declared = Enumerable.Range(0, Transitions.Length).Where(i => Transitions[i].From == a && Transitions[i].Trigger == trigger).ToArray();

        if (declared.Length == 0) return (StepOutcome.Rejected, RejectReason.NotConfigured, state, context, -1);
        int[] holding = declared.Where(i => Transitions[i].Guard?.Holds(context, input) ?? true).ToArray();
        if (holding.Length == 0) return (StepOutcome.Rejected, RejectReason.GuardsFailed, state, context, -1);
        if (holding.Length > 1) return (StepOutcome.Rejected, RejectReason.Ambiguous, state, context, -1);

        var t = Transitions[holding[0]];
        return t.Kind switch
        {
            TransitionKind.Ignore => (StepOutcome.Ignored, RejectReason.None, state, context, holding[0]),
            TransitionKind.Internal => (StepOutcome.Fired, RejectReason.None, state, t.Apply(context, input), holding[0]),
            _ => (StepOutcome.Fired, RejectReason.None, t.To, t.Apply(context, input), holding[0]),
        };
    }

    public override string ToString() =>
        $"initial {(RState)Initial}, parents [{string.Join(",", Parents)}], final [{string.Join(",", Final)}]\n  " +
        string.Join("\n  ", Transitions.Select(t => t.ToString()));

    private static readonly Gen<GuardSpec?> Guards =
        from guarded in Gen.Frequency((2, Gen.Constant(false)), (3, Gen.Constant(true)))
        from modulus in Gen.Choose(1, 3)
        from remainder in Gen.Choose(0, 2)
        select guarded ? new GuardSpec(modulus, remainder % modulus) : null;

    private static readonly Gen<TransitionSpec> RawTransitions =
        from kind in Gen.Frequency(
            (5, Gen.Constant(TransitionKind.External)), (1, Gen.Constant(TransitionKind.Reentry)),
            (1, Gen.Constant(TransitionKind.Internal)), (1, Gen.Constant(TransitionKind.Ignore)))
        from s in Gen.Choose(0, StateCount - 1)
        from trigger in Gen.Choose(0, TriggerCount - 1)
        from to in Gen.Choose(0, StateCount - 2)
        from guard in Guards
        from hasEffect in Gen.Elements(false, true)
        from delta in Gen.Choose(-3, 3)
        select new TransitionSpec(
            s, trigger,
            kind == TransitionKind.External ? (to >= s ? to + 1 : to) : s, // externals never target their own state
            kind, guard,
            kind == TransitionKind.Internal || (hasEffect && kind != TransitionKind.Ignore) ? delta : null);

    public static readonly Gen<MachineSpec> Generator =
        from initial in Gen.Choose(0, StateCount - 1)
        from parentPicks in Gen.ArrayOf(Gen.Choose(-3, StateCount - 1), StateCount)
        from final in Gen.ArrayOf(Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true))), StateCount)
        from transitions in Gen.ListOf(RawTransitions)
        select new MachineSpec(
            initial,
            parentPicks.Select((p, s) => p >= 0 && p < s ? p : -1).ToArray(),
            final,
            OneUnguardedPerPair(transitions));

    /// <summary>Later unguarded transitions of a pair that already has one get a guard, keeping the
    /// table buildable while still producing overlaps for Validate and Ambiguous steps.</summary>
    private static TransitionSpec[] OneUnguardedPerPair(IEnumerable<TransitionSpec> transitions)
    {
        var unguarded = new HashSet<(int, int)>();
        return transitions
            .Select(t => t.Guard is null && !unguarded.Add((t.From, t.Trigger)) ? t with { Guard = new GuardSpec(2, 0) } : t)
            .ToArray();
    }
}
