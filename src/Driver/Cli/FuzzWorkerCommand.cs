using System.CommandLine;
using McpFuzz.Driver.CoverageFuzz;
using McpFuzz.Fuzzer.Engines;
using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Driver.Cli;

/// <summary><c>mcpfuzz fuzz-worker</c> (hidden): one life of an in-process engine, run and
/// restarted by <see cref="WorkerSupervisor"/>. Prints <see cref="WorkerStatusLine"/>s; exits 0
/// when its budget is spent, <see cref="WorkerSupervisor.TimeoutExitCode"/> when an input hangs.</summary>
public static class FuzzWorkerCommand
{
    public static Command Create(Terminal terminal)
    {
        var target = new Argument<string>("TARGET");
        var seed = new Option<ulong>("--seed") { DefaultValueFactory = _ => 1 };
        var corpus = new Option<string>("--corpus") { Required = true };
        var crashes = new Option<string>("--crashes") { Required = true };
        var state = new Option<string>("--state") { Required = true };
        var maxLength = new Option<int>("--max-len") { DefaultValueFactory = _ => 4096 };
        var timeout = new Option<long>("--timeout-ms") { DefaultValueFactory = _ => 0 };
        var before = new Option<long>("--runs-before");
        var runs = new Option<long?>("--runs");
        var seconds = new Option<double?>("--seconds");
        var dict = new Option<string?>("--dict");
        var noFeedback = new Option<bool>("--no-feedback");
        var targets = new Option<string?>("--targets");
        var edges = new Option<string?>("--edges");
        var command = new Command("fuzz-worker", "One supervised engine process of mcpfuzz fuzz.")
        {
            target, seed, corpus, crashes, state, maxLength, timeout, before, runs, seconds, dict, noFeedback, targets, edges,
        };
        command.Hidden = true;
        command.SetAction((parse, cancel) =>
        {
            var fuzzTarget = TargetCatalog.Open(parse.GetValue(targets)).Find(parse.GetValue(target)!);
            using var current = new CurrentInput(parse.GetValue(state)!, parse.GetValue(maxLength));
            using var seen = parse.GetValue(edges) is { } edgesFile ? new SeenEdges(edgesFile) : null;
            long limit = parse.GetValue(timeout);
            bool instrumented = false;
            var options = new EngineOptions
            {
                Seed = parse.GetValue(seed),
                MaxRuns = parse.GetValue(runs),
                MaxTime = parse.GetValue(seconds) is { } s ? TimeSpan.FromSeconds(s) : null,
                MaxLength = parse.GetValue(maxLength),
                Feedback = !parse.GetValue(noFeedback),
                CorpusDirectory = parse.GetValue(corpus),
                CrashDirectory = parse.GetValue(crashes),
                Dictionary = parse.GetValue(dict) is { } d ? FuzzDictionary.Load(d) : FuzzDictionary.Empty,
                CurrentInput = current,
                SeenEdges = seen,
                Timeout = limit > 0 ? TimeSpan.FromMilliseconds(limit) : null,
                OnTimeout = () => Environment.Exit(WorkerSupervisor.TimeoutExitCode),
                ExecutionsBefore = parse.GetValue(before),
                Progress = status =>
                {
                    terminal.Out.WriteLine(WorkerStatusLine.Format(status, instrumented));
                    terminal.Out.Flush();
                },
            };
            using var engine = new InProcessEngine(fuzzTarget, options);
            instrumented = engine.Instrumented;
            engine.Run(cancel);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
