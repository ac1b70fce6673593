using McpFuzz.Model.Machines.Kernel;

namespace McpFuzz.Driver.Cli;

/// <summary>Which of the kernel's validation issues make a shipped machine wrong. The kernel leaves
/// that choice to its callers (<see cref="ValidationIssueKind"/>); this is the CLI's.</summary>
public static class MachineProblems
{
    /// <summary>Overlapping transitions always count; an unreachable state counts when the machine
    /// gives it transitions (machines of different revisions share one phase enum, and a phase
    /// another revision uses is no problem here). Unhandled pairs do not:
    /// the kernel calls them informational, and a machine leaves a decision unconfigured exactly
    /// where it cannot take it. A dead end counts only in a state the machine can actually be in,
    /// the initial state or one a transition enters: a superstate that merely groups final
    /// substates (the client's Finished over Done and Failed) never holds the machine.</summary>
    public static IReadOnlyList<ValidationIssue> Of<TState, TTrigger, TContext, TInput>(StateMachine<TState, TTrigger, TContext, TInput> machine)
        where TState : struct, Enum
        where TTrigger : struct, Enum
        where TContext : struct
    {
        var entered = machine.Transitions
            .Where(t => t.Kind is TransitionKind.External or TransitionKind.Reentry)
            .Select(t => t.To.ToString())
            .Append(machine.Initial.ToString())
            .ToHashSet();
        var mentioned = machine.Transitions.SelectMany(t => new[] { t.From.ToString(), t.To.ToString() }).ToHashSet();
        return machine.Validate()
            .Where(issue => issue.Kind switch
            {
                ValidationIssueKind.Unhandled => false,
                ValidationIssueKind.DeadEnd => entered.Contains(issue.State),
                ValidationIssueKind.Unreachable => mentioned.Contains(issue.State),
                _ => true,
            })
            .ToList();
    }
}
