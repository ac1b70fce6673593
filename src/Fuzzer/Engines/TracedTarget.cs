using System.Reflection;
using System.Runtime.InteropServices;
using McpFuzz.Fuzzer.Coverage;
using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Fuzzer.Engines;

/// <summary>
/// A target whose instrumented code writes into an edge map of its own: the map, the traces
/// attached to it, the state file naming the current input and the watchdog. Runs one input at a
/// time the way every in-process consumer must (state file first, so a death names the input;
/// each trace's previous location reset, so an edge does not straddle two inputs; the watchdog
/// around the run). Shared by the engine, which mutates, and the corpus replayer, which only
/// measures, so a replayed input is measured as the engine measured it. One per process at a
/// time: the traces are static.
/// </summary>
internal sealed unsafe class TracedTarget : IDisposable
{
    private readonly IFuzzTarget target;
    private readonly IReadOnlyList<Assembly> assemblies;
    private readonly IReadOnlyList<AttachedTrace> traces;
    private readonly CurrentInput? current;
    private readonly Watchdog? watchdog;

    public TracedTarget(IFuzzTarget target, CurrentInput? current, TimeSpan? timeout, Action? onTimeout)
    {
        this.target = target;
        this.current = current;
        Map = CoverageMap.Allocate();
        assemblies = AssembliesUnderTest(target);
        traces = CoverageMap.Attach(Map, assemblies);
        if (timeout is { } limit && onTimeout is not null) watchdog = new Watchdog(limit, onTimeout);
    }

    /// <summary>The edge map the traces write.</summary>
    public byte* Map { get; }

    /// <summary>Whether any trace is attached: false means the code under test was not instrumented
    /// and every input leaves the map empty.</summary>
    public bool Instrumented => traces.Count > 0;

    /// <summary>The assemblies whose trace is attached: the target's code under test (loaded now:
    /// an assembly loads lazily, and a trace not attached before the first run would write to its
    /// private map), and the target's own assembly, which carries a trace when the target writes
    /// its coverage by hand (the engine's self-test targets).</summary>
    private static List<Assembly> AssembliesUnderTest(IFuzzTarget target)
    {
        var assemblies = new List<Assembly> { target.GetType().Assembly };
        foreach (string name in target.CodeUnderTest)
        {
            var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name)
                         ?? Assembly.Load(new AssemblyName(name));
            if (!assemblies.Contains(loaded)) assemblies.Add(loaded);
        }
        return assemblies;
    }

    /// <summary>Runs input number <paramref name="index"/>; the exception it raised, or null.</summary>
    public Exception? Execute(long index, ReadOnlySpan<byte> input)
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

    /// <summary>Clears the map (after a warm-up run whose coverage must not count).</summary>
    public void ClearMap() => NativeMemory.Clear(Map, CoverageMap.Size);

    public void Dispose()
    {
        watchdog?.Dispose();
        // Instrumented code may still run after this (another engine, a test): point its traces
        // somewhere that stays valid before freeing the map. The parking map is never freed:
        // 64 KiB per engine, and engines are few.
        if (traces.Count > 0) CoverageMap.Attach(CoverageMap.Allocate(), assemblies);
        CoverageMap.Free(Map);
    }
}
