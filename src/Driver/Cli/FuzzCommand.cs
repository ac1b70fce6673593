using System.CommandLine;
using System.Text.Json;
using McpFuzz.Driver.CoverageFuzz;
using McpFuzz.Fuzzer.Engines;
using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz fuzz TARGET</c>: coverage-guided fuzzing of one of our parsers with the
/// in-process engine, in supervised worker processes. Also <c>--list</c>, <c>--reproduce FILE</c>
/// and <c>--minimize FILE</c>. Exit 1 when a new crash was found (or the reproduced input still
/// crashes), 0 when not, 2 on bad usage.</summary>
public static class FuzzCommand
{
    public static Command Create(Terminal terminal)
    {
        var target = new Argument<string?>("TARGET") { Description = "The target to fuzz (see --list).", Arity = ArgumentArity.ZeroOrOne };
        var list = new Option<bool>("--list") { Description = "List the targets and exit." };
        var engine = Options.Choice("--engine", "-e", ["inprocess", "afl", "libfuzzer"], "inprocess",
            "The engine: inprocess (supervised workers in this program), afl (AFL++ through its fork server) or libfuzzer (our clang bridge); afl and libfuzzer keep their state in fuzz/TARGET/ENGINE.");
        var time = new Option<string?>("--time") { Description = "Wall-clock budget: 90, 90s, 5m, 1h (with --minimize: its bound, default 5m).", HelpName = "T" };
        var runs = new Option<long?>("--runs") { Description = "Executions per worker.", HelpName = "N" };
        var corpus = new Option<string?>("--corpus") { Description = "Seed and corpus directory (default fuzz/TARGET/corpus).", HelpName = "DIR" };
        var crashes = new Option<string?>("--crashes") { Description = "Crash directory (default fuzz/TARGET/crashes).", HelpName = "DIR" };
        var dict = new Option<string?>("--dict") { Description = "A dictionary of tokens (AFL/libFuzzer .dict format).", HelpName = "FILE" };
        var jobs = Options.Positive("--jobs", 1, "Worker processes sharing the corpus directory.");
        var seed = new Option<ulong>("--seed") { Description = "Random seed: the same seed and --runs replay a campaign (with --jobs 1).", DefaultValueFactory = _ => 1, HelpName = "S" };
        var maxLength = Options.Positive("--max-len", 4096, "The longest input to try, in bytes.");
        var timeout = Options.Positive("--timeout", 2000, "Milliseconds one input may run before it counts as a hang.");
        var noFeedback = new Option<bool>("--no-feedback") { Description = "Keep no new inputs (the control that shows what coverage is worth)." };
        var reproduce = new Option<string?>("--reproduce") { Description = "Run one input through the target (in a child process, so a stack overflow or hang is reported too) and report whether it crashes.", HelpName = "FILE" };
        var minimize = new Option<string?>("--minimize") { Description = "Shrink a crashing input (one that throws, overflows the stack or hangs) while the same crash reproduces.", HelpName = "FILE" };
        var merge = new Option<string[]>("--merge")
        {
            Description = "Replay every input of INTO and each FROM (directories, AFL++ output or queue directories, files) and rewrite INTO to a smallest set reaching the same edges and hit-count buckets; crashing inputs go to --crashes. Exit 1 when an input crashed.",
            HelpName = "INTO FROM",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var targets = new Option<string?>("--targets") { Description = "Also offer the fuzz targets of this assembly (public IFuzzTarget types); it is instrumented whole.", HelpName = "ASSEMBLY" };
        var summary = new Option<string?>("--summary") { Description = "Also write the final JSON summary to this file.", HelpName = "FILE" };
        var command = new Command("fuzz", "Coverage-guided fuzzing of McpFuzz's parsers. Exit 1: a new crash was found; 0: none; 2: bad arguments.")
        {
            target, list, engine, time, runs, corpus, crashes, dict, jobs, seed, maxLength, timeout, noFeedback, reproduce, minimize, merge, summary, targets,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var catalog = TargetCatalog.Open(parse.GetValue(targets));
            if (parse.GetValue(list))
            {
                foreach (var t in catalog.All) terminal.Out.WriteLine($"{t.Name,-24} {t.Description}");
                return ExitCodes.Ok;
            }
            string name = parse.GetValue(target) ?? throw new UsageException("TARGET: name a target (mcpfuzz fuzz --list shows them)");
            var fuzzTarget = catalog.Find(name);
            string crashDirectory = parse.GetValue(crashes) ?? Path.Combine("fuzz", name, "crashes");

            if (parse.GetValue(merge) is { Length: > 0 } mergeDirectories)
            {
                var mergePlan = MergeCommand.Plan(fuzzTarget, catalog, mergeDirectories, crashDirectory, parse.GetValue(maxLength), parse.GetValue(timeout));
                return await MergeCommand.RunAsync(terminal, mergePlan, parse.GetValue(summary), cancel);
            }

            TimeSpan? budget = null;
            if (parse.GetValue(time) is { } timeText) budget = Durations.Parse(timeText) ?? throw new UsageException($"--time: '{timeText}' is not a duration (90, 90s, 5m, 1h)");
            var perInput = TimeSpan.FromMilliseconds(parse.GetValue(timeout));
            if (parse.GetValue(reproduce) is { } reproduceFile)
            {
                byte[] input = ReadInput(reproduceFile, "--reproduce");
                using var child = new ReplayChild(HarnessChoice.For(fuzzTarget, catalog, instrument: !parse.GetValue(noFeedback)), fuzzTarget.Name, perInput);
                return Reproduce(terminal, fuzzTarget, input, child);
            }
            if (parse.GetValue(minimize) is { } minimizeFile)
            {
                byte[] input = ReadInput(minimizeFile, "--minimize");
                using var child = new ReplayChild(HarnessChoice.For(fuzzTarget, catalog, instrument: !parse.GetValue(noFeedback)), fuzzTarget.Name, perInput);
                return Minimize(terminal, fuzzTarget, input, crashDirectory, child, budget ?? DefaultMinimizeTime);
            }

            if (parse.GetValue(runs) is <= 0) throw new UsageException("--runs: must be greater than zero");
            string? dictionary = parse.GetValue(dict);
            if (dictionary is not null)
            {
                try { FuzzDictionary.Load(dictionary); }
                catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException) { throw new UsageException($"--dict: {dictionary}: {e.Message}"); }
            }

            var plan = new CampaignPlan(
                fuzzTarget,
                HarnessChoice.For(fuzzTarget, catalog, instrument: !parse.GetValue(noFeedback)),
                parse.GetValue(seed),
                parse.GetValue(runs),
                budget,
                Path.GetFullPath(parse.GetValue(corpus) ?? Path.Combine("fuzz", name, "corpus")),
                Path.GetFullPath(crashDirectory),
                dictionary is null ? null : Path.GetFullPath(dictionary),
                parse.GetValue(jobs),
                parse.GetValue(maxLength),
                TimeSpan.FromMilliseconds(parse.GetValue(timeout)),
                !parse.GetValue(noFeedback));
            string engineName = parse.GetValue(engine)!;
            if (engineName != "inprocess") return BridgeCampaign.Run(terminal, engineName, plan, parse.GetValue(summary));
            return await CampaignReport.RunAsync(terminal, plan, parse.GetValue(summary), cancel);
        });
        return command;
    }

    private static byte[] ReadInput(string path, string option)
    {
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"{option}: cannot read '{path}': {e.Message}"); }
    }

    /// <summary>How long <c>--minimize</c> may take without <c>--time</c>: candidates that hang
    /// cost a timeout and a process start each.</summary>
    private static readonly TimeSpan DefaultMinimizeTime = TimeSpan.FromMinutes(5);

    /// <summary>Runs the input once in a <see cref="ReplayChild"/>: an exception is reported with
    /// its signature and stack, a death (stack overflow, timeout) with its signature and cause.</summary>
    private static int Reproduce(Terminal terminal, IFuzzTarget target, byte[] input, ReplayChild child)
    {
        var outcome = child.Run(input);
        if (outcome.Signature is not { } signature)
        {
            terminal.Out.WriteLine($"no crash: {target.Name} handled the {input.Length}-byte input");
            return ExitCodes.Ok;
        }
        terminal.Out.WriteLine($"CRASH {signature.Hash}: {signature.Text}");
        if (outcome.Killed) terminal.Out.WriteLine($"reproduced: {outcome.Detail}");
        else terminal.Out.WriteLine(outcome.Detail);
        return ExitCodes.Findings;
    }

    /// <summary>Shrinks the input while the same crash reproduces in the child (for a death, while
    /// the candidate still kills it with the same signature), bounded by 100,000 candidates and
    /// <paramref name="maxTime"/>; writes the result atomically into the crash directory.</summary>
    private static int Minimize(Terminal terminal, IFuzzTarget target, byte[] input, string crashDirectory, ReplayChild child, TimeSpan maxTime)
    {
        var original = child.Run(input);
        if (original.Signature is not { } signature)
        {
            terminal.Out.WriteLine($"no crash: {target.Name} handled the {input.Length}-byte input; nothing to minimize");
            return ExitCodes.Ok;
        }
        int candidates = 0;
        byte[] smallest = Minimizer.Shrink(input, candidate =>
        {
            candidates++;
            return child.Run(candidate).SameCrashAs(original);
        }, maxTime: maxTime);
        Directory.CreateDirectory(crashDirectory);
        string path = Path.Combine(crashDirectory, $"minimized-{signature.Hash}-{ContentHash.Of(smallest)}");
        AtomicWrite.IfAbsent(path, smallest, durable: true);
        terminal.Out.WriteLine($"minimized {input.Length} -> {smallest.Length} bytes, same crash ({signature.Text}): {path}");
        terminal.Out.WriteLine($"{candidates} candidates, {child.Starts} replay processes{(original.Killed ? " (each death costs one)" : "")}");
        return ExitCodes.Ok;
    }
}

