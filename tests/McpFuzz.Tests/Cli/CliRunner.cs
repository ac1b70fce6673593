using System.Text;
using System.Text.Json;
using McpFuzz.Driver.Cli;

namespace McpFuzz.Tests.Cli;

/// <summary>The result of one <c>mcpfuzz</c> invocation, run in-process.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public IReadOnlyList<JsonElement> Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    public IEnumerable<JsonElement> OfKind(string kind) => Lines.Where(l => l.TryGetProperty("kind", out var k) && k.GetString() == kind);
}

public static class CliRunner
{
    public static CliResult RunWithInput(string stdin, params string[] args) => RunWithInput(Encoding.UTF8.GetBytes(stdin), args);

    public static CliResult RunWithInput(byte[] stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.RunAsync(args, output, error, () => new MemoryStream(stdin)).GetAwaiter().GetResult();
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static CliResult Run(params string[] args) => RunWithInput([], args);

    /// <summary>As <see cref="Run"/>, for async tests of long-running commands (fuzz, nightly).</summary>
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CommandLine.RunAsync(args, output, error, () => new MemoryStream());
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs as if standard error were a terminal a person watches.</summary>
    public static CliResult RunInteractive(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var terminal = new Terminal(output, error, () => new MemoryStream(), ErrorIsInteractive: true);
        int code = CommandLine.RunAsync(args, terminal).GetAwaiter().GetResult();
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
