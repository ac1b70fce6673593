namespace McpFuzz.Model.Checking;

/// <summary>Bounds of one exploration.</summary>
public sealed record ExplorationBounds(int MaxDepth = 64, int MaxStates = 2_000_000);

/// <summary>The result: the first violation found (with the shortest path to it, since the
/// search is breadth-first), how much was explored, and which reachability properties held.</summary>
public sealed record Exploration<TAction>(
    Violation? Violation,
    IReadOnlyList<TAction> Path,
    long States,
    long Transitions,
    int Depth,
    bool Complete,
    IReadOnlyList<Property> Unreached)
    where TAction : struct;

/// <summary>Breadth-first exploration with a fingerprint visited set and parent links.</summary>
public static class Explorer
{
    public static Exploration<TAction> Run<TState, TAction>(IModel<TState, TAction> model, ExplorationBounds bounds)
        where TState : struct
        where TAction : struct
    {
        var states = new List<TState> { model.Initial };
        var parents = new List<int> { -1 };
        var via = new List<TAction> { default };
        var depths = new List<byte> { 0 };
        var visited = new FingerprintSet();
        visited.Add(model.Fingerprint(model.Initial));
        var actions = new List<TAction>();
        long transitions = 0;
        uint reached = model.Reached(model.Initial);
        bool complete = true;
        int deepest = 0;

        for (int index = 0; index < states.Count; index++)
        {
            var state = states[index];
            int depth = depths[index];
            actions.Clear();
            model.Actions(state, actions);
            if (actions.Count == 0)
            {
                if (model.AtQuiescence(state) is { } stuck) return Found(stuck, index, default, false);
                continue;
            }

            if (depth >= bounds.MaxDepth)
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
                depths.Add((byte)(depth + 1));
                deepest = Math.Max(deepest, depth + 1);
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

    /// <summary>Replays a path from the initial state: the states after each action.</summary>
    public static IReadOnlyList<TState> Replay<TState, TAction>(IModel<TState, TAction> model, IReadOnlyList<TAction> path)
        where TState : struct
        where TAction : struct
    {
        var result = new List<TState> { model.Initial };
        foreach (var action in path)
        {
            if (!model.Next(result[^1], action, out var next, out _)) throw new InvalidOperationException("a recorded path does not replay");
            result.Add(next);
        }

        return result;
    }

    /// <summary>A random walk: from the initial state, take actions chosen by <paramref name="choose"/>
    /// (given a count, returns an index) until a violation, quiescence or the depth bound. The
    /// model has no randomness of its own; the caller brings the seed.</summary>
    public static Exploration<TAction> Walk<TState, TAction>(IModel<TState, TAction> model, int maxDepth, Func<int, int> choose)
        where TState : struct
        where TAction : struct
    {
        var state = model.Initial;
        var path = new List<TAction>();
        var actions = new List<TAction>();
        for (int depth = 0; depth < maxDepth; depth++)
        {
            actions.Clear();
            model.Actions(state, actions);
            if (actions.Count == 0)
            {
                var stuck = model.AtQuiescence(state);
                return new Exploration<TAction>(stuck, stuck is null ? [] : path, depth, depth, depth, true, []);
            }

            var action = actions[choose(actions.Count)];
            if (!model.Next(state, action, out var next, out var violation)) continue;
            path.Add(action);
            if (violation is not null) return new Exploration<TAction>(violation, path, depth + 1, depth + 1, depth + 1, false, []);
            state = next;
        }

        return new Exploration<TAction>(null, [], maxDepth, maxDepth, maxDepth, false, []);
    }
}
