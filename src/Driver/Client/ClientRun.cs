using System.Diagnostics;
using McpFuzz.Driver.Reference;
using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Server;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Client;

/// <summary>
/// <c>mcpfuzz client</c>: per scenario, the reference server on 127.0.0.1 with the scenario's
/// profile, the client command run against it (the URL as last argument and in
/// <c>MCPFUZZ_SERVER_URL</c>), every exchange recorded, and the client judged by the client oracle.
/// The client is killed when the scenario's time is up; a client still running then has hung.
/// </summary>
public sealed class ClientRun(string command, IReadOnlyList<string> arguments, IReadOnlyList<ClientScenario> scenarios, PeerRevision? revision, TimeSpan timeout, WireLogWriter? log)
{
    public const string UrlVariable = "MCPFUZZ_SERVER_URL";

    /// <summary>The last lines of the client's output kept for a finding.</summary>
    private const int OutputLines = 8;

    public async Task<RunReport> RunAsync(IScenarioProgress progress, CancellationToken cancel = default)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var results = new List<ScenarioResult>();
        int logged = 0;
        foreach (var scenario in scenarios)
        {
            cancel.ThrowIfCancellationRequested();
            var shown = (Revision)(int)(revision is { } r && r != PeerRevision.DualEra ? r : scenario.Server == PeerRevision.DualEra ? PeerRevision.V2025_11_25 : scenario.Server);
            progress.ScenarioStarted(scenario.Name, shown);
            var (result, exchanges) = await RunOneAsync(scenario, cancel).ConfigureAwait(false);
            if (log is not null)
            {
                foreach (var exchange in exchanges) log.Exchange(exchange with { Index = logged + exchange.Index });
                logged += exchanges.Count;
            }

            progress.ScenarioFinished(result);
            results.Add(result);
        }

