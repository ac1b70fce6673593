using System.Diagnostics;
using McpFuzz.Driver.Cli;
using McpFuzz.Driver.CoverageFuzz;
using McpFuzz.Driver.Fuzz;
using McpFuzz.Driver.Server;
using McpFuzz.Fuzzer.Targets;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Driver.Nightly;

/// <summary>What a nightly run is asked to do.</summary>
public sealed record NightlyOptions(TimeSpan Budget, string OutDirectory, int Jobs, ulong Seed, NightlyServer? Server);

/// <summary>
/// <c>mcpfuzz nightly</c>: every parser target of <see cref="FuzzTargets.All"/> in turn, each with
/// the in-process engine on its instrumented harness (the plan, harness and supervised workers of
/// <c>mcpfuzz fuzz</c>), then the stateful fuzzing of <c>mcpfuzz server --fuzz</c> when a server
/// is given, in one budget. Corpora and crash directories live under the output directory, so the
/// next night resumes from what this one found; the reports are rewritten after every part.
/// </summary>
public sealed class NightlyRun(NightlyOptions options, Terminal terminal)
{
    private static readonly TimeSpan MergeReserveMinimum = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MergeReserveMaximum = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MergeDeadlineMinimum = TimeSpan.FromSeconds(5);

    private readonly Stopwatch clock = new();

    public async Task<NightlyResult> RunAsync(CancellationToken cancel)
    {
        clock.Start();
        var started = DateTimeOffset.UtcNow;
        var targets = FuzzTargets.All;
        var budget = new NightlyBudget(options.Budget, targets.Count + (options.Server is null ? 0 : 1), () => clock.Elapsed);
        var catalog = TargetCatalog.Open(null);
        var results = new List<NightlyTargetResult>();
        NightlyServerResult? server = null;
        NightlyResult Result() => new(started, Math.Round(options.Budget.TotalSeconds, 1), Math.Round(clock.Elapsed.TotalSeconds, 1), options.Seed, options.Jobs, [.. results], server,
            cancel.IsCancellationRequested);

        foreach (var target in targets)
        {
            if (cancel.IsCancellationRequested) break;
            results.Add(await RunTargetAsync(target, catalog, budget.Next(), cancel));
            NightlyReport.Write(options.OutDirectory, Result());
        }

        if (options.Server is { } given && !cancel.IsCancellationRequested)
        {
            server = await RunServerAsync(given, budget.Next(), cancel);
            NightlyReport.Write(options.OutDirectory, Result());
        }

        var result = Result();
        NightlyReport.Write(options.OutDirectory, result);
        return result;
    }

    private async Task<NightlyTargetResult> RunTargetAsync(IFuzzTarget target, TargetCatalog catalog, TimeSpan share, CancellationToken cancel)
    {
        var partClock = Stopwatch.StartNew();
        string corpus = Path.GetFullPath(Path.Combine(options.OutDirectory, target.Name, "corpus"));
        string crashes = Path.GetFullPath(Path.Combine(options.OutDirectory, target.Name, "crashes"));
        string? seededFrom = SeedCorpus.SeedIfEmpty(corpus, target.Name, HarnessChoice.ProgramDirectory, Directory.GetCurrentDirectory());
        int corpusBefore = SeedCorpus.Entries(corpus);
        Log(seededFrom is not null ? $"nightly: {target.Name}: corpus {corpus} seeded from {seededFrom} ({corpusBefore} inputs)"
            : corpusBefore > 0 ? $"nightly: {target.Name}: corpus {corpus} resumes with {corpusBefore} inputs"
            : $"nightly: {target.Name}: corpus {corpus} starts empty (no corpus/{target.Name} next to the program or in the current directory)");
        string? dictionary = SeedCorpus.Dictionary(target.Name, HarnessChoice.ProgramDirectory, Directory.GetCurrentDirectory());
        if (dictionary is not null) Log($"nightly: {target.Name}: dictionary {dictionary}");
        var crashesBefore = CampaignReport.CrashFiles(crashes);

        var plan = new CampaignPlan(target, HarnessChoice.For(target, catalog), options.Seed, Runs: null, Time: null, corpus, crashes, dictionary,
            options.Jobs, MaxLength: 4096, Timeout: TimeSpan.FromMilliseconds(2000), Feedback: true);

        // The corpus as the night found it, replayed once by one worker: the edges it reaches.
        int edgesBefore = 0;
        if (corpusBefore > 0)
        {
            var baseline = new WorkerSupervisor(plan with { Runs = 1, Jobs = 1 }, Log);
            await baseline.RunAsync(cancel);
            edgesBefore = baseline.Snapshot().Edges;
        }

        // The merge after the campaign comes out of the same share: the campaign leaves it a tenth,
        // between 2 s and a minute (a replay costs a process start plus one run per input).
        var mergeReserve = TimeSpan.FromTicks(Math.Clamp(share.Ticks / 10, MergeReserveMinimum.Ticks, MergeReserveMaximum.Ticks));
        var time = share - partClock.Elapsed - mergeReserve;
        var supervisor = new WorkerSupervisor(plan with { Time = time < NightlyBudget.Minimum ? NightlyBudget.Minimum : time }, Log);
        Log($"nightly: {target.Name}: {(time < NightlyBudget.Minimum ? NightlyBudget.Minimum : time).TotalSeconds:0.0} s, {options.Jobs} job(s), {corpusBefore} inputs reaching {edgesBefore} edges");
        await WithProgress(() =>
        {
            var (executions, edges, size, restarts, _) = supervisor.Snapshot();
            double seconds = Math.Max(supervisor.Elapsed.TotalSeconds, 1e-9);
            return $"{target.Name}: {executions} execs ({executions / seconds:0}/s), {edges} edges, corpus {size}, restarts {restarts}";
        }, supervisor.RunAsync(cancel));

        var snapshot = supervisor.Snapshot();
        int corpusAfter = SeedCorpus.Entries(corpus);
        // Never less than MergeDeadlineMinimum: a merge cut short changes nothing, so on a short night
        // it may overrun its share a little, which NightlyBudget takes from the later parts.
        var mergeDeadline = new[] { share - partClock.Elapsed, mergeReserve, MergeDeadlineMinimum }.Max();
        var merge = await MergeAsync(plan, mergeDeadline, cancel);
        var fresh = CampaignReport.CrashFiles(crashes).Except(crashesBefore).Order(StringComparer.Ordinal)
            .Select(name => new NightlyCrash(Path.Combine(crashes, name), CampaignReport.FirstLine(Path.Combine(crashes, name + ".txt"))))
            .ToList();
        var result = new NightlyTargetResult(target.Name, seededFrom, snapshot.Executions, Math.Round(supervisor.Elapsed.TotalSeconds, 3), edgesBefore,
            Math.Max(edgesBefore, snapshot.Edges), corpusBefore, corpusAfter, fresh, snapshot.Restarts, plan.Harness.Instrumented, merge);
        Log($"nightly: {target.Name}: {result.Executions} execs ({result.ExecsPerSecond:0}/s), edges {result.EdgesBefore} -> {result.EdgesAfter}, " +
            $"corpus {result.CorpusBefore} -> {result.CorpusAfter}, {fresh.Count} new crash(es)");
        foreach (var crash in fresh) Log($"nightly: {target.Name}: NEW CRASH {crash.File}: {crash.Signature}");
        return result;
    }

