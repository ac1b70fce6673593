using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace McpFuzz.Model.Checking;

/// <summary>A map from plain-memory keys to values, for remembering the results of pure functions.
/// Keys are equal when their bytes are; a key type with padding may then miss a remembered value,
/// which costs a recomputation and never returns a wrong one. Not synchronized.</summary>
internal sealed class MemoTable<TKey, TValue>
    where TKey : struct
    where TValue : struct
{
    // Slots are small so that the table of them stays in the nearer caches; an entry holds its
    // key and value side by side, so a hit reads one place in memory after its slot.
    private Slot[] slots = new Slot[1024];
    private Entry[] entries = new Entry[256];
    private int count;
    private readonly int capacity;

    /// <param name="capacity">The most entries kept; past it, <see cref="Add"/> does nothing.</param>
    public MemoTable(int capacity) => this.capacity = capacity;

    /// <summary>Whether keys of this type are plain memory, which the table requires.</summary>
    public static bool Supported => !RuntimeHelpers.IsReferenceOrContainsReferences<TKey>();

    public int Count => count;

    /// <summary>A hash for finding a key's slot. Keys are compared whole, so unlike a fingerprint it
    /// only has to spread keys over the table, and one multiplication per word does that: four
    /// independent lanes, the last round overlapping the one before, then one mixing step.</summary>
    public static ulong Hash(in TKey key)
    {
        var bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<TKey>(in key));
        ref byte start = ref MemoryMarshal.GetReference(bytes);
        int length = bytes.Length;
        ulong a = LaneA, b = LaneB, c = LaneC, d = (ulong)length;
        if (length >= 32)
        {
            for (int i = 0; i < length - 32; i += 32)
            {
                a = (a + Word(ref start, i)) * LaneA;
                b = (b + Word(ref start, i + 8)) * LaneB;
                c = (c + Word(ref start, i + 16)) * LaneC;
                d = (d + Word(ref start, i + 24)) * LaneD;
            }

            a = (a + Word(ref start, length - 32)) * LaneA;
            b = (b + Word(ref start, length - 24)) * LaneB;
            c = (c + Word(ref start, length - 16)) * LaneC;
            d = (d + Word(ref start, length - 8)) * LaneD;
        }
        else
        {
            return Fingerprint.Of(bytes);
        }

        ulong hash = a ^ BitOperations.RotateLeft(b, 16) ^ BitOperations.RotateLeft(c, 32) ^ BitOperations.RotateLeft(d, 48);
        hash ^= hash >> 31;
        hash *= LaneD;
        return hash ^ (hash >> 29);
    }

    private const ulong LaneA = 0x9E3779B97F4A7C15UL;
    private const ulong LaneB = 0xBF58476D1CE4E5B9UL;
    private const ulong LaneC = 0x94D049BB133111EBUL;
    private const ulong LaneD = 0xFF51AFD7ED558CCDUL;

    private static ulong Word(ref byte start, int offset) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, offset));

    public bool TryGet(in TKey key, ulong hash, out TValue value)
    {
        int mask = slots.Length - 1;
        for (int i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            ref readonly var slot = ref slots[i];
            if (slot.Entry == 0) break;
            if (slot.Tag == (uint)(hash >> 32))
            {
                ref readonly var entry = ref entries[slot.Entry - 1];
                if (Same(entry.Key, key))
                {
                    value = entry.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>Remembers a value for a key that <see cref="TryGet"/> did not find.</summary>
    public void Add(in TKey key, ulong hash, in TValue value)
    {
        if (count >= capacity) return;
        if ((count + 1) * 2 > slots.Length) Rehash(slots.Length * 2);
        if (count == entries.Length) Array.Resize(ref entries, count * 2);
        entries[count] = new Entry { Key = key, Value = value, Hash = hash };
        count++;
        Place(slots, (int)hash, (uint)(hash >> 32), count);
    }

    private static bool Same(in TKey a, in TKey b) =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<TKey>(in a)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<TKey>(in b)));

    private void Rehash(int size)
    {
        var larger = new Slot[size];
        foreach (var slot in slots)
        {
            if (slot.Entry != 0) Place(larger, (int)entries[slot.Entry - 1].Hash, slot.Tag, slot.Entry);
        }

        slots = larger;
    }

    private static void Place(Slot[] table, int start, uint tag, int entry)
    {
        int mask = table.Length - 1;
        int i = start & mask;
        while (table[i].Entry != 0) i = (i + 1) & mask;
        table[i] = new Slot { Tag = tag, Entry = entry };
    }

    /// <summary>The high half of a key's hash (the low half chose the slot) and its entry's
    /// position plus one (0: an empty slot).</summary>
    private struct Slot
    {
        public uint Tag;
        public int Entry;
    }

    private struct Entry
    {
        public TKey Key;
        public TValue Value;
        public ulong Hash;
    }
}
