namespace McpFuzz.Model.Machines.Kernel;

/// <summary>Collects a machine's configuration and turns it into an immutable
/// <see cref="StateMachine{TState, TTrigger, TContext, TInput}"/>. The builder only records what it
/// is told; every structural check happens in <see cref="Build"/>, which reports all problems at
/// once, so a model author sees the whole list rather than one exception per run.</summary>
public sealed partial class MachineBuilder<TState, TTrigger, TContext, TInput>
    where TState : struct, Enum
    where TTrigger : struct, Enum
    where TContext : struct
{
    private readonly string _name;
    private readonly TState _initial;
    private readonly Dictionary<TState, StateConfiguration> _configurations = [];
    private readonly List<Declaration> _declarations = [];
    private readonly List<(TState State, TState Parent)> _substates = [];
    private readonly HashSet<TState> _final = [];

    public MachineBuilder(string name, TState initial)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
        _initial = initial;
    }

    /// <summary>The configuration of a state; configuring a state twice continues the same one.</summary>
    public StateConfiguration Configure(TState state)
    {
        if (!_configurations.TryGetValue(state, out var configuration))
        {
            configuration = new StateConfiguration(this, state);
            _configurations.Add(state, configuration);
        }

        return configuration;
    }

    /// <summary>Checks the configuration and builds the table. The builder can go on being used
    /// afterwards; what it records later does not reach machines already built.</summary>
    /// <exception cref="InvalidOperationException">The configuration is malformed; the message lists
    /// every problem found.</exception>
    public StateMachine<TState, TTrigger, TContext, TInput> Build()
    {
        var states = new EnumIndex<TState>();
        var triggers = new EnumIndex<TTrigger>();
        var errors = new List<string>();

        if (states.IndexOf(_initial) < 0) errors.Add($"the initial state {_initial} is not a value of {typeof(TState).Name}");
        foreach (var state in _configurations.Keys)
        {
            if (states.IndexOf(state) < 0) errors.Add($"configured state {state} is not a value of {typeof(TState).Name}");
        }

        int[] parents = Parents(states, errors);
        CheckDeclarations(states, triggers, errors);
        if (errors.Count > 0)
            throw new InvalidOperationException($"state machine '{_name}' is malformed:{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", errors));

        var transitions = new Transition<TState, TTrigger, TContext, TInput>[_declarations.Count];
        for (int i = 0; i < transitions.Length; i++)
        {
            var d = _declarations[i];
            transitions[i] = new(i, d.From, d.Trigger, d.To, d.Kind, d.GuardName, d.Guard, d.EffectName, d.Effect, d.Rules);
        }

        var final = new bool[states.Count];
        foreach (var state in _final) final[states.IndexOf(state)] = true;

        return new StateMachine<TState, TTrigger, TContext, TInput>(_name, _initial, states, triggers, parents, final, transitions);
    }

    private void Declare(Declaration declaration) => _declarations.Add(declaration);

    private void DeclareSubstate(TState state, TState parent) => _substates.Add((state, parent));

    private void DeclareFinal(TState state) => _final.Add(state);

    /// <summary>One call of a StateConfiguration method, kept as given until Build checks it.</summary>
    private sealed record Declaration(
        TState From, TTrigger Trigger, TState To, TransitionKind Kind,
        string? GuardName, Guard<TContext, TInput>? Guard,
        string? EffectName, Effect<TContext, TInput>? Effect,
        string[] Rules);
}
