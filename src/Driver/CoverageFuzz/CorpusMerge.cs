using McpFuzz.Fuzzer.Engines;
using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Driver.CoverageFuzz;

/// <summary>A corpus merge: fold <see cref="From"/> into <see cref="Into"/> and keep only inputs that
/// add coverage. <see cref="Deadline"/>, when given, bounds the replay; past it nothing is rewritten.</summary>
public sealed record MergePlan(
    IFuzzTarget Target,
    Harness Harness,
    string Into,
    IReadOnlyList<string> From,
    string CrashDirectory,
    int MaxLength,
    TimeSpan Timeout,
    TimeSpan? Deadline = null);

/// <summary>What a merge did. Inputs and bytes count every file read (INTO and FROM, duplicates
/// included) before, and INTO's files after; edges and features are the union over the inputs
/// replayed before and over the inputs kept after, so they are equal when the merge is right.</summary>
public sealed record MergeSummary(
    string Target,
    string Into,
    int InputsBefore,
    int InputsFrom,
    int Duplicates,
    int InputsAfter,
    int Edges,
    int EdgesAfter,
    int Features,
    int FeaturesAfter,
    long BytesBefore,
    long BytesAfter,
    int Added,
    int Removed,
    IReadOnlyList<SkippedInput> Skipped,
    bool CrashFound,
    bool Finished,
    double Seconds);

/// <summary>
/// <c>mcpfuzz fuzz TARGET --merge INTO FROM...</c> and the nightly merge. Every input of INTO and
/// FROM (see <see cref="MergeSources"/>), duplicates by content dropped first, is replayed in a
/// supervised instrumented child (<see cref="CorpusReplay"/>); <see cref="FeatureCover"/> picks a small
/// set with the same features — edges and AFL hit-count buckets, the novelty
/// <see cref="EdgeFeedback"/> keeps inputs for — and INTO is rewritten to hold exactly that set:
/// new files are written (flushed, under content-hash names; an INTO file that stays keeps its
/// name) before any file is removed, so a merge killed at any point loses nothing. Unlike
/// libFuzzer's <c>-merge=1</c>, which only adds to the first directory, redundant inputs already in
/// INTO go too, as with afl-cmin.
/// </summary>
public static class CorpusMerge
{
    public static async Task<MergeSummary> RunAsync(MergePlan plan, Action<string> log, CancellationToken cancel)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Directory.CreateDirectory(plan.Into);
        var intoFiles = MergeSources.Flat(plan.Into);
        var fromFiles = plan.From.SelectMany(MergeSources.Of).Distinct(StringComparer.Ordinal)
            .Where(f => !string.Equals(Path.GetDirectoryName(f), Path.GetFullPath(plan.Into).TrimEnd('/'), StringComparison.Ordinal)).ToList();

        // One replay per distinct content (as the engine would see it: cut to the longest input),
        // INTO's files first so the ones that stay keep their names.
        var all = intoFiles.Concat(fromFiles).ToList();
        var hashes = new string?[all.Count];
        var sizes = new long[all.Count];
        var firstOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = new List<int>();
        long bytesBefore = 0;
        for (int i = 0; i < all.Count; i++)
        {
            byte[] bytes;
            try { bytes = File.ReadAllBytes(all[i]); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            bytesBefore += bytes.Length;
            if (bytes.Length > plan.MaxLength) bytes = bytes[..plan.MaxLength];
            hashes[i] = ContentHash.Of(bytes);
            sizes[i] = bytes.Length;
            if (firstOf.TryAdd(hashes[i]!, i)) distinct.Add(i);
        }
        int duplicates = all.Count - distinct.Count - hashes.Count(h => h is null);
        log($"merge {plan.Target.Name}: {intoFiles.Count} input(s) in {plan.Into}" +
            (plan.From.Count > 0 ? $", {fromFiles.Count} from {string.Join(", ", plan.From)}" : "") + $"; {distinct.Count} distinct to replay");

        var replay = await CorpusReplay.RunAsync(plan.Target.Name, plan.Harness, [.. distinct.Select(i => all[i])], plan.CrashDirectory,
            plan.MaxLength, plan.Timeout, plan.Deadline, log, cancel);
        var features = replay.Features;
        var kept = FeatureCover.Choose(features, [.. distinct.Select(i => sizes[i])]);
        var union = features.Where(f => f is not null).SelectMany(f => f!).ToHashSet();
        var keptUnion = kept.SelectMany(k => features[k]!).ToHashSet();

        int added = 0, removed = 0;
        if (replay.Finished)
            (added, removed) = Rewrite(plan, all, hashes, distinct, kept, replay);
        var after = MergeSources.Flat(plan.Into);
        long bytesAfter = after.Sum(f => new FileInfo(f).Length);
        return new MergeSummary(plan.Target.Name, Path.GetFullPath(plan.Into), all.Count, fromFiles.Count, duplicates, after.Count,
            union.Select(EdgeFeedback.EdgeOf).Distinct().Count(), keptUnion.Select(EdgeFeedback.EdgeOf).Distinct().Count(),
            union.Count, keptUnion.Count, bytesBefore, bytesAfter, added, removed, replay.Skipped, replay.CrashFound, replay.Finished,
            Math.Round(clock.Elapsed.TotalSeconds, 3));
    }

    /// <summary>Writes the kept inputs INTO lacks, flushed, then removes INTO's files that are not
    /// kept: those replayed and found redundant, copies of a kept content, and inputs that crashed
    /// (saved in the crash directory). A file that was not measured (unreadable) stays.</summary>
    private static (int Added, int Removed) Rewrite(MergePlan plan, List<string> all, string?[] hashes, List<int> distinct, IReadOnlyList<int> kept, ReplayResult replay)
    {
        string into = Path.GetFullPath(plan.Into);
        bool InInto(string file) => string.Equals(Path.GetDirectoryName(file), into.TrimEnd('/'), StringComparison.Ordinal);
        var keepPaths = new HashSet<string>(StringComparer.Ordinal);
        var keepHashes = new HashSet<string>(StringComparer.Ordinal);
        int added = 0;
        foreach (int k in kept)
        {
            string source = all[distinct[k]];
            string hash = hashes[distinct[k]]!;
            keepHashes.Add(hash);
            byte[] bytes = File.ReadAllBytes(source);
            if (InInto(source) && bytes.Length <= plan.MaxLength)
            {
                keepPaths.Add(source);
                continue;
            }
            if (bytes.Length > plan.MaxLength) bytes = bytes[..plan.MaxLength];
            string target = Path.Combine(into, hash);
            if (AtomicWrite.IfAbsent(target, bytes, durable: true)) added++;
            keepPaths.Add(target);
        }

        var crashed = replay.Skipped.Where(s => !s.Why.Equals("unreadable", StringComparison.Ordinal)).Select(s => s.File).ToHashSet(StringComparer.Ordinal);
        var measured = new HashSet<string>(StringComparer.Ordinal);
        for (int d = 0; d < distinct.Count; d++)
            if (replay.Features[d] is not null || crashed.Contains(all[distinct[d]])) measured.Add(hashes[distinct[d]]!);

        int removed = 0;
        for (int i = 0; i < all.Count; i++)
        {
            string file = all[i];
            if (!InInto(file) || keepPaths.Contains(file) || hashes[i] is not { } hash) continue;
            // Redundant, a copy of a kept input, or a crash: all safe to drop now that the kept set is on disk.
            if (!measured.Contains(hash) && !keepHashes.Contains(hash)) continue;
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return (added, removed);
    }
}
