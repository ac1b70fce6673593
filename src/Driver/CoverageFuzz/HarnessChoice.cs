using McpFuzz.Driver.Cli;
using McpFuzz.Fuzzer.Coverage;
using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Driver.CoverageFuzz;

/// <summary>The program directory a fuzz worker runs from, and whether its code under test is
/// instrumented.</summary>
public sealed record Harness(string Directory, bool Instrumented, string? TargetsAssembly = null)
{
    public string Program => Path.Combine(Directory, "mcpfuzz.dll");
}

/// <summary>
/// The one place that decides which copy of mcpfuzz a worker runs. Coverage feedback needs the
/// code under test instrumented, and an instrumented copy of the program directory (the
/// "instrumented harness directory") is what the instrumenter produces. Until a target's harness
/// is available, workers run this program directory uninstrumented: the engine then sees only
/// hand-written coverage (the self-test targets) and fuzzes real targets blind.
/// </summary>
public static class HarnessChoice
{
    /// <summary>Names an instrumented harness directory to use instead of building one (for
    /// trying a harness built by hand or by CI).</summary>
    public const string OverrideVariable = "MCPFUZZ_HARNESS_DIR";

    /// <summary>The harness for <paramref name="target"/>: an instrumented copy of this program
    /// directory (built once per build, then reused from the cache) in which McpFuzz.Model's
    /// <c>McpFuzz.Model.Wire</c> namespaces (the parsers) and the <c>--targets</c> assembly are
    /// instrumented; this directory as it is when <paramref name="instrument"/> is false (the
    /// control) or when the target has no code to instrument (the hand-covered self-tests).</summary>
    public static Harness For(IFuzzTarget target, TargetCatalog catalog, bool instrument = true)
    {
        string? own = catalog.IsOwn(target) ? catalog.AssemblyPath : null;
        // An assembly that already carries the trace (hand-covered test targets) reports coverage as it is.
        bool handCovered = CoverageMap.IsInstrumented(target.GetType().Assembly);
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } given)
        {
            if (!File.Exists(Path.Combine(given, "mcpfuzz.dll"))) throw new IOException($"{OverrideVariable}: no mcpfuzz.dll in '{given}'");
            string dir = Path.GetFullPath(given);
            return new Harness(dir, Instrumented: true, own is null ? null : Path.Combine(dir, Path.GetFileName(own)));
        }

        var assemblies = new List<HarnessAssembly>();
        if (target.CodeUnderTest.Contains("McpFuzz.Model")) assemblies.Add(InstrumentedHarness.ModelWire(ProgramDirectory));
        if (own is not null && !handCovered) assemblies.Add(new HarnessAssembly(own, []));
        if (!instrument || assemblies.Count == 0) return new Harness(ProgramDirectory, Instrumented: handCovered && instrument, own);
        try
        {
            string dir = InstrumentedHarness.Prepare(ProgramDirectory, InstrumentedHarness.DefaultCacheDirectory(), assemblies);
            return new Harness(dir, Instrumented: true, own is null || handCovered ? own : Path.Combine(dir, Path.GetFileName(own)));
        }
        catch (InstrumentationRefused e)
        {
            throw new UsageException($"cannot instrument the code under test of {target.Name}: {e.Message}");
        }
    }

    /// <summary>The directory holding this mcpfuzz.dll (in tests, the test output directory,
    /// where the build copies it).</summary>
    public static string ProgramDirectory => Path.GetDirectoryName(typeof(HarnessChoice).Assembly.Location)!;
}
