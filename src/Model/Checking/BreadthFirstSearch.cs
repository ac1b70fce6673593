namespace McpFuzz.Model.Checking;

/// <summary>One breadth-first exploration. Only two levels of states are kept, the one being
/// expanded and the next; every state discovered leaves its parent and action in a trail, from
/// which a counterexample path is rebuilt. The result is the same as keeping every state: states
/// are numbered, visited and expanded in the same order.</summary>
/// <remarks>
/// The visited set is far larger than the processor's caches, so looking a fingerprint up is
/// usually a cache miss. Successors are therefore staged in small batches (in the next level's
/// buffer, after the states already kept): their fingerprints' slots are fetched together, then
/// they are added one by one in discovery order, so every outcome (which state is new, which
/// parent a state gets, where the state limit cuts) is that of adding them one at a time.
/// </remarks>
internal sealed class BreadthFirstSearch<TState, TAction>
    where TState : struct
    where TAction : struct
{
    /// <summary>Successors staged before their fingerprints are looked up: enough to overlap
    /// the cache misses, few enough that the staged states stay in the nearest caches.</summary>
    private const int Batch = 64;

    private readonly IModel<TState, TAction> model;
    private readonly ExplorationBounds bounds;
    private readonly SearchTrail<TAction> trail = new();
    private readonly FingerprintSet visited = new();
    private readonly List<TAction> actions = [];
    private StateBuffer<TState> current = new();
    private StateBuffer<TState> next = new();

    // The staged successors: the state they come from, the action, and their fingerprint.
    private int[] stagedParents = new int[2 * Batch];
    private TAction[] stagedActions = new TAction[2 * Batch];
    private ulong[] stagedPrints = new ulong[2 * Batch];
    private int staged;

    /// <summary>The state limit is reached and the search is already known to be incomplete: no
    /// successor can be kept any more, and whether one is new can change nothing, so successors
    /// are only checked for violations (and counted), not fingerprinted or looked up.</summary>
    private bool full;

    private long transitions;
    private uint reached;
    private bool complete = true;
    private int deepest;

    public BreadthFirstSearch(IModel<TState, TAction> model, ExplorationBounds bounds)
    {
        this.model = model;
        this.bounds = bounds;
    }

    public Exploration<TAction> Run()
    {
        try
        {
            return Search();
        }
        finally
        {
            current.Release();
            next.Release();
            visited.Release();
        }
    }

    private Exploration<TAction> Search()
    {
        var initial = model.Initial;
        trail.Add(-1, default);
        current.Add(initial);
        visited.Add(model.Fingerprint(initial));
        reached = model.Reached(initial);

        // A level's states were discovered one after another, so the state at position k of the
        // level whose first state has number levelStart is state number levelStart + k.
        int levelStart = 0;
        for (int depth = 0; current.Count > 0; depth++)
        {
            if (ExpandLevel(depth, levelStart) is { } hit)
            {
                var path = trail.PathTo(hit.Index);
                if (hit.WithLast) path.Add(hit.Last);
                return new Exploration<TAction>(hit.Violation, path, trail.Count, transitions, Math.Max(deepest, path.Count), false, []);
            }

            levelStart += current.Count;
            (current, next) = (next, current);
            next.Clear();
        }

        var unreached = model.Sometimes.Where((_, i) => (reached & (1u << i)) == 0).ToList();
        return new Exploration<TAction>(null, [], trail.Count, transitions, deepest, complete, unreached);
    }

    /// <summary>Expands every state of one level into the next, in order, and stops at the first
    /// violation (after keeping the new successors found before it, as a one-by-one search would).</summary>
    private Hit? ExpandLevel(int depth, int levelStart)
    {
        for (int k = 0; k < current.Count; k++)
        {
            ref readonly var state = ref current[k];
            int index = levelStart + k;
            actions.Clear();
            model.Actions(state, actions);
            if (actions.Count == 0)
            {
                if (model.AtQuiescence(state) is { } stuck)
                {
                    Keep(depth);
                    return new Hit(stuck, index, default, false);
                }

                continue;
            }

            if (depth >= bounds.MaxDepth)
            {
                complete = false;
                continue;
            }

            foreach (var action in actions)
            {
                ref var successor = ref next.Reserve(staged);
                if (!model.Next(state, action, out successor, out var violation)) continue;
                transitions++;
                if (violation is not null)
                {
                    Keep(depth);
                    return new Hit(violation, index, action, true);
                }

                if (!full) Stage(index, action, model.Fingerprint(successor));
            }

            if (staged >= Batch) Keep(depth);
        }

        Keep(depth);
        return null;
    }

    private void Stage(int parent, TAction action, ulong fingerprint)
    {
        if (staged == stagedPrints.Length)
        {
            Array.Resize(ref stagedParents, staged * 2);
            Array.Resize(ref stagedActions, staged * 2);
            Array.Resize(ref stagedPrints, staged * 2);
        }

        stagedParents[staged] = parent;
        stagedActions[staged] = action;
        stagedPrints[staged] = fingerprint;
        staged++;
    }

    /// <summary>Adds the staged successors to the visited set in order and keeps the new ones
    /// in the next level, up to the state limit.</summary>
    private void Keep(int depth)
    {
        visited.Prefetch(stagedPrints.AsSpan(0, staged));
        int first = next.Count;
        for (int j = 0; j < staged; j++)
        {
            if (!visited.Add(stagedPrints[j])) continue;
            if (trail.Count >= bounds.MaxStates)
            {
                complete = false;
                continue;
            }

            reached |= model.Reached(next[first + j]);
            next.Keep(first + j);
            trail.Add(stagedParents[j], stagedActions[j]);
            deepest = depth + 1;
        }

        staged = 0;
        full = !complete && trail.Count >= bounds.MaxStates;
    }

    /// <summary>A violation at state <see cref="Index"/>, or after one more action from it.</summary>
    private readonly record struct Hit(Violation Violation, int Index, TAction Last, bool WithLast);
}
