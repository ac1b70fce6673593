using System.Diagnostics;
using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Server;

/// <summary>What detection found: per revision, whether the server speaks it, and the revision the
/// oracle plays for each transport.</summary>
/// <param name="Unreachable">Why no request got any answer; null when the server answered.</param>
/// <param name="RequiresAuthorization">Every answer was 401: the server speaks nothing without a
/// token, so only the authorization scenario can run, for each revision asked for.</param>
public sealed record Detection(IReadOnlyDictionary<Revision, string?> Missing, PeerRevision Streamable, string? Unreachable, IReadOnlyList<string> Lines,
    bool RequiresAuthorization = false)
{
    public bool Reachable => Unreachable is null;

    public const string AuthorizationSkip =
        "the server requires authorization (every request got 401); give a token: -H \"Authorization: Bearer TOKEN\"";
}

/// <summary>
/// <c>mcpfuzz server</c>: detect what the server speaks the way a client of each revision would,
/// then run every applicable scenario per revision it speaks.
/// </summary>
public sealed class ServerRun(Uri url, IReadOnlyList<Revision> revisions, IReadOnlyList<ServerScenario> scenarios, IReadOnlyList<(string, string)> headers, ProbeLimits limits, WireLogWriter? log)
{
    public async Task<(RunReport Report, Detection Detection)> RunAsync(IScenarioProgress progress, CancellationToken cancel = default)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var probe = new HttpProbe(limits, log);
        var detection = await DetectAsync(probe, cancel).ConfigureAwait(false);
        var results = new List<ScenarioResult>();
        if (detection.Reachable)
        {
            // Known before anything runs, so a progress counter never shows the wrong total.
            foreach (var revision in revisions)
            {
                foreach (var scenario in scenarios.Where(s => s.Applies(revision) && !Relevant(s, detection)))
                    progress.ScenarioOmitted(scenario.Name, revision);
            }

            foreach (var revision in revisions)
            {
                foreach (var scenario in scenarios.Where(s => s.Applies(revision) && Relevant(s, detection)))
                {
                    cancel.ThrowIfCancellationRequested();

                    progress.ScenarioStarted(scenario.Name, revision);
                    var result = await RunOneAsync(probe, scenario, revision, detection).ConfigureAwait(false);
                    progress.ScenarioFinished(result);
                    results.Add(result);
                }
            }
        }

