namespace McpFuzz.Model.Machines.Kernel;

/// <summary>Why <c>Step</c> rejected a trigger. The explorer treats the first two as "the peer
/// may not do this now" and <see cref="Ambiguous"/> as a bug in the model itself.</summary>
public enum RejectReason : byte
{
    /// <summary>The step was not rejected.</summary>
    None,

    /// <summary>No transition is configured for the trigger in the state or any superstate
    /// (also the answer for a state or trigger value the enum does not define).</summary>
    NotConfigured,

    /// <summary>Transitions are configured, but every guard is false.</summary>
    GuardsFailed,

    /// <summary>More than one candidate's guard holds: the model does not say which one fires.</summary>
    Ambiguous,
}
