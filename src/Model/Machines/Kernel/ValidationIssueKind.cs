namespace McpFuzz.Model.Machines.Kernel;

/// <summary>The kinds of finding <c>StateMachine.Validate</c> reports. None of them stops a machine
/// from being built: some models mean them (a state kept for a later revision, a trigger that is
/// simply not acceptable in a state), so callers decide which kinds matter to them.</summary>
public enum ValidationIssueKind : byte
{
    /// <summary>No path of transitions from the initial state reaches the state, guards ignored.</summary>
    Unreachable,

    /// <summary>An unguarded candidate sits beside guarded ones for the same state and trigger, so
    /// whenever one of those guards holds the step is Ambiguous.</summary>
    Overlap,

    /// <summary>A state that is not final and that no transition, own or inherited, leads out of.</summary>
    DeadEnd,

    /// <summary>A (state, trigger) pair with no candidates; informational.</summary>
    Unhandled,
}
