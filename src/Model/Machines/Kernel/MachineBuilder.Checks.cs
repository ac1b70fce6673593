namespace McpFuzz.Model.Machines.Kernel;

public sealed partial class MachineBuilder<TState, TTrigger, TContext, TInput>
{
    /// <summary>The parent index of every state (-1 for none), reporting states given two parents,
    /// undefined parents and cycles (a state that is its own ancestor would make the flattened
    /// table's walk up the parents endless).</summary>
    private int[] Parents(EnumIndex<TState> states, List<string> errors)
    {
        var parents = new int[states.Count];
        Array.Fill(parents, -1);
        foreach (var (state, parent) in _substates)
        {
            int s = states.IndexOf(state), p = states.IndexOf(parent);
            if (s < 0) continue; // reported as an undefined configured state
            if (p < 0)
                errors.Add($"{state} is declared a substate of {parent}, which is not a value of {typeof(TState).Name}");
            else if (parents[s] >= 0 && parents[s] != p)
                errors.Add($"{state} is declared a substate of both {states[parents[s]]} and {parent}");
            else
                parents[s] = p;
        }

        for (int s = 0; s < states.Count; s++)
        {
            // Walking up more than Count steps means a cycle; report it once, from its lowest member.
            int a = parents[s], steps = 0, lowest = s;
            var path = new List<string> { states[s].ToString() };
            while (a >= 0 && a != s && steps++ <= states.Count)
            {
                path.Add(states[a].ToString());
                lowest = Math.Min(lowest, a);
                a = parents[a];
            }

            if (a == s && lowest == s)
                errors.Add(path.Count == 1 ? $"{states[s]} is declared a substate of itself" : $"substate cycle: {string.Join(" -> ", path)} -> {states[s]}");
        }

        return parents;
    }

    private void CheckDeclarations(EnumIndex<TState> states, EnumIndex<TTrigger> triggers, List<string> errors)
    {
        foreach (var d in _declarations)
        {
            string where = $"{d.From} on {d.Trigger}";
            if (triggers.IndexOf(d.Trigger) < 0) errors.Add($"{where}: trigger {d.Trigger} is not a value of {typeof(TTrigger).Name}");
            if (states.IndexOf(d.To) < 0) errors.Add($"{where}: destination {d.To} is not a value of {typeof(TState).Name}");
            if ((d.GuardName is null) != (d.Guard is null) || d.GuardName is { Length: 0 })
                errors.Add($"{where}: a guard needs both a non-empty name and a delegate");
            if ((d.EffectName is null) != (d.Effect is null) || d.EffectName is { Length: 0 })
                errors.Add($"{where}: an effect needs both a non-empty name and a delegate");
            if (d.Kind == TransitionKind.External && EqualityComparer<TState>.Default.Equals(d.From, d.To))
                errors.Add($"{where}: an external transition to the same state is a reentry; use PermitReentry");
            if (d.Kind == TransitionKind.Internal && d.Effect is null)
                errors.Add($"{where}: an internal transition without an effect changes nothing; use Ignore");
            if (d.Rules.Any(string.IsNullOrWhiteSpace))
                errors.Add($"{where}: rule ids must be non-empty");
        }

        // More than one unguarded transition for a pair would make every step Ambiguous. An
        // unguarded one beside guarded ones is only sometimes ambiguous, so Validate reports that.
        foreach (var pair in _declarations.Where(d => d.Guard is null).GroupBy(d => (d.From, d.Trigger)))
        {
            int count = pair.Count();
            if (count > 1)
                errors.Add($"{pair.Key.From} on {pair.Key.Trigger}: {count} unguarded transitions ({string.Join(", ", pair.Select(d => d.Kind))})");
        }
    }
}
