using System.Globalization;
using McpFuzz.Driver.Fuzz;
using McpFuzz.Driver.Server;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz server --fuzz</c>: stateful fuzzing of one server with generated sequences
/// (<see cref="FuzzCampaign"/>). Exit 1 when a new failure (one no earlier run saved in the
/// <c>--out</c> directory) broke a rule at <c>--fail-on</c> or above, as <c>mcpfuzz server</c> does
/// with findings; known failures are listed but do not fail the run.</summary>
public static class ServerFuzz
{
    public static async Task<int> RunAsync(Terminal terminal, Uri target, IReadOnlyList<Revision> revisions, IReadOnlyList<(string, string)> headers,
        ProbeLimits limits, int? runs, string? time, ulong? seed, string? outDirectory, string? corpusDirectory, RuleLevel failOn, double listenMs, CancellationToken cancel)
    {
        var budget = time is null ? (TimeSpan?)null
            : McpFuzz.Driver.CoverageFuzz.Durations.Parse(time) ?? throw new UsageException($"--time: '{time}' is not a duration such as 30s, 5m or 1h");
        if (runs is <= 0) throw new UsageException($"--runs: {runs} is not a positive number");
        if (runs is null && budget is null) runs = 200;
        if (outDirectory is not null && corpusDirectory is not null && Path.GetFullPath(outDirectory) == Path.GetFullPath(corpusDirectory))
            throw new UsageException("--corpus and --out: give two directories (corpus entries and replay files are different files)");

        // Stateful fuzzing speaks Streamable HTTP; HTTP+SSE streams answers elsewhere.
        var revision = revisions.FirstOrDefault(r => r != Revision.V2024_11_05);
        if (revisions.Count == 0 || revision == Revision.V2024_11_05) throw new UsageException("--fuzz: needs a Streamable HTTP revision (2025-03-26 or later) with --revision");
        ulong chosen = seed ?? (ulong)Random.Shared.NextInt64();
        terminal.Error.WriteLine($"fuzz: seed {chosen}, revision {revision.ToText()}, {target}");

        // GET streams are listened to briefly: a sequence has many of them, and the window is most
        // of the time a sequence takes (the events a stream sends at once arrive well within it).
        if (listenMs is <= 0 or > 60_000) throw new UsageException($"--listen: {listenMs} is outside (0, 60000] milliseconds");
        var summary = await CampaignAsync(terminal.Error, target, revision, headers, limits, listenMs,
            new FuzzOptions(runs, budget, chosen, outDirectory) { CorpusDirectory = corpusDirectory }, cancel);
        terminal.Out.WriteLine($"seed {summary.Seed}: {summary.Sequences} sequences, {summary.Exchanges} exchanges in {summary.Elapsed.TotalSeconds:0.0} s " +
                               $"({summary.ExchangesPerSecond:0} exchanges/s), {summary.AllStates.Count} distinct server states ({summary.NewStates.Count} new this run)");
        if (corpusDirectory is not null) terminal.Out.WriteLine($"corpus {corpusDirectory}: {summary.CorpusLoaded} sequences loaded, {summary.CorpusSaved} added");
        var fresh = summary.NewStates.ToHashSet();
        foreach (var state in summary.AllStates) terminal.Out.WriteLine("  state " + state + (fresh.Contains(state) ? " (new)" : ""));
        foreach (var failure in summary.Failures)
        {
            terminal.Out.WriteLine($"{(failure.Known ? "KNOWN" : "FAIL")} {failure.Rule}: {failure.Why}");
            terminal.Out.WriteLine($"  minimal ({failure.Minimal.Steps.Count} steps, {(failure.Reproduced ? "reproduced" : "not reproduced")}): {failure.Minimal}");
            if (failure.ReplayPath is { } path) terminal.Out.WriteLine("  replay: " + path);
        }

        int unconfirmed = summary.NewFailures.Count(f => !f.Reproduced);
        terminal.Out.WriteLine($"{summary.NewFailures.Count} new failures{(unconfirmed > 0 ? $" ({unconfirmed} not reproduced: saved and listed, not failing the run)" : "")}, {summary.KnownFailures.Count} known");
        // A failure the minimal sequence does not reproduce depends on timing: it is worth a look,
        // but a CI job cannot act on it, so only confirmed failures decide the exit code.
        bool fails = summary.NewFailures.Any(f => f.Reproduced && (RuleCatalog.Find(f.Rule)?.Level ?? RuleLevel.Must) <= failOn);
        return fails ? ExitCodes.Findings : ExitCodes.Ok;
    }

    /// <summary>One stateful fuzzing campaign against <paramref name="target"/> at
    /// <paramref name="revision"/> (a Streamable HTTP one), progress to <paramref name="progress"/>:
    /// the entry both <c>server --fuzz</c> and <c>nightly</c> run.</summary>
    public static async Task<FuzzSummary> CampaignAsync(TextWriter progress, Uri target, Revision revision, IReadOnlyList<(string, string)> headers,
        ProbeLimits limits, double listenMs, FuzzOptions options, CancellationToken cancel)
    {
        var fuzzLimits = limits with { Listen = TimeSpan.FromMilliseconds(listenMs) };
        using var probe = new HttpProbe(fuzzLimits, null);
        using var executor = new LiveExecutor(probe, target, revision, (PeerRevision)(int)revision, headers);
        return await new FuzzCampaign(executor, options, progress, target).RunAsync(cancel);
    }
}
