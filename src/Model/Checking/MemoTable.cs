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
    private Slot[] slots = new Slot[1024];
    private TKey[] keys = new TKey[256];
    private TValue[] values = new TValue[256];
    private int count;
    private readonly int capacity;

    /// <param name="capacity">The most entries kept; past it, <see cref="Add"/> does nothing.</param>
    public MemoTable(int capacity) => this.capacity = capacity;

    /// <summary>Whether keys of this type are plain memory, which the table requires.</summary>
    public static bool Supported => !RuntimeHelpers.IsReferenceOrContainsReferences<TKey>();

    public int Count => count;

    public static ulong Hash(in TKey key) => Fingerprint.Of(key);

    public bool TryGet(in TKey key, ulong hash, out TValue value)
    {
        int mask = slots.Length - 1;
        for (int i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            ref readonly var slot = ref slots[i];
            if (slot.Entry == 0) break;
            if (slot.Hash == hash && Same(keys[slot.Entry - 1], key))
            {
                value = values[slot.Entry - 1];
                return true;
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
        if (count == keys.Length)
        {
            Array.Resize(ref keys, count * 2);
            Array.Resize(ref values, count * 2);
        }

        keys[count] = key;
        values[count] = value;
        count++;
        Place(slots, hash, count);
    }

    private static bool Same(in TKey a, in TKey b) =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<TKey>(in a)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<TKey>(in b)));

    private void Rehash(int size)
    {
        var larger = new Slot[size];
        foreach (var slot in slots)
        {
            if (slot.Entry != 0) Place(larger, slot.Hash, slot.Entry);
        }

        slots = larger;
    }

    private static void Place(Slot[] table, ulong hash, int entry)
    {
        int mask = table.Length - 1;
        int i = (int)hash & mask;
        while (table[i].Entry != 0) i = (i + 1) & mask;
        table[i] = new Slot { Hash = hash, Entry = entry };
    }

    /// <summary>A key's hash and its entry's position plus one (0: an empty slot).</summary>
    private struct Slot
    {
        public ulong Hash;
        public int Entry;
    }
}
