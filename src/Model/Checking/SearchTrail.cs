namespace McpFuzz.Model.Checking;

/// <summary>How the search reached each state, and nothing else: the index of the state it came
/// from and the action taken there, in discovery order. Eight bytes per state instead of the state
/// itself; a counterexample is rebuilt by following parents and replaying the actions.</summary>
internal sealed class SearchTrail<TAction>
    where TAction : struct
{
    private int[] parents = new int[1024];
    private TAction[] actions = new TAction[1024];

    public int Count { get; private set; }

    /// <summary>Records a state reached from <paramref name="parent"/> (-1: the initial state) by
    /// <paramref name="action"/>; its index is the previous <see cref="Count"/>.</summary>
    public void Add(int parent, TAction action)
    {
        if (Count == parents.Length)
        {
            Array.Resize(ref parents, Count * 2);
            Array.Resize(ref actions, Count * 2);
        }

        parents[Count] = parent;
        actions[Count] = action;
        Count++;
    }

    /// <summary>The actions from the initial state to state <paramref name="index"/>, in order.</summary>
    public List<TAction> PathTo(int index)
    {
        var path = new List<TAction>();
        for (int i = index; parents[i] >= 0; i = parents[i]) path.Add(actions[i]);
        path.Reverse();
        return path;
    }
}
