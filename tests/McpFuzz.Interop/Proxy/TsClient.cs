using System.Diagnostics;
using McpFuzz.Interop.Fixtures;

namespace McpFuzz.Interop.Proxy;

/// <summary>What one run of a client of tests/peers (ts-client.mjs, CSharpClient) did.</summary>
public sealed record ClientRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{Stdout}{Stderr}";
}

/// <summary>Runs the TypeScript SDK client against a URL, bounded in time.</summary>
public static class TsClient
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static async Task<ClientRun> RunAsync(Uri url, CancellationToken cancel) => await RunAsync("streamable", url, cancel);

    /// <param name="mode">streamable, sse or auto (see ts-client.mjs).</param>
    public static async Task<ClientRun> RunAsync(string mode, Uri url, CancellationToken cancel)
    {
        _ = Peers.NodeModules;
        var start = new ProcessStartInfo("node") { WorkingDirectory = Peers.Directory };
        start.ArgumentList.Add("ts-client.mjs");
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(url.AbsoluteUri);
        var run = await BoundedProcess.RunAsync(start, Bound, cancel);
        return new ClientRun(run.ExitCode, run.Stdout, run.Stderr);
    }
}
