namespace McpFuzz.Model.Machines.Kernel;

/// <summary>What <c>Step</c> did with a trigger.</summary>
public enum StepOutcome : byte
{
    /// <summary>One transition fired: the state and context in the result are the next ones.</summary>
    Fired,

    /// <summary>An Ignore transition accepted the trigger; state and context are unchanged.</summary>
    Ignored,

    /// <summary>The trigger is not acceptable here; <see cref="RejectReason"/> says why.</summary>
    Rejected,
}
