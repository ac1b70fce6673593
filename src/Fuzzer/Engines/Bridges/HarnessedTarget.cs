using System.Reflection;
using McpFuzz.Fuzzer.Coverage;
using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>
/// A target as a bridge harness runs it: its code under test loaded, every instrumented assembly's
/// trace pointed at the engine's map, and one input run to a status word (0 = handled, 6 = crash,
/// the value of SIGABRT, which AFL++ reads as a wait status and our C bridge as "abort").
/// </summary>
public sealed unsafe class HarnessedTarget
{
    /// <summary>The status of an input the target handled.</summary>
    public const uint Ok = 0;

    /// <summary>The status of an input that crashed the target (SIGABRT as a wait status).</summary>
    public const uint Crash = 6;

    private readonly IFuzzTarget target;
    private readonly byte* map;
    private readonly IReadOnlyList<AttachedTrace> traces;
    private readonly TextWriter log;

    public HarnessedTarget(IFuzzTarget target, byte* map, TextWriter log)
    {
        this.target = target;
        this.map = map;
        this.log = log;
        // Load the code under test before attaching, or an assembly first loaded by the first input
        // would keep writing to its private map.
        foreach (var name in target.CodeUnderTest)
        {
            try { Assembly.Load(name); }
            catch (FileNotFoundException) { log.WriteLine($"mcpfuzz fuzz-harness: code under test '{name}' not found; its coverage is not seen"); }
        }
        traces = CoverageMap.Attach(map, AppDomain.CurrentDomain.GetAssemblies());
    }

    /// <summary>The instrumented assemblies whose edges reach the map (empty: an uncovered control run).</summary>
    public IReadOnlyList<AttachedTrace> Traces => traces;

    /// <summary>Runs one input from a fresh previous edge and returns its status word.</summary>
    public uint Run(ReadOnlySpan<byte> input)
    {
        foreach (var trace in traces) trace.ResetPrev();
        // With no instrumented code the map would stay empty, which AFL++ refuses as "no
        // instrumentation detected": one fixed entry lets the engines run the target blind (the
        // uncovered control, or a throughput measurement without coverage).
        if (traces.Count == 0) map[0] = 1;
        try
        {
            target.Run(input);
            return Ok;
        }
        catch (Exception e)
        {
            log.WriteLine($"mcpfuzz fuzz-harness: {target.Name} crashed: {e.GetType().FullName}: {e.Message}");
            log.WriteLine(e.StackTrace);
            log.Flush();
            return Crash;
        }
    }

    /// <summary>Runs the first input twice and keeps only the second run's edges: static
    /// constructors and first-call paths would otherwise make the first run look different from
    /// every later run of the same input (AFL++ reports that as instability).</summary>
    public uint RunFirst(ReadOnlySpan<byte> input)
    {
        Run(input);
        new Span<byte>(map, CoverageMap.Size).Clear();
        return Run(input);
    }
}
