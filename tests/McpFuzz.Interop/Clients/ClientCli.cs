using System.Diagnostics;
using System.Text;
using McpFuzz.Interop.Fixtures;
using McpFuzz.Interop.ServerRun;

namespace McpFuzz.Interop.Clients;

/// <summary>Runs <c>dotnet mcpfuzz.dll client --report json:PATH -- CLIENT...</c> as a user does,
/// bounded in time, and reads its JSON report back (the same report model as <c>mcpfuzz server</c>).</summary>
public static class ClientCli
{
    private static readonly TimeSpan ProcessBound = TimeSpan.FromSeconds(150);

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The C# SDK client program (tests/peers/CSharpClient), built with this project.</summary>
    public static string CSharpClient
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            var program = Path.Combine(Peers.RepositoryRoot, "tests", "peers", "CSharpClient", "bin", configuration, "net10.0", "CSharpClient.dll");
            if (!File.Exists(program)) throw new InvalidOperationException($"{program} is missing: build the solution ({configuration}) first.");
            return program;
        }
    }

    /// <summary>The TypeScript SDK client script (tests/peers/ts-client.mjs) on the pinned Node.</summary>
    public static IReadOnlyList<string> TypeScriptClient(string mode) => [Peers.Node22, Path.Combine(Peers.Directory, "ts-client.mjs"), mode];

    /// <param name="scenarioTimeout">The run's <c>--timeout</c>: how long one scenario's client may run.</param>
    public static async Task<ServerRunOutcome> RunAsync(IReadOnlyList<string> client, int scenarioTimeout, CancellationToken cancellationToken = default)
    {
        var report = Path.Combine(Path.GetTempPath(), $"mcpfuzz-client-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo(Dotnet) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[McpFuzzCli.Program, "client", "--timeout", scenarioTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--report", "json:" + report, "--", .. client])
        {
            start.ArgumentList.Add(argument);
        }

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
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(ProcessBound);
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"mcpfuzz client ran longer than {ProcessBound.TotalSeconds} s.{Environment.NewLine}stderr:{Environment.NewLine}{stderr}");
        }

        try
        {
            if (!File.Exists(report))
                throw new InvalidOperationException($"mcpfuzz client wrote no report (exit {process.ExitCode}).{Environment.NewLine}stderr:{Environment.NewLine}{stderr}");
            return new ServerRunOutcome(process.ExitCode, stdout.ToString(), stderr.ToString(), ServerReport.Parse(await File.ReadAllTextAsync(report, cancellationToken)));
        }
        finally
        {
            File.Delete(report);
        }
    }
}