        return (new RunReport(url.AbsoluteUri, started, clock.Elapsed, results) { Detected = Detected(detection) }, detection);
    }

    /// <summary>Authorization is tested when the server asked for it (every answer was 401) or the
    /// user brought a token; a server that answered without one requires none, and its report
    /// stays free of a scenario that had nothing to test.</summary>
    private bool Relevant(ServerScenario scenario, Detection detection) =>
        scenario.Name != AuthorizationScenario.Name || detection.RequiresAuthorization ||
        headers.Any(h => string.Equals(h.Item1, Model.Wire.Http.HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase));

    /// <summary>Detection per revision asked about, from its own lines ("R: ...").</summary>
    private IReadOnlyList<DetectedRevision> Detected(Detection detection) => revisions.Select(r =>
    {
        string prefix = $"{r.ToText()}: ";
        var own = detection.Lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..]).ToArray();
        string note = own.Length > 0 ? string.Join("; ", own) : detection.Missing.GetValueOrDefault(r) ?? detection.Unreachable ?? "";
        return new DetectedRevision(r, detection.Reachable && detection.Missing.GetValueOrDefault(r) is null, note);
    }).ToArray();

    private async Task<ScenarioResult> RunOneAsync(HttpProbe probe, ServerScenario scenario, Revision revision, Detection detection)
    {
        var clock = Stopwatch.StartNew();
        bool authorization = scenario.Name == AuthorizationScenario.Name;
        if (detection.RequiresAuthorization && !authorization)
            return new ScenarioResult(scenario.Name, revision, [], [], TimeSpan.Zero, Detection.AuthorizationSkip);
        if (detection.Missing.GetValueOrDefault(revision) is { } why && !(authorization && detection.RequiresAuthorization))
            return new ScenarioResult(scenario.Name, revision, [], [], TimeSpan.Zero, why);
        var peer = revision switch
        {
            Revision.V2024_11_05 => PeerRevision.V2024_11_05,
            // A server that also spoke a Streamable HTTP revision is dual-era: requests without modern
            // metadata (a GET, a request missing Mcp-Method) go to its legacy side.
            Revision.V2026_07_28 => SpeaksStreamable(detection) ? PeerRevision.DualEra : PeerRevision.V2026_07_28,
            _ => detection.Streamable,
        };
        var conversation = new Conversation(probe, url, revision, peer, headers, scenario.Name);
        await scenario.Run(conversation).ConfigureAwait(false);
        return new ScenarioResult(scenario.Name, revision, JudgementReport.RulesChecked(conversation.Checked, revision, conversation.Findings), conversation.Findings, clock.Elapsed, conversation.Skipped);
    }

    private static bool SpeaksStreamable(Detection detection) =>
        detection.Missing.Any(m => m.Key is not (Revision.V2024_11_05 or Revision.V2026_07_28) && m.Value is null);

    /// <summary>Asks the way each revision's client connects: initialize for Streamable HTTP, a GET
    /// expecting <c>endpoint</c> for HTTP+SSE, server/discover for 2026-07-28.</summary>
    private async Task<Detection> DetectAsync(HttpProbe probe, CancellationToken cancel)
    {
        var missing = new Dictionary<Revision, string?>();
        var lines = new List<string>();
        var newest = VersionValue.None;
        bool reachable = false;
        bool onlyUnauthorized = true;
        string? unreachable = null;
        foreach (var revision in revisions)
        {
            cancel.ThrowIfCancellationRequested();
            var spelling = new RequestSpelling(revision, headers);
            WireExchange exchange;
            string found;
            if (revision == Revision.V2024_11_05)
            {
                exchange = await probe.SendAsync(new WireRequest("GET", url.AbsoluteUri, spelling.Headers(null, null, post: false), []), listen: true).ConfigureAwait(false);
                bool endpoint = exchange.Response is { IsEventStream: true } r && r.Events.FirstOrDefault()?.Type == "endpoint";
                found = endpoint ? "HTTP+SSE (GET opened a stream starting with `endpoint`)" : "";
            }
            else if (revision == Revision.V2026_07_28)
            {
                exchange = await probe.SendAsync(new WireRequest("POST", url.AbsoluteUri, spelling.Headers(null, "2026-07-28", post: true, "server/discover"), spelling.Discover("1"))).ConfigureAwait(false);
                bool discovered = exchange.Response is { Status: 200 } r && (Text(r).Contains("supportedVersions", StringComparison.Ordinal));
                found = discovered ? "2026-07-28 (server/discover answered)" : "";
            }
            else
            {
                exchange = await probe.SendAsync(new WireRequest("POST", url.AbsoluteUri, spelling.Headers(null, null, post: true), spelling.Initialize(revision.ToText(), "1"))).ConfigureAwait(false);
                string? version = exchange.Response is { Status: >= 200 and < 300 } r ? Conversation.ProtocolVersionOf(r) ?? await PolledVersionAsync(probe, spelling, r).ConfigureAwait(false) : null;
                found = version == revision.ToText() ? $"Streamable HTTP, negotiates {version}" : "";
                if (version is not null && Revisions.TryParse(version, out var answered) && VersionValues.Of(answered) > newest && answered != Revision.V2026_07_28)
                    newest = VersionValues.Of(answered);
                if (version is not null && found.Length == 0) lines.Add($"{revision.ToText()}: answered with {version} instead");
                await CloseAsync(probe, spelling, exchange).ConfigureAwait(false);
            }

            reachable |= exchange.Response is not null;
            onlyUnauthorized &= exchange.Response is null or { Status: 401 };
            if (exchange.Response is null) unreachable ??= probe.LastError;
            missing[revision] = found.Length > 0 ? null
                : exchange.Response is { Status: 401 } ? $"the server requires authorization (401) for {revision.ToText()}; give a token with --header"
                : $"the server does not speak {revision.ToText()} at this URL";
            lines.Add($"{revision.ToText()}: " + (found.Length > 0 ? found : exchange.Response is null ? "no answer (" + probe.LastError + ")" : $"no ({exchange.Response.Status})"));
        }

        var streamable = newest == VersionValue.None ? PeerRevision.V2025_11_25 : (PeerRevision)(int)newest.ToRevision();
        bool requiresAuthorization = reachable && onlyUnauthorized;
        if (requiresAuthorization) lines.Add(Detection.AuthorizationSkip + "; only the authorization scenario runs, for every revision asked for");
        return new Detection(missing, streamable, reachable ? null : unreachable ?? "no answer", lines, requiresAuthorization);
    }

    /// <summary>A server may close an initialize stream after an event id and deliver the result on
    /// resumption (2025-11-25 polling): detection resumes as a client would, with Last-Event-ID.
    /// Whether closing early was allowed is the scenarios' to judge.</summary>
    private async Task<string?> PolledVersionAsync(HttpProbe probe, RequestSpelling spelling, WireResponse response)
    {
        if (!response.IsEventStream || response.Events.LastOrDefault(e => !string.IsNullOrEmpty(e.Id))?.Id is not { } last) return null;
        string? session = response.Headers.Get(Model.Wire.Http.HeaderNames.SessionId);
        var resumed = await probe.SendAsync(new WireRequest("GET", url.AbsoluteUri, spelling.Headers(session, null, post: false, lastEventId: last), [])).ConfigureAwait(false);
        return resumed.Response is { Status: >= 200 and < 300 } r ? Conversation.ProtocolVersionOf(r) : null;
    }

    /// <summary>Ends a session detection opened, so detection leaves nothing behind.</summary>
    private static async Task CloseAsync(HttpProbe probe, RequestSpelling spelling, WireExchange exchange)
    {
        string? session = exchange.Response?.Headers.Get(Model.Wire.Http.HeaderNames.SessionId);
        if (session is null) return;
        await probe.SendAsync(new WireRequest("DELETE", exchange.Request.Url, spelling.Headers(session, null, post: false), [])).ConfigureAwait(false);
    }

    private static string Text(WireResponse r) => System.Text.Encoding.UTF8.GetString(r.Body) + string.Join("\n", r.Events.Select(e => e.Data));
}
