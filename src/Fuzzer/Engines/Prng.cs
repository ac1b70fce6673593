namespace McpFuzz.Fuzzer.Engines;

/// <summary>
/// The engine's random source: xoshiro256** seeded through SplitMix64. Our own rather than
/// <see cref="Random"/> so that a <c>--seed</c> replays the same campaign whatever the runtime
/// version does to its generator.
/// </summary>
public sealed class Prng
{
    private ulong s0, s1, s2, s3;

    public Prng(ulong seed)
    {
        ulong x = seed;
        s0 = SplitMix(ref x); s1 = SplitMix(ref x); s2 = SplitMix(ref x); s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong Next()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A number in [0, <paramref name="bound"/>); <paramref name="bound"/> must be positive.</summary>
    public int Below(int bound) => (int)((Next() >> 32) * (ulong)bound >> 32);

    /// <summary>A number in [<paramref name="low"/>, <paramref name="high"/>] inclusive.</summary>
    public int Between(int low, int high) => low + Below(high - low + 1);

    public bool OneIn(int n) => Below(n) == 0;

    public byte Byte() => (byte)Next();
}
