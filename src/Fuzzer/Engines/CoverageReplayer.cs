using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Fuzzer.Engines;

/// <summary>What one input did when replayed: its features (see
/// <see cref="EdgeFeedback.CollectAndClear"/>), or the exception it raised (no features then).</summary>
public sealed record ReplayOutcome(IReadOnlyList<int> Features, Exception? Crash);

/// <summary>
/// Runs inputs one at a time through the instrumented target and reports each one's features,
/// without mutating anything: what a corpus merge needs. The map, trace attachment, state file
/// and watchdog are the engine's (<see cref="TracedTarget"/>), so a replayed input is measured the
/// way the engine measured it when it kept it. One replayer per process at a time (the trace is static).
/// </summary>
public sealed unsafe class CoverageReplayer : IDisposable
{
    private readonly TracedTarget traced;
    private readonly List<int> features = [];
    private bool warm;

    public CoverageReplayer(IFuzzTarget target, CurrentInput? current, TimeSpan? timeout, Action? onTimeout) =>
        traced = new TracedTarget(target, current, timeout, onTimeout);

    /// <summary>False when no trace is attached: every input then has no features.</summary>
    public bool Instrumented => traced.Instrumented;

    /// <summary>Replays input number <paramref name="index"/>. The very first input runs twice and
    /// only the second run counts: static constructors run once per process and would otherwise
    /// credit their edges to whichever input came first.</summary>
    public ReplayOutcome Run(long index, ReadOnlySpan<byte> input)
    {
        if (!warm)
        {
            warm = true;
            var first = traced.Execute(index, input);
            traced.ClearMap();
            if (first is not null) return new ReplayOutcome([], first);
        }
        var error = traced.Execute(index, input);
        features.Clear();
        EdgeFeedback.CollectAndClear(traced.Map, features);
        return new ReplayOutcome(error is null ? [.. features] : [], error);
    }

    public void Dispose() => traced.Dispose();
}
