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

/// <summary>Breadth-first exploration with a fingerprint visited set (see
/// <see cref="BreadthFirstSearch{TState, TAction}"/>), replay of a path, and random walks.</summary>
public static class Explorer
{
    public static Exploration<TAction> Run<TState, TAction>(IModel<TState, TAction> model, ExplorationBounds bounds)
        where TState : struct
        where TAction : struct =>
        new BreadthFirstSearch<TState, TAction>(model, bounds).Run();

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
