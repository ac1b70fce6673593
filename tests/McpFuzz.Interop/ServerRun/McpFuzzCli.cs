using System.Diagnostics;
using System.Globalization;
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
    private static readonly TimeSpan ServerBound = TimeSpan.FromSeconds(90);

    public static string Program => Peers.Built(Path.Combine("src", "Driver"), "mcpfuzz.dll");

    /// <param name="exchangeTimeout">The run's <c>--timeout</c> in seconds: how long one exchange may
    /// take, which is also how long a server that never answers holds the run up.</param>
    public static Task<ServerRunOutcome> ServerAsync(Uri url, int exchangeTimeout, CancellationToken cancellationToken = default) =>
        RunWithReportAsync($"mcpfuzz server {url}", ServerBound,
            report => ["server", url.AbsoluteUri, "--revision", "all", "--timeout", exchangeTimeout.ToString(CultureInfo.InvariantCulture), "--report", "json:" + report],
            cancellationToken);

    /// <summary>Runs <c>dotnet mcpfuzz.dll ARGS</c> with a JSON report in a temporary file, and reads
    /// the report back; a run that overstays <paramref name="bound"/> or writes no report fails.</summary>
    public static async Task<ServerRunOutcome> RunWithReportAsync(string what, TimeSpan bound, Func<string, IEnumerable<string>> arguments, CancellationToken cancellationToken)
    {
        var report = Path.Combine(Path.GetTempPath(), $"mcpfuzz-interop-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo(Peers.Dotnet);
        start.ArgumentList.Add(Program);
        foreach (var argument in arguments(report)) start.ArgumentList.Add(argument);
        try
        {
            var run = await BoundedProcess.RunAsync(start, bound, cancellationToken);
            if (run.TimedOut) throw new TimeoutException($"{what} ran longer than {bound.TotalSeconds} s.{Environment.NewLine}stderr:{Environment.NewLine}{run.Stderr}");
            if (!File.Exists(report))
                throw new InvalidOperationException($"{what} wrote no report (exit {run.ExitCode}).{Environment.NewLine}stderr:{Environment.NewLine}{run.Stderr}");
            return new ServerRunOutcome(run.ExitCode, run.Stdout, run.Stderr, ServerReport.Parse(await File.ReadAllTextAsync(report, cancellationToken)));
        }
        finally
        {
            File.Delete(report);
        }
    }
}
