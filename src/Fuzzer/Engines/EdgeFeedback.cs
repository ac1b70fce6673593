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
public sealed unsafe class EdgeFeedback(SeenEdges? published = null)
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
    /// records what it holds and zeroes the map for the next run. The map is read a vector at a
    /// time and only the few vectors holding counts are touched: one read-only pass over 64 KiB
    /// instead of a scan and a separate clear.</summary>
    public bool MergeAndClear(byte* map)
    {
        bool fresh = false;
        var words = new ReadOnlySpan<ulong>(map, CoverageMap.Size / sizeof(ulong));
        int stride = Vector<ulong>.Count;
        var vectors = MemoryMarshal.Cast<ulong, Vector<ulong>>(words);
        // Four vectors a test: most of the map is zero, so the branch is nearly always taken.
        for (int v = 0; v < vectors.Length; v += 4)
        {
            if ((vectors[v] | vectors[v + 1] | vectors[v + 2] | vectors[v + 3]) == Vector<ulong>.Zero) continue;
            fresh |= MergeWords(map, v * stride, (v + 4) * stride);
        }
        return fresh;
    }

    /// <summary>One run's features, the unit <see cref="MergeAndClear"/> tells apart: an edge and
    /// the bucket of its counter, as <c>edge * 8 + bucket bit</c>, in ascending order. Appends them
    /// to <paramref name="features"/> and zeroes the map. A corpus keeps the same novelty as the
    /// engine saw when its inputs keep the same features.</summary>
    public static void CollectAndClear(byte* map, List<int> features)
    {
        var words = (ulong*)map;
        for (int w = 0; w < CoverageMap.Size / sizeof(ulong); w++)
        {
            if (words[w] == 0) continue;
            int start = w * sizeof(ulong);
            for (int i = start; i < start + sizeof(ulong); i++)
            {
                byte count = map[i];
                if (count != 0) features.Add(i * 8 + BitOperations.TrailingZeroCount(BucketOf[count]));
            }
            words[w] = 0;
        }
    }

    /// <summary>The edge a feature of <see cref="CollectAndClear"/> belongs to.</summary>
    public static int EdgeOf(int feature) => feature >> 3;

    private bool MergeWords(byte* map, int from, int to)
    {
        bool fresh = false;
        var words = (ulong*)map;
        for (int w = from; w < to; w++)
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
                if (old == 0)
                {
                    Edges++;
                    published?.Mark(i);
                }
                seen[i] = (byte)(old | bucket);
                fresh = true;
            }
            words[w] = 0;
        }
        return fresh;
    }
}
