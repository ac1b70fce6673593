using System.Buffers;

namespace McpFuzz.Model.Checking;

/// <summary>An open-addressing set of 64-bit fingerprints: the explorer's visited set. Storing
/// fingerprints instead of states is what TLC does; a collision (odds about n²/2⁶⁵) could hide
/// a state, which is the accepted price for memory per state of 8 bytes. Tables come from the shared
/// pool; <see cref="Release"/> returns the current one when the set is no longer needed.</summary>
/// <remarks>
/// The table is far larger than the processor's caches, so a lookup in it is usually a miss. But
/// most fingerprints that come back come back soon (a state reached by two orders of the same two
/// steps is reached from two sibling states, which a breadth-first search expands one after the
/// other), so a small direct-mapped cache of recently seen fingerprints, which fits in the nearer
/// caches, answers most repeated ones. It only ever holds fingerprints that are in the set, so a
/// hit there is a certain "already present".
/// </remarks>
public sealed class FingerprintSet
{
    private const int RecentBits = 14;

    private readonly ulong[] recent = new ulong[1 << RecentBits];
    private ulong[] slots = Rent(1 << 16);
    private int mask = (1 << 16) - 1;
    private bool hasZero;

    // Written by Prefetch so that its reads are not optimized away; never read.
    private ulong touched;

    public int Count { get; private set; }

    /// <summary>Adds a fingerprint; false when it was already present.</summary>
    public bool Add(ulong fingerprint)
    {
        if (fingerprint == 0)
        {
            if (hasZero) return false;
            hasZero = true;
            Count++;
            return true;
        }

        ref ulong seen = ref recent[RecentIndex(fingerprint)];
        if (seen == fingerprint) return false;
        seen = fingerprint;

        if ((Count + 1) * 4 > slots.Length * 3) Grow();
        int i = (int)(fingerprint >> 20) & mask;
        while (true)
        {
            ulong s = slots[i];
            if (s == fingerprint) return false;
            if (s == 0)
            {
                slots[i] = fingerprint;
                Count++;
                return true;
            }

            i = (i + 1) & mask;
        }
    }

    // Other bits than the table's index, so that neighbours in the table do not evict each other here.
    private static int RecentIndex(ulong fingerprint) => (int)(fingerprint >> (64 - RecentBits));

    /// <summary>Reads the slot where each fingerprint's search starts. The reads do not depend
    /// on each other, so the processor overlaps their cache misses; the <see cref="Add"/> calls
    /// that follow then find the slots in cache.</summary>
    public void Prefetch(ReadOnlySpan<ulong> fingerprints)
    {
        var table = slots;
        ulong any = 0;
        foreach (ulong f in fingerprints)
        {
            if (recent[RecentIndex(f)] != f) any |= table[(int)(f >> 20) & mask];
        }

        touched = any;
    }

    /// <summary>Empties the set and gives its table back to the pool.</summary>
    public void Release()
    {
        ArrayPool<ulong>.Shared.Return(slots);
        slots = Rent(1 << 16);
        mask = slots.Length - 1;
        Array.Clear(recent);
        hasZero = false;
        Count = 0;
    }

    private static ulong[] Rent(int size)
    {
        var table = ArrayPool<ulong>.Shared.Rent(size);
        Array.Clear(table);
        return table;
    }

    private void Grow()
    {
        var old = slots;
        slots = Rent(old.Length * 2);
        mask = slots.Length - 1;
        foreach (ulong f in old)
        {
            if (f == 0) continue;
            int i = (int)(f >> 20) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = f;
        }

        ArrayPool<ulong>.Shared.Return(old);
    }
}
