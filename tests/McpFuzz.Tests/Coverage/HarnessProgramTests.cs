using System.Diagnostics;
using McpFuzz.Fuzzer.Coverage;

namespace McpFuzz.Tests.Coverage;

/// <summary>A harness directory made from a real build of mcpfuzz is a working program: started
/// with <c>dotnet DIR/mcpfuzz.dll</c>, it decodes the corpus exactly as the original does.</summary>
public sealed class HarnessProgramTests
{
    // The test's own output directory holds a complete mcpfuzz (dll, deps.json, runtimeconfig).
    private static readonly Lazy<string> Harness = new(() => InstrumentedHarness.Prepare(
        AppContext.BaseDirectory, InstrumentedFiles.NewDirectory("harness-cache"),
        [InstrumentedHarness.ModelWire(AppContext.BaseDirectory), new(Path.Combine(AppContext.BaseDirectory, "McpFuzz.PlantedBug.dll"), [])]));

    [Theory]
    [InlineData("sse", "corpus/sse/typical.sse")]
    [InlineData("sse", "corpus/sse/crlf-cr-comment.sse")]
    [InlineData("jsonrpc", "corpus/jsonrpc/batch.json")]
    public void The_instrumented_program_decodes_like_the_original(string kind, string file)
    {
        string program = AppContext.BaseDirectory;
        string harness = Harness.Value;
        Assert.NotEqual(Path.GetFullPath(program).TrimEnd('/'), harness.TrimEnd('/'));

        string path = Path.Combine(InstrumentedModelTests.RepoRoot(), file);
        var original = Run(program, "decode", kind, path);
        var instrumented = Run(harness, "decode", kind, path);
        Assert.Equal(original, instrumented);
        Assert.Contains("\"kind\":", instrumented.Out);
    }

    private static (int Exit, string Out) Run(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(directory, "mcpfuzz.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "mcpfuzz did not exit");
        _ = error.Result;
        return (process.ExitCode, output);
    }
}
