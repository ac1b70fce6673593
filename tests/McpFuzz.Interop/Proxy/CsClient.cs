using System.Diagnostics;
using McpFuzz.Interop.Clients;
using McpFuzz.Interop.Fixtures;

namespace McpFuzz.Interop.Proxy;

/// <summary>Runs the C# SDK client (tests/peers/CSharpClient) against a URL, bounded in time.</summary>
public static class CsClient
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <param name="mode">auto, streamable or sse (HttpClientTransport's mode).</param>
    public static async Task<ClientRun> RunAsync(string mode, Uri url, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(Peers.Dotnet);
        start.ArgumentList.Add(ClientCli.CSharpClient);
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(url.AbsoluteUri);
        var run = await BoundedProcess.RunAsync(start, Bound, cancel);
        return new ClientRun(run.ExitCode, run.Stdout, run.Stderr);
    }
}
