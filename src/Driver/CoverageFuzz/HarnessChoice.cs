using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Driver.CoverageFuzz;

/// <summary>The program directory a fuzz worker runs from, and whether its code under test is
/// instrumented.</summary>
public sealed record Harness(string Directory, bool Instrumented)
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

    public static Harness For(IFuzzTarget target)
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } given)
        {
            if (!File.Exists(Path.Combine(given, "mcpfuzz.dll"))) throw new IOException($"{OverrideVariable}: no mcpfuzz.dll in '{given}'");
            return new Harness(Path.GetFullPath(given), Instrumented: true);
        }
        // The instrumenter's harness builder plugs in here: build (or reuse) the instrumented copy
        // of this directory for target.CodeUnderTest and return it as instrumented.
        return new Harness(ProgramDirectory, Instrumented: false);
    }

    /// <summary>The directory holding this mcpfuzz.dll (in tests, the test output directory,
    /// where the build copies it).</summary>
    public static string ProgramDirectory => Path.GetDirectoryName(typeof(HarnessChoice).Assembly.Location)!;

    /// <summary>The dotnet host to run a harness with: this process's own when it is one, else the
    /// one the SDK names, else the one on PATH.</summary>
    public static string DotnetHost
    {
        get
        {
            string? self = Environment.ProcessPath;
            if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
            if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, "dotnet"))) return Path.Combine(root, "dotnet");
            return "dotnet";
        }
    }
}
