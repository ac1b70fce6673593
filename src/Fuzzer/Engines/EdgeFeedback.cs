using System.Numerics;
using System.Runtime.InteropServices;
using McpFuzz.Fuzzer.Coverage;

namespace McpFuzz.Fuzzer.Engines;

/// <summary>
/// AFL's new-coverage test. Each edge counter is put in a bucket (1, 2, 3, 4–7, 8–15, 16–31,
/// 32–127, 128+), one bit per bucket, and an input is interesting when it sets a bucket bit no
/// earlier input set for that edge. So a loop running a few more times counts as new, but not one
/// running 1000 instead of 1001 times.
/// </summary>
public sealed unsafe class EdgeFeedback
{
    private static readonly byte[] BucketOf = BuildBuckets();

    // One byte per edge: the bucket bits seen so far.
    private readonly byte[] seen = new byte[CoverageMap.Size];

    /// <summary>Edges hit at least once by some input.</summary>
    public int Edges { get; private set; }

    private static byte[] BuildBuckets()
    {
        var buckets = new byte[256];
        for (int count = 1; count < 256; count++)
        {
            buckets[count] = count switch
            {
                1 => 1, 2 => 2, 3 => 4,
                <= 7 => 8, <= 15 => 16, <= 31 => 32, <= 127 => 64,
                _ => 128,
            };
        }
        return buckets;
    }

    /// <summary>Whether <paramref name="map"/> (one run's counters) holds a bucket not seen before;
    /// records what it holds. Words of eight zero counters, the vast majority, are skipped whole.</summary>
    public bool Merge(byte* map)
    {
        bool fresh = false;
        var words = new ReadOnlySpan<ulong>(map, CoverageMap.Size / sizeof(ulong));
        int stride = Vector<ulong>.Count;
        var vectors = MemoryMarshal.Cast<ulong, Vector<ulong>>(words);
        for (int v = 0; v < vectors.Length; v++)
        {
            if (vectors[v] == Vector<ulong>.Zero) continue;
            for (int w = v * stride; w < (v + 1) * stride; w++)
            {
                if (words[w] == 0) continue;
                int start = w * sizeof(ulong);
                for (int i = start; i < start + sizeof(ulong); i++)
                {
                    byte count = map[i];
                    if (count == 0) continue;
                    byte bucket = BucketOf[count];
                    byte old = seen[i];
                    if ((old & bucket) != 0) continue;
                    if (old == 0) Edges++;
                    seen[i] = (byte)(old | bucket);
                    fresh = true;
                }
            }
        }
        return fresh;
    }
}
