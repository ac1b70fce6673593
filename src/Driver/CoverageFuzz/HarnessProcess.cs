using System.Diagnostics;
using System.Text;

namespace McpFuzz.Driver.CoverageFuzz;

/// <summary>Runs one child of a supervised campaign (<c>dotnet HARNESS/mcpfuzz.dll fuzz-worker ...</c>
/// or <c>fuzz-replay ...</c>; <see cref="ReplayChild"/> starts <c>fuzz-run</c> the same way): standard output line by line to a callback, the tail of standard
/// error kept for the crash report, killed with its tree on cancellation.</summary>
public static class HarnessProcess
{
    private const int StderrTail = 64 * 1024;

    public static async Task<(int ExitCode, string Stderr)> RunAsync(string program, IEnumerable<string> arguments, Action<string> onLine, CancellationToken cancel)
    {
        var start = StartInfo(program, arguments, input: false);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start a fuzz worker");
        var stderr = new StringBuilder();
        var readErrors = KeepTail(process.StandardError, stderr);
        using var kill = cancel.Register(() =>
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
        });
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync(CancellationToken.None)) is not null) onLine(line);
        await process.WaitForExitAsync(CancellationToken.None);
        await readErrors;
        return (process.ExitCode, stderr.ToString());
    }

    /// <summary>How every harness child starts: this dotnet host, the harness's mcpfuzz.dll, standard
    /// output and error (and, for children fed inputs, standard input) redirected.</summary>
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments, bool input)
    {
        // "dotnet" when no host is found: the operating system then looks it up and reports.
        var start = new ProcessStartInfo(Fuzzer.Engines.Bridges.DotnetHost.Find() ?? "dotnet")
        {
            RedirectStandardInput = input,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Fully optimised code from the first input: the JIT's inlining, and so the frames a
        // crash's stack shows and its signature, stay the same for the whole campaign and for a
        // later --reproduce or --minimize of what it found.
        start.Environment["DOTNET_TieredCompilation"] = "0";
        start.ArgumentList.Add(program);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>Reads <paramref name="error"/> to its end, keeping its last 64 KiB in
    /// <paramref name="tail"/> (locked while appending) for the crash report.</summary>
    public static Task KeepTail(StreamReader error, StringBuilder tail) => Task.Run(async () =>
    {
        char[] buffer = new char[4096];
        int read;
        while ((read = await error.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            lock (tail)
            {
                tail.Append(buffer, 0, read);
                if (tail.Length > 2 * StderrTail) tail.Remove(0, tail.Length - StderrTail);
            }
        }
    }, CancellationToken.None);

    /// <summary>What killed a child, as crash signatures and messages name it.</summary>
    public static string CauseOfDeath(int exitCode, string stderr, TimeSpan timeout) =>
        exitCode == WorkerSupervisor.TimeoutExitCode ? $"timeout (an input ran over {timeout.TotalMilliseconds:0} ms)"
        : stderr.Contains("Stack overflow", StringComparison.Ordinal) ? "stack overflow"
        : $"worker died (exit code {exitCode})";

    public static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];
}
