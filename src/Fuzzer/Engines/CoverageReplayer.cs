using System.Reflection;
using System.Runtime.InteropServices;
using McpFuzz.Fuzzer.Coverage;
using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Fuzzer.Engines;

/// <summary>What one input did when replayed: its features (see
/// <see cref="EdgeFeedback.CollectAndClear"/>), or the exception it raised (no features then).</summary>
public sealed record ReplayOutcome(IReadOnlyList<int> Features, Exception? Crash);

/// <summary>
/// Runs inputs one at a time through the instrumented target and reports each one's features,
/// without mutating anything: what a corpus merge needs. The map, trace attachment, state file
/// and watchdog are those of <see cref="InProcessEngine"/>, so a replayed input is measured the
/// way the engine measured it when it kept it. One replayer per process at a time (the trace is static).
/// </summary>
public sealed unsafe class CoverageReplayer : IDisposable
{
    private readonly IFuzzTarget target;
    private readonly byte* map;
    private readonly IReadOnlyList<Assembly> assemblies;
    private readonly IReadOnlyList<AttachedTrace> traces;
    private readonly CurrentInput? current;
    private readonly Watchdog? watchdog;
    private readonly List<int> features = [];
    private bool warm;

    public CoverageReplayer(IFuzzTarget target, CurrentInput? current, TimeSpan? timeout, Action? onTimeout)
    {
        this.target = target;
        this.current = current;
        map = CoverageMap.Allocate();
        assemblies = InProcessEngine.AssembliesUnderTest(target);
        traces = CoverageMap.Attach(map, assemblies);
        if (timeout is { } limit && onTimeout is not null) watchdog = new Watchdog(limit, onTimeout);
    }

    /// <summary>False when no trace is attached: every input then has no features.</summary>
    public bool Instrumented => traces.Count > 0;

    /// <summary>Replays input number <paramref name="index"/>. The very first input runs twice and
    /// only the second run counts: static constructors run once per process and would otherwise
    /// credit their edges to whichever input came first.</summary>
    public ReplayOutcome Run(long index, ReadOnlySpan<byte> input)
    {
        if (!warm)
        {
            warm = true;
            if (Execute(index, input) is { } crash)
            {
                NativeMemory.Clear(map, CoverageMap.Size);
                return new ReplayOutcome([], crash);
            }
            NativeMemory.Clear(map, CoverageMap.Size);
        }
        var error = Execute(index, input);
        features.Clear();
        EdgeFeedback.CollectAndClear(map, features);
        return new ReplayOutcome(error is null ? [.. features] : [], error);
    }

    private Exception? Execute(long index, ReadOnlySpan<byte> input)
    {
        current?.Write(index, input);
        foreach (var trace in traces) trace.ResetPrev();
        watchdog?.Begin();
        try
        {
            target.Run(input);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            watchdog?.End();
        }
    }

    public void Dispose()
    {
        watchdog?.Dispose();
        if (traces.Count > 0) CoverageMap.Attach(CoverageMap.Allocate(), assemblies);
        CoverageMap.Free(map);
    }
}
