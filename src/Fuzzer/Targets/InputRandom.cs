namespace McpFuzz.Fuzzer.Targets;

/// <summary>
/// A small PRNG seeded by the input itself (FNV-1a over its bytes, then xorshift64*): a target
/// that needs random choices (chunk sizes, limits) makes the same ones every time it sees the same
/// input, so a crash reproduces from the input file alone and the engine's mutations of the input
/// also explore the choices.
/// </summary>
public struct InputRandom
{
    private ulong _state;

    public InputRandom(ReadOnlySpan<byte> input, ulong salt = 0)
    {
        ulong hash = 14695981039346656037UL ^ salt;
        foreach (byte b in input) hash = (hash ^ b) * 1099511628211UL;
        _state = hash == 0 ? 0x9E3779B97F4A7C15UL : hash;
    }

    public ulong NextUInt64()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 2685821657736338717UL;
    }

    /// <summary>A value in [<paramref name="min"/>, <paramref name="max"/>] (both inclusive).</summary>
    public int Next(int min, int max) => min + (int)(NextUInt64() % (ulong)(max - min + 1));

    public bool NextBool() => (NextUInt64() & 1) != 0;
}
