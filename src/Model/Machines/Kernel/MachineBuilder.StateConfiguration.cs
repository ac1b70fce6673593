namespace McpFuzz.Model.Machines.Kernel;

public sealed partial class MachineBuilder<TState, TTrigger, TContext, TInput>
{
    /// <summary>The fluent configuration of one state. Every method records a declaration and returns
    /// this configuration; nothing is checked until <see cref="Build"/>.</summary>
    public sealed class StateConfiguration
    {
        private readonly MachineBuilder<TState, TTrigger, TContext, TInput> _builder;
        private readonly TState _state;

        internal StateConfiguration(MachineBuilder<TState, TTrigger, TContext, TInput> builder, TState state)
        {
            _builder = builder;
            _state = state;
        }

        /// <summary>Makes this state a substate of <paramref name="parent"/>: it inherits the parent's
        /// transitions for every trigger it does not configure itself.</summary>
        public StateConfiguration SubstateOf(TState parent)
        {
            _builder.DeclareSubstate(_state, parent);
            return this;
        }

        public StateConfiguration Permit(TTrigger trigger, TState to, params string[] rules) =>
            Add(trigger, to, TransitionKind.External, null, null, null, null, rules);

        public StateConfiguration PermitIf(
            TTrigger trigger, TState to, string guardName, Guard<TContext, TInput> guard, params string[] rules) =>
            Add(trigger, to, TransitionKind.External, guardName, guard, null, null, rules);

        public StateConfiguration PermitIf(
            TTrigger trigger, TState to, string guardName, Guard<TContext, TInput> guard,
            string effectName, Effect<TContext, TInput> effect, params string[] rules) =>
            Add(trigger, to, TransitionKind.External, guardName, guard, effectName, effect, rules);

        public StateConfiguration Permit(
            TTrigger trigger, TState to, string effectName, Effect<TContext, TInput> effect, params string[] rules) =>
            Add(trigger, to, TransitionKind.External, null, null, effectName, effect, rules);

        /// <summary>Leaves and re-enters this state. Rule ids may follow, as for the other methods.</summary>
        public StateConfiguration PermitReentry(
            TTrigger trigger, string? guardName = null, Guard<TContext, TInput>? guard = null,
            string? effectName = null, Effect<TContext, TInput>? effect = null, params string[] rules) =>
            Add(trigger, _state, TransitionKind.Reentry, guardName, guard, effectName, effect, rules);

        /// <summary>Runs the effect and stays in whatever state the machine is in (for an inherited
        /// internal transition, the substate).</summary>
        public StateConfiguration InternalTransition(
            TTrigger trigger, string effectName, Effect<TContext, TInput> effect,
            string? guardName = null, Guard<TContext, TInput>? guard = null, params string[] rules) =>
            Add(trigger, _state, TransitionKind.Internal, guardName, guard, effectName, effect, rules);

        /// <summary>Accepts the trigger without changing anything; Step answers Ignored. Rule ids are
        /// allowed here too, because "MUST ignore" is itself a requirement a transition can embody.</summary>
        public StateConfiguration Ignore(TTrigger trigger, params string[] rules) =>
            Add(trigger, _state, TransitionKind.Ignore, null, null, null, null, rules);

        public StateConfiguration IgnoreIf(TTrigger trigger, string guardName, Guard<TContext, TInput> guard, params string[] rules) =>
            Add(trigger, _state, TransitionKind.Ignore, guardName, guard, null, null, rules);

        /// <summary>Marks the state final: no way out is expected, so Validate reports neither a dead
        /// end nor unhandled triggers for it.</summary>
        public StateConfiguration Final()
        {
            _builder.DeclareFinal(_state);
            return this;
        }

        private StateConfiguration Add(
            TTrigger trigger, TState to, TransitionKind kind,
            string? guardName, Guard<TContext, TInput>? guard,
            string? effectName, Effect<TContext, TInput>? effect, string[]? rules)
        {
            // Copied, so that a caller reusing its array cannot change a declaration afterwards.
            _builder.Declare(new Declaration(_state, trigger, to, kind, guardName, guard, effectName, effect, rules is null ? [] : [.. rules]));
            return this;
        }
    }
}
