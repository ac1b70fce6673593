using System.Runtime.CompilerServices;
using McpFuzz.Model.Machines.Kernel;

namespace McpFuzz.Model.Checking;

/// <summary>A machine's steps, remembered. Guards and effects are pure, so a step depends only on
/// the state, context, trigger and input; an exploration asks the same step of millions of worlds
/// that differ elsewhere (the other peer, the network), and a few thousand distinct steps answer
/// them all. The answers are exactly the machine's: the cache never changes what is explored.</summary>
/// <remarks>The cache belongs to the thread that first uses it; other threads step the machine
/// directly, so one model may still be shared between threads.</remarks>
public sealed class StepCache<TState, TTrigger, TContext, TInput>
    where TState : struct, Enum
    where TTrigger : struct, Enum
    where TContext : struct
    where TInput : struct
{
    /// <summary>The most steps remembered per table (the McpWorld pairings need tens of
    /// thousands); past it, steps are computed every time.</summary>
    private const int Capacity = 1 << 18;

    // A key with padding between its fields is cleared first, so that equal keys have equal bytes.
    private static readonly bool KeyHasPadding =
        Unsafe.SizeOf<Key>() != Unsafe.SizeOf<TState>() + Unsafe.SizeOf<TTrigger>() + Unsafe.SizeOf<TContext>() + Unsafe.SizeOf<TInput>();

    private readonly MemoTable<Key, StepResult<TState, TContext>>? steps;
    private readonly MemoTable<DecisionKey, uint>? decisions;
    private readonly TTrigger[] decisionTriggers;
    private int owner;

    /// <param name="decisions">The triggers <see cref="Decisions"/> reports on (at most 32), each
    /// offered with the default input: the choices a peer makes on its own.</param>
    public StepCache(StateMachine<TState, TTrigger, TContext, TInput> machine, params TTrigger[] decisions)
    {
        if (decisions.Length > 32) throw new ArgumentException("at most 32 decisions", nameof(decisions));
        Machine = machine;
        decisionTriggers = decisions;
        if (MemoTable<Key, StepResult<TState, TContext>>.Supported) steps = new(Capacity);
        if (MemoTable<DecisionKey, uint>.Supported) this.decisions = new(Capacity);
    }

    public StateMachine<TState, TTrigger, TContext, TInput> Machine { get; }

    /// <summary>What <see cref="StateMachine{TState, TTrigger, TContext, TInput}.Step"/> answers.</summary>
    public StepResult<TState, TContext> Step(TState state, in TContext context, TTrigger trigger, in TInput input)
    {
        if (steps is null || !Owned()) return Machine.Step(state, context, trigger, input);
        // Field by field into an uninitialized key: an initializer would build the key in a
        // temporary and copy it, and the copy's reads would wait for the temporary's writes.
        Unsafe.SkipInit(out Key key);
        if (KeyHasPadding) key = default;
        key.State = state;
        key.Trigger = trigger;
        key.Context = context;
        key.Input = input;
        ulong hash = MemoTable<Key, StepResult<TState, TContext>>.Hash(key);
        return steps.TryGet(key, hash, out var known) ? known : StepAndRemember(key, hash);
    }

    // Apart from the lookup, so that callers inlining Step do not also carry the machine's step.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private StepResult<TState, TContext> StepAndRemember(in Key key, ulong hash)
    {
        var result = Machine.Step(key.State, key.Context, key.Trigger, key.Input);
        steps!.Add(key, hash, result);
        return result;
    }

    /// <summary>Which of the decision triggers can fire with the default input: bit i for
    /// decision i, as <see cref="StateMachine{TState, TTrigger, TContext, TInput}.CanFire"/> answers.</summary>
    public uint Decisions(TState state, in TContext context)
    {
        if (decisions is null || !Owned()) return DecideUncached(state, context);
        var key = default(DecisionKey);
        key.State = state;
        key.Context = context;
        ulong hash = MemoTable<DecisionKey, uint>.Hash(key);
        return decisions.TryGet(key, hash, out uint known) ? known : DecideAndRemember(key, hash);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private uint DecideAndRemember(in DecisionKey key, ulong hash)
    {
        uint mask = DecideUncached(key.State, key.Context);
        decisions!.Add(key, hash, mask);
        return mask;
    }

    private uint DecideUncached(TState state, in TContext context)
    {
        uint mask = 0;
        for (int i = 0; i < decisionTriggers.Length; i++)
        {
            if (Machine.CanFire(state, context, decisionTriggers[i], default)) mask |= 1u << i;
        }

        return mask;
    }

    private bool Owned()
    {
        int thread = Environment.CurrentManagedThreadId;
        if (owner == thread) return true;
        return Interlocked.CompareExchange(ref owner, thread, 0) == 0;
    }

    private struct Key
    {
        public TState State;
        public TTrigger Trigger;
        public TContext Context;
        public TInput Input;
    }

    private struct DecisionKey
    {
        public TState State;
        public TContext Context;
    }
}