        return new RunReport(string.Join(' ', [command, .. arguments]), started, clock.Elapsed, results);
    }

    private async Task<(ScenarioResult, IReadOnlyList<WireExchange>)> RunOneAsync(ClientScenario scenario, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var traffic = new ServedTraffic(scenario.ExpireAt, scenario.ClosedGets, TimeSpan.FromMilliseconds(scenario.HoldToolCallMs));
        var server = await ReferenceServer.StartAsync(scenario.Server, scenario.Profile, EmbeddedTarget.ReplyFor(scenario.Profile), 0, cancel,
            scenario.Authorization is { } deployment ? new AuthorizationSetup(deployment) : null, traffic.TapAsync, scenario.Framing).ConfigureAwait(false);
        var authorization = server.Authorization;
        ClientEnding ending;
        int exitCode;
        var output = new Queue<string>();
        try
        {
            (ending, exitCode) = await RunClientAsync(server.Url, output, cancel).ConfigureAwait(false);
        }
        finally
        {
            // Stopping the server ends the streams still open, so every exchange has its end.
            await server.DisposeAsync().ConfigureAwait(false);
        }

        var verdict = ServedJudge.Judge(traffic.Entries, revision, ending);
        var findings = new List<Finding>();
        foreach (var found in verdict.Deviations)
        {
            var d = found.Deviation;
            var lines = found.Exchange is { } index ? ExchangeLines.Of(verdict.Exchanges.First(e => e.Index == index)) : Tail(output);
            findings.Add(new Finding(d.Rule, Level(d.Rule), d.Revision, scenario.Name, d.Observed, d.Expected, lines));
        }

        var checkedRules = verdict.Checked.ToList();
        if (scenario.ClosedGets is { } closing)
        {
            var (reconnects, last) = Reconnects(verdict, closing);
            var judged = ReconnectJudge.Judge(reconnects, RuleRevision(null, verdict.Client));
            checkedRules.AddRange(judged.Checked);
            foreach (var d in judged.Deviations)
                findings.Add(new Finding(d.Rule, Level(d.Rule), d.Revision, scenario.Name, d.Observed, d.Expected, last is null ? [] : ExchangeLines.Of(last)));
        }

        // An HTTP+SSE-only client cannot talk to a Streamable HTTP server: failing there is allowed.
        bool mismatched = verdict.LegacyOnly && scenario.Server != PeerRevision.V2024_11_05;
        if (scenario.Survives is { } survives && !mismatched && ending != ClientEnding.Succeeded && (findings.Count == 0 || ending == ClientEnding.Hung))
        {
            checkedRules.Add(survives);
            string what = ending == ClientEnding.Hung ? $"the client was still running after {timeout.TotalSeconds:0.#} s and was killed" : $"the client exited with status {exitCode}";
            findings.Add(new Finding(survives, Level(survives), RuleRevision(survives, verdict.Client), scenario.Name,
                $"{what} after {verdict.Exchanges.Count} exchanges: {scenario.Description}", "the client completes its session (lists the tools, calls one, exits 0)", Tail(output)));
        }

        string? notJudged = null;
        if (authorization is not null)
        {
            var discovery = ServedDiscovery.Judge(verdict.Exchanges, authorization.ProbeUrls, authorization.Deployment, verdict.Client);
            notJudged = discovery.NotJudged;
            if (notJudged is null)
            {
                checkedRules.AddRange(DiscoveryRun.Of(verdict.Client, authorization.Deployment).Steps.SelectMany(s => s.Rules));
                if (discovery.Divergence is { } d)
                    findings.Add(new Finding(d.Rule.Id, d.Rule.Level, RuleRevision(d.Rule.Id, verdict.Client), scenario.Name,
                        $"{d.Explanation} (probes: {string.Join(", ", discovery.Probes)})",
                        d.Expected.Probe == Probe.None ? "no further discovery request" : d.Expected.Probe.Describe(), Tail(output)));
            }
        }

        var shown = findings.Count > 0 ? findings[0].Revision : RuleRevision(null, verdict.Client);
        string? skipped = findings.Count > 0 ? null
            : verdict.Exchanges.Count == 0 ? $"the client sent nothing ({Describe(ending, exitCode)})"
            : mismatched && findings.Count == 0 ? "the client speaks HTTP+SSE only; this scenario's server speaks Streamable HTTP"
            : notJudged;
        return (new ScenarioResult(scenario.Name, shown, checkedRules.Distinct().ToArray(), findings, clock.Elapsed, skipped), verdict.Exchanges);
    }

    private async Task<(ClientEnding, int)> RunClientAsync(Uri url, Queue<string> output, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add(url.AbsoluteUri);
        start.Environment[UrlVariable] = url.AbsoluteUri;

        using var process = new Process { StartInfo = start };
        DataReceivedEventHandler keep = (_, e) =>
        {
            if (e.Data is null) return;
            lock (output)
            {
                output.Enqueue(e.Data);
                while (output.Count > OutputLines) output.Dequeue();
            }
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        if (!process.Start()) throw new InvalidOperationException($"cannot start {command}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            return (process.ExitCode == 0 ? ClientEnding.Succeeded : ClientEnding.Failed, process.ExitCode);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return (ClientEnding.Hung, -1);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The session's GET streams in the order they came, each with when the one before
    /// ended and the retry the server sent on it; and the last of them, for the finding.</summary>
    private static (IReadOnlyList<StreamAttempt>, WireExchange?) Reconnects(ServedVerdict verdict, ClosedGetStreams closing)
    {
        var gets = verdict.Exchanges.Where(e => ClosedGetStreams.Applies(e.Request) && e.Request.At is not null).OrderBy(e => e.Index).ToArray();
        var attempts = new List<StreamAttempt>();
        WireExchange? previous = null;
        bool retrySent = false;
        foreach (var get in gets)
        {
            long? ended = previous?.Response?.End?.At is { } end ? end.ToUnixTimeMilliseconds() : null;
            // The reconnection time a retry field sets lasts (WHATWG): a 405 after it does not reset it.
            attempts.Add(new StreamAttempt(get.Request.At!.Value.ToUnixTimeMilliseconds(), ended, retrySent ? closing.RetryMs : null));
            retrySent |= get.Response?.Status == 200;
            previous = get;
        }

        return (attempts, previous);
    }

    private static IReadOnlyList<string> Tail(Queue<string> output)
    {
        lock (output) return output.Select(l => "client: " + l).ToArray();
    }

    private static RuleLevel Level(string rule) => RuleCatalog.Find(rule)?.Level ?? RuleLevel.Must;

    /// <summary>The revision a rule is reported under: the client's, or the first where the rule holds.</summary>
    private static Revision RuleRevision(string? rule, PeerRevision client)
    {
        var own = client.LatestLegacy() ?? Revision.V2026_07_28;
        if (rule is null || RuleCatalog.Find(rule) is not { } found || found.AppliesTo(own)) return own;
        return Revisions.All.FirstOrDefault(found.AppliesTo, own);
    }

    private static string Describe(ClientEnding ending, int exitCode) => ending switch
    {
        ClientEnding.Hung => "it hung",
        _ => $"it exited with status {exitCode}",
    };
}
