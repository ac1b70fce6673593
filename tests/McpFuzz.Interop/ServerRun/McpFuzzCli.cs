using System.Diagnostics;
using System.Text;
using System.Text.Json;
using McpFuzz.Interop.Fixtures;

namespace McpFuzz.Interop.ServerRun;

/// <summary>What one <c>mcpfuzz server</c> process did: its exit code, what it printed, and its
/// JSON report read back.</summary>
public sealed record ServerRunOutcome(int ExitCode, string Stdout, string Stderr, ServerReport Report)
{
    /// <summary>The revisions detection found, from the <c>detect R: ...</c> lines on stderr: each
    /// with how the server speaks it ("Streamable HTTP, negotiates R", "HTTP+SSE ...").</summary>
    public IReadOnlyDictionary<string, string> Detected =>
        Stderr.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.StartsWith("detect ", StringComparison.Ordinal))
            .Select(line => line["detect ".Length..].Split(": ", 2))
            .Where(parts => parts.Length == 2 && !parts[1].StartsWith("no", StringComparison.Ordinal))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}";
}

public sealed record ServerReport(IReadOnlyList<ScenarioEntry> Scenarios)
{
    public IEnumerable<FindingEntry> Findings => Scenarios.SelectMany(s => s.Findings);

    public static ServerReport Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var scenarios = document.RootElement.GetProperty("scenarios").EnumerateArray().Select(s => new ScenarioEntry(
            s.GetProperty("name").GetString()!,
            s.GetProperty("revision").GetString()!,
            s.TryGetProperty("skipped", out var skipped) ? skipped.GetString() : null,
            s.GetProperty("rulesChecked").EnumerateArray().Select(r => r.GetString()!).ToArray(),
            s.GetProperty("findings").EnumerateArray().Select(f => new FindingEntry(
                f.GetProperty("revision").GetString()!,
                f.GetProperty("rule").GetString()!,
                f.GetProperty("level").GetString()!,
                f.GetProperty("scenario").GetString()!,
                f.GetProperty("observed").GetString()!)).ToArray()));
        return new ServerReport(scenarios.ToArray());
    }
}

public sealed record ScenarioEntry(string Name, string Revision, string? Skipped, IReadOnlyList<string> RulesChecked, IReadOnlyList<FindingEntry> Findings);

public sealed record FindingEntry(string Revision, string Rule, string Level, string Scenario, string Observed);

/// <summary>
/// Runs the real command line, <c>dotnet mcpfuzz.dll server URL --revision all --report json:PATH</c>,
/// as a user does: a separate process, bounded in time, killed with everything it started if it
/// overstays.
/// </summary>
public static class McpFuzzCli
{
    private static readonly TimeSpan ProcessBound = TimeSpan.FromSeconds(90);

    public static string Program
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            var program = Path.Combine(Peers.RepositoryRoot, "src", "Driver", "bin", configuration, "net10.0", "mcpfuzz.dll");
            if (!File.Exists(program)) throw new InvalidOperationException($"{program} is missing: build the solution ({configuration}) first.");
            return program;
        }
    }

    /// <param name="exchangeTimeout">The run's <c>--timeout</c> in seconds: how long one exchange may
    /// take, which is also how long a server that never answers holds the run up.</param>
    public static async Task<ServerRunOutcome> ServerAsync(Uri url, int exchangeTimeout, CancellationToken cancellationToken = default)
    {
        var report = Path.Combine(Path.GetTempPath(), $"mcpfuzz-interop-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     Program, "server", url.AbsoluteUri, "--revision", "all",
                     "--timeout", exchangeTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--report", "json:" + report,
                 })
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
            throw new TimeoutException($"mcpfuzz server {url} ran longer than {ProcessBound.TotalSeconds} s.{Environment.NewLine}stderr:{Environment.NewLine}{stderr}");
        }

        try
        {
            if (!File.Exists(report))
                throw new InvalidOperationException($"mcpfuzz server {url} wrote no report (exit {process.ExitCode}).{Environment.NewLine}stderr:{Environment.NewLine}{stderr}");
            return new ServerRunOutcome(process.ExitCode, stdout.ToString(), stderr.ToString(), ServerReport.Parse(await File.ReadAllTextAsync(report, cancellationToken)));
        }
        finally
        {
            File.Delete(report);
        }
    }
}
