namespace McpFuzz.Model.Machines.Kernel;

/// <summary>What firing a transition does to the state. The kernel has no entry or exit actions,
/// so External and Reentry differ only in intent (and in how diagrams and traces read); Internal
/// and Ignore keep whatever state the machine was in, which may be a substate of the one that
/// declared them.</summary>
public enum TransitionKind : byte
{
    /// <summary>Leave <c>From</c> and enter <c>To</c>; <c>To</c> is never <c>From</c> (that is a Reentry).</summary>
    External,

    /// <summary><c>To</c> equals <c>From</c> and counts as exit and enter. Inherited by a substate, it
    /// lands in the superstate that declared it, as re-entering the superstate leaves the substate.</summary>
    Reentry,

    /// <summary>The state is unchanged; only the effect runs.</summary>
    Internal,

    /// <summary>The trigger is accepted and nothing changes: Step answers Ignored, not Rejected.</summary>
    Ignore,
}
