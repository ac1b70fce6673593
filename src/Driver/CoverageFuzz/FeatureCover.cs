namespace McpFuzz.Driver.CoverageFuzz;

/// <summary>
/// Picks a small set of inputs whose features together are every input's features. Smallest
/// exactly is set cover (NP-hard), so: greedy — repeatedly the input adding the most features not
/// yet covered, the shorter on a tie (libFuzzer's <c>-set_cover_merge</c> idea), evaluated lazily —
/// then a pass from the longest kept input down that drops any whose every feature another kept
/// input also has. The result has the same features and no input that could be left out alone.
/// </summary>
public static class FeatureCover
{
    /// <summary>The indices of the inputs to keep, ascending. <paramref name="features"/>[i] (distinct
    /// features, as a replay reports them) null
    /// means input i is not a candidate (it crashed or could not be read).</summary>
    public static IReadOnlyList<int> Choose(IReadOnlyList<int[]?> features, IReadOnlyList<long> sizes)
    {
        var covered = new HashSet<int>();
        var queue = new PriorityQueue<int, (int Gain, long Size, int Index)>();
        for (int i = 0; i < features.Count; i++)
            if (features[i] is { Length: > 0 } f) queue.Enqueue(i, (-f.Length, sizes[i], i));

        var kept = new List<int>();
        while (queue.TryDequeue(out int i, out var key))
        {
            int gain = features[i]!.Count(f => !covered.Contains(f));
            if (gain == 0) continue;
            // Gains only fall as coverage grows: an input whose gain is still what it was queued
            // with is the best left.
            if (-gain != key.Gain)
            {
                queue.Enqueue(i, (-gain, key.Size, key.Index));
                continue;
            }
            kept.Add(i);
            covered.UnionWith(features[i]!);
        }

        var holders = new Dictionary<int, int>();
        foreach (int i in kept)
            foreach (int f in features[i]!) holders[f] = holders.GetValueOrDefault(f) + 1;
        foreach (int i in kept.OrderByDescending(i => sizes[i]).ThenByDescending(i => i).ToList())
        {
            var own = features[i]!;
            if (own.Any(f => holders[f] < 2)) continue;
            foreach (int f in own) holders[f]--;
            kept.Remove(i);
        }
        kept.Sort();
        return kept;
    }
}
