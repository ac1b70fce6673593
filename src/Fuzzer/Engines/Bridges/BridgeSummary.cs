namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>What an external engine's campaign did, as its own statistics report it.</summary>
/// <param name="Engine">"afl" or "libfuzzer".</param>
/// <param name="Executions">Inputs run, over all jobs.</param>
/// <param name="ExecsPerSecond">The engine's own figure (AFL++: the sum over jobs of fuzzer_stats
/// <c>execs_per_sec</c>; libFuzzer: the last <c>exec/s</c> it printed).</param>
/// <param name="Edges">Map entries seen (AFL++ <c>edges_found</c> of the main job; libFuzzer <c>cov</c>:
/// the bridge registers the map as counters with a PC table of their own, so it counts the map's
/// entries plus the bridge's own few edges).</param>
/// <param name="CrashFiles">The saved crashing inputs (AFL++ <c>crashes/id:*</c> and <c>hangs/id:*</c>; libFuzzer
/// <c>crash-*</c>, and <c>timeout-*</c>/<c>oom-*</c>).</param>
/// <param name="ExitCode">The engine's exit code (-1 when it was killed for overstaying).</param>
/// <param name="Log">The engine's standard error (libFuzzer) or its last lines (AFL++), for diagnosis.</param>
public sealed record BridgeSummary(
    string Engine,
    string Target,
    long Executions,
    double ExecsPerSecond,
    int Edges,
    IReadOnlyList<string> CrashFiles,
    TimeSpan Elapsed,
    int ExitCode,
    string Log)
{
    public int Crashes => CrashFiles.Count;

    /// <summary>One line for <c>mcpfuzz fuzz</c> to print.</summary>
    public override string ToString() =>
        $"{Engine} {Target}: {Executions} execs in {Elapsed.TotalSeconds:0.0} s ({ExecsPerSecond:0} execs/s), {Edges} edges, {Crashes} crash{(Crashes == 1 ? "" : "es")}";
}