    /// <summary>Merges the target's corpus with what <c>DIR/TARGET/import/</c> holds (files, AFL++
    /// output or queue directories, libFuzzer corpora, one level of subdirectories), in the time
    /// left of its share; past it the corpus is left as it was and the report says so.</summary>
    private async Task<NightlyMerge?> MergeAsync(CampaignPlan plan, TimeSpan deadline, CancellationToken cancel)
    {
        if (cancel.IsCancellationRequested || !plan.Harness.Instrumented) return null;
        string import = Path.Combine(options.OutDirectory, plan.Target.Name, "import");
        var from = Directory.Exists(import)
            ? [import, .. Directory.EnumerateDirectories(import).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal)]
            : new List<string>();
        var summary = await CorpusMerge.RunAsync(new MergePlan(plan.Target, plan.Harness, plan.CorpusDirectory, from, plan.CrashDirectory,
            plan.MaxLength, plan.Timeout, deadline), Log, cancel);
        var merge = new NightlyMerge(summary.InputsBefore, summary.InputsFrom, summary.InputsAfter, summary.Edges, summary.EdgesAfter,
            summary.BytesBefore, summary.BytesAfter, summary.Skipped.Count, summary.Finished, summary.Seconds);
        Log($"nightly: {plan.Target.Name}: {MergeCommand.Line(summary)}");
        return merge;
    }

    private async Task<NightlyServerResult> RunServerAsync(NightlyServer server, TimeSpan share, CancellationToken cancel)
    {
        string corpus = Path.GetFullPath(Path.Combine(options.OutDirectory, "server", "corpus"));
        string failures = Path.GetFullPath(Path.Combine(options.OutDirectory, "server", "failures"));
        Log($"nightly: server {server.Url} ({server.Revision.ToText()}): {share.TotalSeconds:0.0} s, corpus {corpus}, failures {failures}");
        var limits = ProbeLimits.Default with { Timeout = TimeSpan.FromSeconds(10) };
        var summary = await ServerFuzz.CampaignAsync(terminal.Error, server.Url, server.Revision, server.Headers, limits, listenMs: 50,
            new FuzzOptions(null, share, options.Seed, failures) { CorpusDirectory = corpus }, cancel);
        var result = new NightlyServerResult(server.Url.ToString(), server.Revision.ToText(), summary.Sequences, summary.Exchanges, Math.Round(summary.Elapsed.TotalSeconds, 3),
            summary.KnownStates.Count, summary.AllStates.Count, summary.CorpusLoaded, summary.CorpusLoaded + summary.CorpusSaved,
            [.. summary.NewFailures.Select(f => new NightlyServerFailure(f.Rule, f.Why, f.ReplayPath, f.Reproduced))], summary.KnownFailures.Count);
        Log($"nightly: server: {result.Sequences} sequences, {result.Exchanges} exchanges, states {result.StatesBefore} -> {result.StatesAfter}, " +
            $"{result.NewFailures.Count} new failure(s), {result.KnownFailures} known");
        return result;
    }

    /// <summary>Prints <paramref name="line"/> every 10 s (every second on a terminal) while <paramref name="work"/> runs.</summary>
    private async Task WithProgress(Func<string> line, Task work)
    {
        var every = TimeSpan.FromSeconds(terminal.ErrorIsInteractive ? 1 : 10);
        while (await Task.WhenAny(work, Task.Delay(every)) != work)
            Log($"[{clock.Elapsed.TotalSeconds,6:0}s/{options.Budget.TotalSeconds:0}s] {line()}");
        await work;
    }

    private void Log(string message)
    {
        lock (terminal) terminal.Error.WriteLine(message);
    }
}
