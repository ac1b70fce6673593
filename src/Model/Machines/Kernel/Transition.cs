using System.Collections.ObjectModel;

namespace McpFuzz.Model.Machines.Kernel;

/// <summary>One row of a machine's transition table, as declared (not as inherited): a substate
/// that inherits this transition refers to this same row, so traces and coverage name one row.</summary>
public sealed class Transition<TState, TTrigger, TContext, TInput>
    where TState : struct, Enum
    where TTrigger : struct, Enum
    where TContext : struct
{
    internal Transition(
        int index, TState from, TTrigger trigger, TState to, TransitionKind kind,
        string? guardName, Guard<TContext, TInput>? guard,
        string? effectName, Effect<TContext, TInput>? effect,
        IReadOnlyList<string> rules)
    {
        Index = index;
        From = from;
        Trigger = trigger;
        To = to;
        Kind = kind;
        GuardName = guardName;
        Guard = guard;
        EffectName = effectName;
        Effect = effect;
        Rules = rules.Count == 0 ? ReadOnlyCollection<string>.Empty : new ReadOnlyCollection<string>(rules.ToArray());
        Label = LabelOf(trigger.ToString(), guardName, effectName);
    }

    /// <summary>The state that declared the transition.</summary>
    public TState From { get; }

    public TTrigger Trigger { get; }

    /// <summary>The destination; equal to <see cref="From"/> for every kind but External.</summary>
    public TState To { get; }

    public TransitionKind Kind { get; }

    public string? GuardName { get; }

    public Guard<TContext, TInput>? Guard { get; }

    public string? EffectName { get; }

    public Effect<TContext, TInput>? Effect { get; }

    /// <summary>Ids of the specification rules this transition embodies (may be empty).</summary>
    public IReadOnlyList<string> Rules { get; }

    /// <summary>Position in <c>StateMachine.Transitions</c>, which is declaration order.</summary>
    public int Index { get; }

    /// <summary><c>Trigger</c>, <c>Trigger [guard]</c>, <c>Trigger / effect</c> or
    /// <c>Trigger [guard] / effect</c>: the UML transition notation, used by exports and traces.</summary>
    public string Label { get; }

    public override string ToString() => $"{From} --{Label}--> {To} ({Kind})";

    internal static string LabelOf(string trigger, string? guardName, string? effectName)
    {
        string label = trigger;
        if (guardName is not null) label += " [" + guardName + "]";
        if (effectName is not null) label += " / " + effectName;
        return label;
    }
}
