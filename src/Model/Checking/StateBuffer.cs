using System.Buffers;
using System.Runtime.CompilerServices;

namespace McpFuzz.Model.Checking;

/// <summary>One level of the breadth-first frontier: a growable sequence of states handed out by
/// reference. Candidates are written in place past the kept states and kept, in order, or dropped.</summary>
/// <remarks>A level can hold half a million states of a few hundred bytes. They live in fixed-size
/// chunks rather than one array, so growing copies nothing and leaves no garbage; a cleared buffer
/// keeps its chunks for the next level, and <see cref="Release"/> gives them to the shared pool,
/// where the next exploration finds memory that is already mapped. Chunks are not cleared: every
/// slot is written before it is read.</remarks>
internal sealed class StateBuffer<TState>
    where TState : struct
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    private TState[][] chunks = [];
    private int chunkCount;

    public int Count { get; private set; }

    public ref TState this[int index] => ref chunks[index >> ChunkBits][index & ChunkMask];

    /// <summary>The slot <paramref name="offset"/> places after the last kept state, for a candidate.</summary>
    public ref TState Reserve(int offset = 0)
    {
        int index = Count + offset;
        if ((index >> ChunkBits) >= chunkCount) AddChunk();
        return ref chunks[index >> ChunkBits][index & ChunkMask];
    }

    /// <summary>Keeps the candidate at <paramref name="index"/> (at or after <see cref="Count"/>)
    /// as the next state, moving it down over dropped candidates.</summary>
    public void Keep(int index)
    {
        if (index != Count) PlainCopy.Copy(this[index], out this[Count]);
        Count++;
    }

    public void Add(in TState state)
    {
        Reserve() = state;
        Count++;
    }

    /// <summary>Empties the buffer, keeping its chunks for the next level.</summary>
    public void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TState>())
        {
            for (int c = 0; c < chunkCount; c++) Array.Clear(chunks[c]);
        }

        Count = 0;
    }

    /// <summary>Gives the chunks back to the shared pool; the buffer is empty afterwards.</summary>
    public void Release()
    {
        Clear();
        for (int c = 0; c < chunkCount; c++) ArrayPool<TState>.Shared.Return(chunks[c]);
        chunks = [];
        chunkCount = 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddChunk()
    {
        if (chunkCount == chunks.Length) Array.Resize(ref chunks, Math.Max(4, chunkCount * 2));
        chunks[chunkCount++] = ArrayPool<TState>.Shared.Rent(ChunkSize);
    }
}
