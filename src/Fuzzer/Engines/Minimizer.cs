namespace McpFuzz.Fuzzer.Engines;

/// <summary>
/// Shrinks a crashing input while the same crash (the same signature) reproduces: removes chunks
/// of halving size until no single byte can go, then makes the remaining bytes simpler (each to
/// <c>'0'</c>... or the byte below) so a person reads the smallest, plainest input.
/// </summary>
public static class Minimizer
{
    /// <summary>The smallest input found; <paramref name="stillCrashes"/> runs the target.
    /// <paramref name="maxTries"/> bounds the runs, <paramref name="maxTime"/> the wall clock
    /// (candidates that hang cost a timeout each).</summary>
    public static byte[] Shrink(byte[] input, Func<byte[], bool> stillCrashes, int maxTries = 100_000, TimeSpan? maxTime = null)
    {
        int tries = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        bool Try(byte[] candidate)
        {
            if (maxTime is { } limit && clock.Elapsed >= limit) tries = maxTries;
            return tries++ < maxTries && stillCrashes(candidate);
        }

        byte[] best = input;
        for (int chunk = Math.Max(1, best.Length / 2); chunk >= 1; chunk /= 2)
        {
            bool removed;
            do
            {
                removed = false;
                for (int at = 0; at + chunk <= best.Length && tries < maxTries;)
                {
                    byte[] candidate = [.. best.AsSpan(0, at), .. best.AsSpan(at + chunk)];
                    if (Try(candidate)) { best = candidate; removed = true; }
                    else at += chunk;
                }
            } while (removed && tries < maxTries);
        }

        // Plainer bytes: a crash that needs none of them in particular shows zeros.
        for (int i = 0; i < best.Length && tries < maxTries; i++)
        {
            if (best[i] == (byte)'0') continue;
            byte[] candidate = [.. best];
            candidate[i] = (byte)'0';
            if (Try(candidate)) best = candidate;
        }
        return best;
    }
}
