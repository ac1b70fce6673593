using System.Collections.ObjectModel;

namespace McpFuzz.Model.Machines.Kernel;

public sealed partial class StateMachine<TState, TTrigger, TContext, TInput>
{
    /// <summary>Static checks of the table, guards ignored. Issues come grouped by kind (in the order
    /// of <see cref="ValidationIssueKind"/>), then by state and trigger in enum order.</summary>
    public IReadOnlyList<ValidationIssue> Validate()
    {
        var issues = new List<ValidationIssue>();
        bool[] reachable = Reachable();

        for (int s = 0; s < _states.Count; s++)
        {
            if (!reachable[s])
                issues.Add(new(ValidationIssueKind.Unreachable, StateName(s), null, $"{StateName(s)} cannot be reached from {Initial}"));
        }

        for (int s = 0; s < _states.Count; s++)
        {
            for (int g = 0; g < _triggers.Count; g++)
            {
                var candidates = _table.Candidates(s, g);
                // Report an overlap once, where it is declared, not again in every substate that inherits it.
                if (candidates.IsEmpty || _states.IndexOf(Transitions[candidates[0].Index].From) != s) continue;

                int unguarded = 0;
                foreach (var c in candidates) unguarded += c.Guard is null ? 1 : 0;
                int guarded = candidates.Length - unguarded;
                if (unguarded > 1)
                    issues.Add(new(ValidationIssueKind.Overlap, StateName(s), TriggerName(g), $"{unguarded} unguarded transitions: every {TriggerName(g)} in {StateName(s)} is Ambiguous"));
                else if (unguarded == 1 && guarded > 0)
                    issues.Add(new(ValidationIssueKind.Overlap, StateName(s), TriggerName(g), $"an unguarded transition overlaps {guarded} guarded one(s): {TriggerName(g)} in {StateName(s)} is Ambiguous whenever one of their guards holds"));
            }
        }

        for (int s = 0; s < _states.Count; s++)
        {
            if (!_final[s] && !LeadsOut(s))
                issues.Add(new(ValidationIssueKind.DeadEnd, StateName(s), null, $"{StateName(s)} is not final, yet no transition leads out of it"));
        }

        // A final state is expected to handle nothing, so its pairs would only be noise.
        for (int s = 0; s < _states.Count; s++)
        {
            if (_final[s]) continue;
            for (int g = 0; g < _triggers.Count; g++)
            {
                if (_table.Candidates(s, g).IsEmpty)
                    issues.Add(new(ValidationIssueKind.Unhandled, StateName(s), TriggerName(g), $"{TriggerName(g)} is not configured in {StateName(s)}"));
            }
        }

        return new ReadOnlyCollection<ValidationIssue>(issues);
    }

    /// <summary>States reachable from the initial one along External and Reentry transitions, guards
    /// ignored. Only states actually entered are expanded; their ancestors are then marked reachable
    /// too, since being in a substate is being in its superstates. (A superstate's own transitions
    /// reach its substates through the flattened table already.)</summary>
    private bool[] Reachable()
    {
        var reached = new bool[_states.Count];
        int initial = _states.IndexOf(Initial);
        var queue = new Queue<int>();
        reached[initial] = true;
        queue.Enqueue(initial);
        while (queue.Count > 0)
        {
            int s = queue.Dequeue();
            for (int g = 0; g < _triggers.Count; g++)
            {
                foreach (var c in _table.Candidates(s, g))
                {
                    if (c.Kind is TransitionKind.Internal or TransitionKind.Ignore) continue;
                    int to = _states.IndexOf(c.To);
                    if (reached[to]) continue;
                    reached[to] = true;
                    queue.Enqueue(to);
                }
            }
        }

        var withAncestors = (bool[])reached.Clone();
        for (int s = 0; s < _states.Count; s++)
        {
            if (!reached[s]) continue;
            for (int a = _parents[s]; a >= 0; a = _parents[a]) withAncestors[a] = true;
        }

        return withAncestors;
    }

    /// <summary>Whether some transition, own or inherited, can take the machine from the state to a
    /// different one. Internal and Ignore keep it where it is, and so does a Reentry the state
    /// declares itself; a Reentry inherited from a superstate leaves for the superstate.</summary>
    private bool LeadsOut(int s)
    {
        for (int g = 0; g < _triggers.Count; g++)
        {
            foreach (var c in _table.Candidates(s, g))
            {
                if (c.Kind is TransitionKind.External or TransitionKind.Reentry && _states.IndexOf(c.To) != s) return true;
            }
        }

        return false;
    }

    private string StateName(int s) => _states[s].ToString();

    private string TriggerName(int g) => _triggers[g].ToString();
}
