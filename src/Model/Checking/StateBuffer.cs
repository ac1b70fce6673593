using System.Runtime.CompilerServices;

namespace McpFuzz.Model.Checking;

/// <summary>One level of the breadth-first frontier: a growable array of states handed out by
/// reference. Candidates are written in place past the kept states and kept, in order, or dropped.</summary>
internal sealed class StateBuffer<TState>
    where TState : struct
{
    private TState[] items = new TState[256];

    public int Count { get; private set; }

    public ref TState this[int index] => ref items[index];

    /// <summary>The slot <paramref name="offset"/> places after the last kept state, for a
    /// candidate. The reference is valid until the next call of <see cref="Reserve"/>.</summary>
    public ref TState Reserve(int offset = 0)
    {
        if (Count + offset >= items.Length) Grow(Count + offset + 1);
        return ref items[Count + offset];
    }

    // Levels reach hundreds of megabytes: the new array is not cleared first (every slot is
    // written before it is read), which saves touching it twice.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int needed)
    {
        var larger = RuntimeHelpers.IsReferenceOrContainsReferences<TState>()
            ? new TState[Math.Max(items.Length * 2, needed)]
            : GC.AllocateUninitializedArray<TState>(Math.Max(items.Length * 2, needed));
        items.AsSpan().CopyTo(larger);
        items = larger;
    }

    /// <summary>Keeps the candidate at <paramref name="index"/> (at or after <see cref="Count"/>)
    /// as the next state, moving it down over dropped candidates.</summary>
    public void Keep(int index)
    {
        if (index != Count) items[Count] = items[index];
        Count++;
    }

    public void Add(in TState state)
    {
        Reserve() = state;
        Count++;
    }

    /// <summary>Empties the buffer, keeping its array for the next level (states holding
    /// references are cleared so that the buffer keeps nothing alive).</summary>
    public void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TState>()) Array.Clear(items);
        Count = 0;
    }
}
