namespace McpFuzz.Model.Checking;

/// <summary>An open-addressing set of 64-bit fingerprints: the explorer's visited set. Storing
/// fingerprints instead of states is what TLC does; a collision (odds about n²/2⁶⁵) could hide
/// a state, which is the accepted price for memory per state of 8 bytes.</summary>
public sealed class FingerprintSet
{
    private ulong[] slots = new ulong[1 << 16];
    private int mask = (1 << 16) - 1;
    private bool hasZero;

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

    private void Grow()
    {
        var old = slots;
        slots = new ulong[old.Length * 2];
        mask = slots.Length - 1;
        foreach (ulong f in old)
        {
            if (f == 0) continue;
            int i = (int)(f >> 20) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = f;
        }
    }
}
