namespace McpFuzz.Model.Machines.Kernel;

/// <summary>The answer of <c>Step</c>: a plain value, so an explorer can store, compare and hash it.
/// When the step is not Fired, <see cref="State"/> and <see cref="Context"/> are the ones passed in.</summary>
public readonly record struct StepResult<TState, TContext>
{
    internal StepResult(StepOutcome outcome, TState state, TContext context, int transitionIndex, RejectReason reason)
    {
        Outcome = outcome;
        State = state;
        Context = context;
        TransitionIndex = transitionIndex;
        Reason = reason;
    }

    public StepOutcome Outcome { get; }

    public TState State { get; }

    public TContext Context { get; }

    /// <summary>Index into <c>StateMachine.Transitions</c> of the transition that fired or ignored
    /// the trigger; -1 when the step was rejected.</summary>
    public int TransitionIndex { get; }

    public RejectReason Reason { get; }

    public bool IsFired => Outcome == StepOutcome.Fired;
}
