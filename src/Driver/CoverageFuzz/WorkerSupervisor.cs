using System.Diagnostics;
using McpFuzz.Fuzzer.Engines;

namespace McpFuzz.Driver.CoverageFuzz;

/// <summary>An input that killed a worker (stack overflow, timeout, native crash).</summary>
public sealed record WorkerDeath(int Job, string Cause, string? CrashFile, int InputLength);

/// <summary>
/// Runs a campaign's engines in child processes (<c>mcpfuzz fuzz-worker</c>) and starts a worker
/// again each time one dies, so that a stack overflow or a hang — which end a .NET process and
/// cannot be caught — costs one restart instead of the campaign. The dead worker's last input
/// and execution count are read from its <see cref="CurrentInput"/> file; the input is saved as a
/// crash. Corpus and crashes live on disk, so a restarted worker (and the other jobs) carry on
/// from everything found.
/// </summary>
public sealed class WorkerSupervisor(CampaignPlan plan, Action<string> log)
{
    /// <summary>The worker's exit code when its watchdog ends a hung input.</summary>
    public const int TimeoutExitCode = 86;

    private const int FruitlessDeathsLimit = 5;

    private readonly Stopwatch clock = new();
    private readonly long[] executions = new long[plan.Jobs];
    private readonly int[] edges = new int[plan.Jobs];
    private readonly int[] corpus = new int[plan.Jobs];
    private readonly List<WorkerDeath> deaths = [];
    private readonly object gate = new();
    private int restarts;
    private bool instrumented;

    public TimeSpan Elapsed => clock.Elapsed;

    public IReadOnlyList<WorkerDeath> Deaths { get { lock (gate) return [.. deaths]; } }

    /// <summary>The campaign so far: executions summed over workers, the edges seen by any worker
    /// in any of its lives (the union of the workers' <see cref="SeenEdges"/> files; never less
    /// than the furthest worker's own count, which may be a status line newer than the files were
    /// when read), and the corpus of the furthest worker.</summary>
    public (long Executions, int Edges, int Corpus, int Restarts, bool Instrumented) Snapshot()
    {
        int union = SeenEdges.CountUnion(Enumerable.Range(0, plan.Jobs).Select(EdgesFile));
        lock (gate) return (executions.Sum(), Math.Max(union, edges.Max()), corpus.Max(), restarts, instrumented);
    }

    /// <summary>Each job's own edge count (the furthest of its lives), by job.</summary>
    public IReadOnlyList<int> WorkerEdges() { lock (gate) return [.. edges]; }

    private string EdgesFile(int job) => Path.Combine(plan.CrashDirectory, $".worker-{job}.edges");

    public async Task RunAsync(CancellationToken cancel)
    {
        clock.Start();
        Directory.CreateDirectory(plan.CorpusDirectory);
        Directory.CreateDirectory(plan.CrashDirectory);
        await Task.WhenAll(Enumerable.Range(0, plan.Jobs).Select(job => Task.Run(() => RunJobAsync(job, cancel), cancel)));
    }

    private async Task RunJobAsync(int job, CancellationToken cancel)
    {
        string state = Path.Combine(plan.CrashDirectory, $".worker-{job}.state");
        // Edges of an earlier campaign are not this one's; every life of this job adds to the file.
        File.Delete(EdgesFile(job));
        long done = 0;
        int fruitless = 0;
        for (int life = 0; !cancel.IsCancellationRequested; life++)
        {
            if (plan.Runs is { } runs && done >= runs) break;
            TimeSpan? left = plan.Time - clock.Elapsed;
            if (left is { } l && l <= TimeSpan.Zero) break;
            // Job 0's first life uses the seed as given, so --seed S --jobs 1 replays a campaign.
            ulong seed = plan.Seed + (ulong)job * 0x9E3779B97F4A7C15UL + (ulong)life * 0xD1B54A32D192ED03UL;

            // A state file left by an earlier campaign must not be mistaken for this worker's.
            File.Delete(state);
            var (exitCode, stderr) = await RunWorkerAsync(job, seed, done, left, state, cancel);
            if (exitCode == 0 || cancel.IsCancellationRequested) break;
            // The worker's own command line failed (a target the harness does not know, an
            // unreadable directory): not something the input did, and a restart would fail again.
            if (exitCode is Cli.ExitCodes.Usage or Cli.ExitCodes.InternalError)
                throw new InvalidOperationException($"fuzz worker {job} failed (exit code {exitCode}): {Tail(stderr, 2000).Trim()}");

            var last = CurrentInput.Read(state)
                ?? throw new InvalidOperationException($"worker {job} died (exit code {exitCode}) before running an input: {Tail(stderr, 400)}");
            long before = done;
            done = last.Executions + 1;
            lock (gate) executions[job] = done;
            fruitless = done - before <= 1 ? fruitless + 1 : 0;

            string cause = HarnessProcess.CauseOfDeath(exitCode, stderr, plan.Timeout);
            var signature = CrashSignature.OfDeath(cause, stderr);
            string? file;
            lock (gate)
            {
                var store = new CrashStore(plan.CrashDirectory);
                file = store.Record(last.Input, signature, $"{cause}; the worker's standard error ended with:\n{Tail(stderr, 8000)}");
                deaths.Add(new WorkerDeath(job, cause, file, last.Input.Length));
                restarts++;
            }
            log($"worker {job}: {cause} on a {last.Input.Length}-byte input ({(file is null ? "signature known" : "saved as " + Path.GetFileName(file))}); restarting");
            if (fruitless >= FruitlessDeathsLimit)
                throw new InvalidOperationException($"worker {job} died {fruitless} times in a row without making progress: {cause}");
        }
    }

    private Task<(int ExitCode, string Stderr)> RunWorkerAsync(int job, ulong seed, long done, TimeSpan? left, string state, CancellationToken cancel) =>
        HarnessProcess.RunAsync(plan.Harness.Program, WorkerArguments(job, seed, done, left, state), line =>
        {
            if (WorkerStatusLine.Parse(line) is not { } status) return;
            lock (gate)
            {
                executions[job] = status.Executions;
                edges[job] = Math.Max(edges[job], status.Edges);
                corpus[job] = status.Corpus;
                instrumented |= status.Instrumented;
            }
        }, cancel);

    private IEnumerable<string> WorkerArguments(int job, ulong seed, long done, TimeSpan? left, string state)
    {
        yield return "fuzz-worker";
        yield return plan.Target.Name;
        if (plan.Harness.TargetsAssembly is { } targets) { yield return "--targets"; yield return targets; }
        yield return "--seed"; yield return seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return "--corpus"; yield return plan.CorpusDirectory;
        yield return "--crashes"; yield return plan.CrashDirectory;
        yield return "--state"; yield return state;
        yield return "--edges"; yield return EdgesFile(job);
        yield return "--max-len"; yield return plan.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return "--timeout-ms"; yield return ((long)plan.Timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return "--runs-before"; yield return done.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (plan.Runs is { } runs) { yield return "--runs"; yield return runs.ToString(System.Globalization.CultureInfo.InvariantCulture); }
        if (left is { } time) { yield return "--seconds"; yield return time.TotalSeconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture); }
        if (plan.DictionaryFile is { } dict) { yield return "--dict"; yield return dict; }
        if (!plan.Feedback) yield return "--no-feedback";
    }

    private static string Tail(string text, int length) => HarnessProcess.Tail(text, length);
}
