using System.Diagnostics;
using System.Globalization;

namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>
/// Runs our libFuzzer bridge on a target: the compiled bridge starts
/// <c>mcpfuzz fuzz-harness TARGET --protocol libfuzzer</c> once and feeds it every input. New
/// corpus entries go to <c>OUT/corpus</c> (the seed directory is read, not written), crashing
/// inputs to <c>OUT/crashes/</c>. libFuzzer stops at its first crash; with Jobs &gt; 1 it runs in
/// <c>-fork</c> mode, each worker with a harness of its own.
/// </summary>
public static class LibFuzzerRunner
{
    public static BridgeSummary Run(BridgeRunOptions options)
    {
        options.Validate();
        string bridge = LibFuzzerBridgeBuild.EnsureBuilt();
        string output = Path.GetFullPath(options.OutputDirectory);
        string corpus = Path.Combine(output, "corpus");
        string crashes = Path.Combine(output, "crashes");
        Directory.CreateDirectory(corpus);
        Directory.CreateDirectory(crashes);

        var start = new ProcessStartInfo(bridge) { WorkingDirectory = output };
        start.ArgumentList.Add($"-seed={options.Seed.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add($"-artifact_prefix={crashes}{Path.DirectorySeparatorChar}");
        start.ArgumentList.Add("-print_final_stats=1");
        long timeout = (long)Math.Ceiling((options.Timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds);
        start.ArgumentList.Add($"-timeout={timeout.ToString(CultureInfo.InvariantCulture)}");
        if (options.Dictionary is not null) start.ArgumentList.Add($"-dict={Path.GetFullPath(options.Dictionary)}");
        if (options.Time is { } t) start.ArgumentList.Add($"-max_total_time={((long)Math.Ceiling(t.TotalSeconds)).ToString(CultureInfo.InvariantCulture)}");
        if (options.Runs is { } r) start.ArgumentList.Add($"-runs={r.ToString(CultureInfo.InvariantCulture)}");
        if (options.Jobs > 1) start.ArgumentList.Add($"-fork={options.Jobs.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add(corpus);
        if (options.SeedDirectory is { } seeds && Directory.Exists(seeds)) start.ArgumentList.Add(Path.GetFullPath(seeds));

        start.Environment["MCPFUZZ_HARNESS"] = string.Join(' ',
            new[] { DotnetHost.Path }.Concat(options.HarnessArguments("libfuzzer")).Select(DotnetHost.ShellQuote));

        var outcome = EngineProcess.Run(start, EngineProcess.BoundFor(options));
        var figures = LibFuzzerLog.Parse(outcome.Stderr);
        var found = Directory.GetFiles(crashes)
            .Where(f => Path.GetFileName(f) is var n && (n.StartsWith("crash-", StringComparison.Ordinal) || n.StartsWith("timeout-", StringComparison.Ordinal) || n.StartsWith("oom-", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        // libFuzzer prints exec/s only once a second has passed; a campaign that crashed sooner
        // reports 0, so the rate is then the executions over the wall time (start-up included).
        double rate = figures.ExecsPerSecond > 0 ? figures.ExecsPerSecond : figures.Executions / Math.Max(outcome.Elapsed.TotalSeconds, 1e-3);
        return new BridgeSummary("libfuzzer", options.Target, figures.Executions, rate, figures.Coverage, found, outcome.Elapsed, outcome.ExitCode, outcome.Stderr);
    }
}
