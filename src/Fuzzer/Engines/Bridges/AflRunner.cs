using System.Diagnostics;

namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>
/// Runs afl-fuzz on a target through <c>mcpfuzz fuzz-harness TARGET --protocol afl</c>: one process
/// per job (<c>-M main</c>, then <c>-S s1</c>…), all syncing through the output directory, which can
/// also be shared with instances on other machines. The harness is not an AFL-instrumented binary
/// (<c>AFL_SKIP_BIN_CHECK</c>); it speaks the fork-server protocol itself and runs the inputs in a
/// child process it restarts when an input kills it (<see cref="AflForkServerHarness"/>).
/// </summary>
public static class AflRunner
{
    /// <summary>The afl-fuzz executable: <c>AFL_FUZZ</c> if set, else <c>afl-fuzz</c> on PATH.</summary>
    public static string AflFuzz => Environment.GetEnvironmentVariable("AFL_FUZZ") is { Length: > 0 } p ? p : "afl-fuzz";

    public static BridgeSummary Run(BridgeRunOptions options)
    {
        options.Validate();
        Directory.CreateDirectory(options.OutputDirectory);
        string seeds = SeedDirectory(options);
        var names = Enumerable.Range(0, options.Jobs).Select(i => i == 0 ? "main" : $"s{i}").ToArray();
        var clock = Stopwatch.StartNew();
        var runs = names.Select((name, i) => Task.Run(() => EngineProcess.Run(StartInfo(options, seeds, name, i), EngineProcess.BoundFor(options)))).ToArray();
        Task.WaitAll(runs);
        var outcomes = runs.Select(r => r.Result).ToArray();

        var stats = names.Select(n => AflStats.Read(Path.Combine(options.OutputDirectory, n))).ToArray();
        // Hangs count as crashes, as libFuzzer's timeout-* files and the in-process engine's
        // timeouts do: an input that never returns is a finding.
        var crashes = names
            .SelectMany(n => new[] { Path.Combine(options.OutputDirectory, n, "crashes"), Path.Combine(options.OutputDirectory, n, "hangs") })
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "id:*"))
            .Order(StringComparer.Ordinal)
            .ToArray();
        int failed = outcomes.Select(o => o.ExitCode).FirstOrDefault(c => c != 0);
        string log = string.Join(Environment.NewLine, outcomes.Select((o, i) => $"[{names[i]} exit {o.ExitCode}]{Environment.NewLine}{Tail(o.Stdout + o.Stderr, 40)}"));
        return new BridgeSummary(
            "afl",
            options.Target,
            stats.Sum(s => s?.ExecsDone ?? 0),
            stats.Sum(s => s?.ExecsPerSecond ?? 0),
            stats[0]?.EdgesFound ?? 0,
            crashes,
            clock.Elapsed,
            failed,
            log);
    }

    private static ProcessStartInfo StartInfo(BridgeRunOptions options, string seeds, string name, int job)
    {
        var start = new ProcessStartInfo(AflFuzz);
        start.ArgumentList.Add("-i"); start.ArgumentList.Add(seeds);
        start.ArgumentList.Add("-o"); start.ArgumentList.Add(Path.GetFullPath(options.OutputDirectory));
        // A child's first input pays the JIT (its start-up is not timed: the fork server starts it
        // before AFL++'s clock runs); 5 s by default keeps that from being filed as a hang.
        long timeout = (long)Math.Ceiling((options.Timeout ?? TimeSpan.FromSeconds(5)).TotalMilliseconds);
        start.ArgumentList.Add("-t"); start.ArgumentList.Add(timeout.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("-m"); start.ArgumentList.Add("none");
        start.ArgumentList.Add("-s"); start.ArgumentList.Add((options.Seed + job).ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(job == 0 ? "-M" : "-S"); start.ArgumentList.Add(name);
        if (options.Dictionary is not null) { start.ArgumentList.Add("-x"); start.ArgumentList.Add(Path.GetFullPath(options.Dictionary)); }
        if (options.Time is { } t) { start.ArgumentList.Add("-V"); start.ArgumentList.Add(((long)Math.Ceiling(t.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)); }
        if (options.Runs is { } r) { start.ArgumentList.Add("-E"); start.ArgumentList.Add(r.ToString(System.Globalization.CultureInfo.InvariantCulture)); }
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(DotnetHost.Path);
        foreach (var arg in options.HarnessArguments("afl")) start.ArgumentList.Add(arg);

        start.Environment["AFL_SKIP_BIN_CHECK"] = "1";
        start.Environment["AFL_NO_UI"] = "1";
        start.Environment["AFL_SKIP_CPUFREQ"] = "1";
        start.Environment["AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES"] = "1";
        // Cores are shared with other work; binding to one that looks free helps nobody.
        start.Environment["AFL_NO_AFFINITY"] = "1";
        // A second campaign in the same directory continues the first instead of refusing.
        start.Environment["AFL_AUTORESUME"] = "1";
        if (options.StopOnFirstCrash) start.Environment["AFL_BENCH_UNTIL_CRASH"] = "1";
        return start;
    }

    /// <summary>afl-fuzz needs at least one seed file; a missing or empty seed directory becomes one
    /// holding a single newline.</summary>
    private static string SeedDirectory(BridgeRunOptions options)
    {
        if (options.SeedDirectory is { } dir && Directory.Exists(dir) && Directory.EnumerateFiles(dir).Any()) return Path.GetFullPath(dir);
        // A dot directory: afl-fuzz does not take it for an instance to sync from.
        var seeds = Path.GetFullPath(Path.Combine(options.OutputDirectory, ".seeds"));
        Directory.CreateDirectory(seeds);
        File.WriteAllText(Path.Combine(seeds, "newline"), "\n");
        return seeds;
    }

    private static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