/// <summary>Runs a campaign and reports it: progress on standard error, a text summary and one
/// JSON line on standard output.</summary>
internal static class CampaignReport
{
    public static async Task<int> RunAsync(Terminal terminal, CampaignPlan plan, string? summaryFile, CancellationToken cancel)
    {
        var before = CrashFiles(plan.CrashDirectory);
        var supervisor = new WorkerSupervisor(plan, message => { lock (terminal) terminal.Error.WriteLine(message); });
        if (!plan.Harness.Instrumented)
            terminal.Error.WriteLine($"note: {plan.Target.Name} runs uninstrumented ({(plan.Feedback ? "it has no code to instrument" : "--no-feedback")}): only hand-written coverage guides it");

        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var progress = Task.Run(async () =>
        {
            var every = TimeSpan.FromSeconds(terminal.ErrorIsInteractive ? 1 : 10);
            try
            {
                while (true)
                {
                    await Task.Delay(every, stopProgress.Token);
                    string line = ProgressLine(supervisor, plan);
                    lock (terminal)
                    {
                        if (terminal.ErrorIsInteractive) terminal.Error.Write("\r" + line + "   ");
                        else terminal.Error.WriteLine(line);
                    }
                }
            }
            catch (OperationCanceledException) { }
        }, CancellationToken.None);
        try
        {
            await supervisor.RunAsync(cancel);
        }
        finally
        {
            await stopProgress.CancelAsync();
            await progress;
            if (terminal.ErrorIsInteractive) terminal.Error.WriteLine();
        }

        var found = CrashFiles(plan.CrashDirectory).Except(before).Order(StringComparer.Ordinal).ToList();
        var (executions, edges, _, restarts, instrumented) = supervisor.Snapshot();
        double seconds = supervisor.Elapsed.TotalSeconds;
        int corpusSize = Directory.EnumerateFiles(plan.CorpusDirectory).Count(f => !Path.GetFileName(f).StartsWith('.'));
        int totalCrashes = CrashFiles(plan.CrashDirectory).Count;
        terminal.Out.WriteLine($"fuzz {plan.Target.Name}: {executions} executions in {seconds:0.0} s ({executions / Math.Max(seconds, 1e-9):0} execs/s), " +
                               $"{edges} edges{(plan.Jobs > 1 ? $" (union of {plan.Jobs} jobs)" : "")}{(instrumented || edges > 0 ? "" : " (uninstrumented)")}, corpus {corpusSize}, " +
                               $"crashes {found.Count} new / {totalCrashes} total, worker restarts {restarts}");
        var crashes = found.Select(file => new { file = Path.Combine(plan.CrashDirectory, file), signature = FirstLine(Path.Combine(plan.CrashDirectory, file + ".txt")) }).ToList();
        foreach (var crash in crashes) terminal.Out.WriteLine($"new crash {crash.file}: {crash.signature}");
        string json = JsonSerializer.Serialize(new
        {
            target = plan.Target.Name,
            engine = "inprocess",
            instrumented = plan.Harness.Instrumented,
            seed = plan.Seed,
            jobs = plan.Jobs,
            executions,
            seconds = Math.Round(seconds, 3),
            execsPerSecond = Math.Round(executions / Math.Max(seconds, 1e-9)),
            edges,
            workerEdges = supervisor.WorkerEdges(),
            corpus = corpusSize,
            newCrashes = crashes,
            totalCrashes,
            restarts,
        });
        terminal.Out.WriteLine(json);
        if (summaryFile is not null) Output.AtomicFile.Write(summaryFile, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(json + "\n")));
        return found.Count > 0 ? ExitCodes.Findings : ExitCodes.Ok;
    }

    private static string ProgressLine(WorkerSupervisor supervisor, CampaignPlan plan)
    {
        var (executions, edges, corpus, restarts, _) = supervisor.Snapshot();
        double seconds = Math.Max(supervisor.Elapsed.TotalSeconds, 1e-9);
        return $"[{seconds,6:0}s] {plan.Target.Name}: {executions} execs ({executions / seconds:0}/s), {edges} edges, corpus {corpus}, " +
               $"crashes {CrashFiles(plan.CrashDirectory).Count}, restarts {restarts}";
    }

    /// <summary>The crash inputs in the directory (not their .txt reports).</summary>
    internal static HashSet<string> CrashFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, CrashStore.Prefix + "*").Select(Path.GetFileName).Where(n => n is not null && !n.EndsWith(".txt", StringComparison.Ordinal)).Select(n => n!).ToHashSet(StringComparer.Ordinal)
            : [];

    internal static string FirstLine(string path)
    {
        try { return File.ReadLines(path).FirstOrDefault() ?? ""; }
        catch (IOException) { return ""; }
    }
}
