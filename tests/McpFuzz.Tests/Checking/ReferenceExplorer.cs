using McpFuzz.Model.Checking;

namespace McpFuzz.Tests.Checking;

/// <summary>The plain breadth-first search the explorer must agree with: every state kept in a
/// list, parents and actions beside it, successors added one at a time. Slow and simple on purpose.</summary>
internal static class ReferenceExplorer
{
    public static Exploration<TAction> Run<TState, TAction>(IModel<TState, TAction> model, ExplorationBounds bounds)
        where TState : struct
        where TAction : struct
    {
        var states = new List<TState> { model.Initial };
        var parents = new List<int> { -1 };
        var via = new List<TAction> { default };
        var depths = new List<int> { 0 };
        var visited = new HashSet<ulong> { model.Fingerprint(model.Initial) };
        var actions = new List<TAction>();
        long transitions = 0;
        uint reached = model.Reached(model.Initial);
        bool complete = true;
        int deepest = 0;

        for (int index = 0; index < states.Count; index++)
        {
            var state = states[index];
            actions.Clear();
            model.Actions(state, actions);
            if (actions.Count == 0)
            {
                if (model.AtQuiescence(state) is { } stuck) return Found(stuck, index, default, false);
                continue;
            }

            if (depths[index] >= bounds.MaxDepth)
            {
                complete = false;
                continue;
            }

            foreach (var action in actions)
            {
                if (!model.Next(state, action, out var next, out var violation)) continue;
                transitions++;
                if (violation is not null) return Found(violation, index, action, true);
                if (!visited.Add(model.Fingerprint(next))) continue;
                if (states.Count >= bounds.MaxStates)
                {
                    complete = false;
                    continue;
                }

                reached |= model.Reached(next);
                states.Add(next);
                parents.Add(index);
                via.Add(action);
                depths.Add(depths[index] + 1);
                deepest = Math.Max(deepest, depths[index] + 1);
            }
        }

        var unreached = model.Sometimes.Where((_, i) => (reached & (1u << i)) == 0).ToList();
        return new Exploration<TAction>(null, [], states.Count, transitions, deepest, complete, unreached);

        Exploration<TAction> Found(Violation violation, int index, TAction last, bool withLast)
        {
            var path = new List<TAction>();
            if (withLast) path.Add(last);
            for (int i = index; parents[i] >= 0; i = parents[i]) path.Add(via[i]);
            path.Reverse();
            return new Exploration<TAction>(violation, path, states.Count, transitions, Math.Max(deepest, path.Count), false, []);
        }
    }
}
