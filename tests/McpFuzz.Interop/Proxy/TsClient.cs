using System.Diagnostics;
using System.Text;
using McpFuzz.Interop.Fixtures;

namespace McpFuzz.Interop.Proxy;

/// <summary>What one run of tests/peers/ts-client.mjs (the TypeScript SDK client) did.</summary>
public sealed record TsClientRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{Stdout}{Stderr}";
}

/// <summary>Runs the TypeScript SDK client against a URL, bounded in time.</summary>
public static class TsClient
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static async Task<TsClientRun> RunAsync(Uri url, CancellationToken cancel)
    {
        _ = Peers.NodeModules;
        var start = new ProcessStartInfo("node") { WorkingDirectory = Peers.Directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("ts-client.mjs");
        start.ArgumentList.Add("streamable");
        start.ArgumentList.Add(url.AbsoluteUri);
        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            bound.CancelAfter(Bound);
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return new TsClientRun(process.HasExited ? process.ExitCode : -1, stdout.ToString(), stderr.ToString());
    }
}
