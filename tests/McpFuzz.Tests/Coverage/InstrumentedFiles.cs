using McpFuzz.Fuzzer.Coverage;

namespace McpFuzz.Tests.Coverage;

/// <summary>Instrumented copies of the test's own build outputs, made once per test run.</summary>
public static class InstrumentedFiles
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), $"mcpfuzz-coverage-tests-{Environment.ProcessId}");
    private static readonly Lazy<(string Path, InstrumentationReport Report)> ModelWireLazy = new(() => Make("McpFuzz.Model", ["McpFuzz.Model.Wire"]));
    private static readonly Lazy<(string Path, InstrumentationReport Report)> PlantedBugLazy = new(() => Make("McpFuzz.PlantedBug", []));

    static InstrumentedFiles() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still open at exit; the system's temporary directory is cleaned anyway.
        }
    };

    public static string Original(string name) => Path.Combine(AppContext.BaseDirectory, name + ".dll");

    public static (string Path, InstrumentationReport Report) ModelWire => ModelWireLazy.Value;

    public static (string Path, InstrumentationReport Report) PlantedBug => PlantedBugLazy.Value;

    public static string NewDirectory(string purpose)
    {
        string dir = Path.Combine(Root, $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static (string, InstrumentationReport) Make(string name, IReadOnlyList<string> include)
    {
        string output = Path.Combine(NewDirectory(name), name + ".dll");
        var report = Instrumenter.InstrumentFile(Original(name), output, include);
        return (output, report);
    }
}
