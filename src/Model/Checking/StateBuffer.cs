using System.Buffers;
using System.Runtime.CompilerServices;

namespace McpFuzz.Model.Checking;

/// <summary>One level of the breadth-first frontier: a growable array of states handed out by
/// reference. Candidates are written in place past the kept states and kept, in order, or dropped.</summary>
/// <remarks>Levels reach hundreds of megabytes, so the arrays come from the shared pool and go back
/// on <see cref="Release"/>: the next exploration reuses memory that is already mapped instead of
/// faulting in fresh pages. Pooled arrays are not cleared; every slot is written before it is read.</remarks>
internal sealed class StateBuffer<TState>
    where TState : struct
{
    private TState[] items = ArrayPool<TState>.Shared.Rent(256);

    public int Count { get; private set; }

    public ref TState this[int index] => ref items[index];

    /// <summary>The slot <paramref name="offset"/> places after the last kept state, for a
    /// candidate. The reference is valid until the next call of <see cref="Reserve"/>.</summary>
    public ref TState Reserve(int offset = 0)
    {
        if (Count + offset >= items.Length) Grow(Count + offset + 1);
        return ref items[Count + offset];
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

    /// <summary>Empties the buffer, keeping its array for the next level.</summary>
    public void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TState>()) Array.Clear(items);
        Count = 0;
    }

    /// <summary>Gives the array back to the pool; the buffer is empty and small afterwards.</summary>
    public void Release()
    {
        Clear();
        ArrayPool<TState>.Shared.Return(items);
        items = [];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int needed)
    {
        var larger = ArrayPool<TState>.Shared.Rent(Math.Max(items.Length * 2, needed));
        items.AsSpan(0, items.Length).CopyTo(larger);
        if (items.Length > 0) ArrayPool<TState>.Shared.Return(items, RuntimeHelpers.IsReferenceOrContainsReferences<TState>());
        items = larger;
    }
}
