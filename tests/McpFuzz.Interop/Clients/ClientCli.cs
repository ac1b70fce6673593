using McpFuzz.Interop.Fixtures;
using McpFuzz.Interop.ServerRun;

namespace McpFuzz.Interop.Clients;

/// <summary>Runs <c>dotnet mcpfuzz.dll client --report json:PATH -- CLIENT...</c> as a user does,
/// bounded in time, and reads its JSON report back (the same report model as <c>mcpfuzz server</c>).</summary>
public static class ClientCli
{
    private static readonly TimeSpan ProcessBound = TimeSpan.FromSeconds(150);

    /// <summary>The C# SDK client program (tests/peers/CSharpClient), built with this project.</summary>
    public static string CSharpClient => Peers.Built(Path.Combine("tests", "peers", "CSharpClient"), "CSharpClient.dll");

    /// <summary>The TypeScript SDK client script (tests/peers/ts-client.mjs) on the pinned Node.</summary>
    public static IReadOnlyList<string> TypeScriptClient(string mode) => [Peers.Node22, Path.Combine(Peers.Directory, "ts-client.mjs"), mode];

    /// <param name="scenarioTimeout">The run's <c>--timeout</c>: how long one scenario's client may run.</param>
    /// <param name="scenarios">The scenarios to run (all when null or empty).</param>
    public static Task<ServerRunOutcome> RunAsync(IReadOnlyList<string> client, int scenarioTimeout, CancellationToken cancellationToken = default,
        IReadOnlyList<string>? scenarios = null) =>
        McpFuzzCli.RunWithReportAsync("mcpfuzz client", ProcessBound,
            report => ["client", .. (scenarios ?? []).SelectMany(s => new[] { "--scenario", s }),
                "--timeout", scenarioTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture), "--report", "json:" + report, "--", .. client],
            cancellationToken);
}
