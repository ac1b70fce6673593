using System.Diagnostics;
using System.Text;

namespace McpFuzz.Fuzzer.Engines.Bridges;

/// <summary>Runs an engine process to its end, with standard error kept (libFuzzer reports there)
/// and a bound after which it is killed with everything it started (the harnesses too).</summary>
internal static class EngineProcess
{
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(10);

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed);

    public static Outcome Run(ProcessStartInfo start, TimeSpan? bound)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        var clock = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        int exitCode;
        if (process.WaitForExit(bound is { } b ? (int)Math.Min(b.TotalMilliseconds, int.MaxValue) : Timeout.Infinite))
        {
            exitCode = process.ExitCode;
        }
        else
        {
            process.Kill(entireProcessTree: true);
            exitCode = -1;
        }
        // The output already written arrives within moments. A process the engine left behind (an
        // orphan is no longer in its tree) may hold the pipes open for ever: waiting for their end
        // without a limit (WaitForExit()) would hang the campaign, and the timed WaitForExit does
        // not wait for them at all; WaitForExitAsync waits for them until its token says stop.
        using (var drain = new CancellationTokenSource(DrainTime))
        {
            try { process.WaitForExitAsync(drain.Token).GetAwaiter().GetResult(); }
            catch (OperationCanceledException) { }
        }
        lock (stdout) lock (stderr) return new Outcome(exitCode, stdout.ToString(), stderr.ToString(), clock.Elapsed);
    }

    /// <summary>The bound for a campaign: its time budget plus room for start-up and the final
    /// flush, or none for a run budget (the caller chose how many).</summary>
    public static TimeSpan? BoundFor(BridgeRunOptions options) => options.Time is { } t ? t + TimeSpan.FromSeconds(60) : null;
}
