namespace McpFuzz.Model.Machines.Kernel;

// Both take the context and the input by readonly reference: contexts are value types that the
// explorer copies and hashes, and passing them by `in` costs no copy and lets no guard or effect
// change the caller's value.

/// <summary>A pure condition on the context and the trigger's input. It must not throw and must
/// give the same answer for the same arguments: Step evaluates it as often as it likes.</summary>
public delegate bool Guard<TContext, TInput>(in TContext context, in TInput input);

/// <summary>A pure function from the context (and the input) to the next context.</summary>
public delegate TContext Effect<TContext, TInput>(in TContext context, in TInput input);
