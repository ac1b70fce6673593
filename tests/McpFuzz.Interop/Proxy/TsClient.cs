using System.Diagnostics;
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
        var start = new ProcessStartInfo("node") { WorkingDirectory = Peers.Directory };
        start.ArgumentList.Add("ts-client.mjs");
        start.ArgumentList.Add("streamable");
        start.ArgumentList.Add(url.AbsoluteUri);
        var run = await BoundedProcess.RunAsync(start, Bound, cancel);
        return new TsClientRun(run.ExitCode, run.Stdout, run.Stderr);
    }
}
