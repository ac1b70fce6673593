using System.Diagnostics;
using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Fuzzer.Engines;

/// <summary>
/// The in-process coverage-guided engine: one edge map in native memory that the instrumented
/// code under test writes, and a mutation loop that keeps every input reaching a new bucketed
/// edge. A crash is an exception escaping the target; it is deduplicated by signature and
/// saved. A stack overflow or hang ends the process: run the engine in a supervised worker for
/// those (see <see cref="CurrentInput"/>). One engine per process at a time: the trace it
/// attaches to is static.
/// </summary>
public sealed unsafe class InProcessEngine : IDisposable
{
    private readonly EngineOptions options;
    private readonly TracedTarget traced;
    private readonly byte* map;
    private readonly EdgeFeedback feedback;
    private readonly Corpus corpus;
    private readonly CrashStore crashes;
    private readonly Prng random;
    private readonly Mutator mutator;
    private readonly List<FoundCrash> newCrashes = [];
    private long executions;

    public InProcessEngine(IFuzzTarget target, EngineOptions options)
    {
        this.options = options;
        feedback = new EdgeFeedback(options.SeenEdges);
        traced = new TracedTarget(target, options.CurrentInput, options.Timeout, options.OnTimeout);
        map = traced.Map;
        corpus = new Corpus(options.CorpusDirectory, options.MaxLength);
        if (options.CorpusDirectory is not null) Directory.CreateDirectory(options.CorpusDirectory);
        crashes = new CrashStore(options.CrashDirectory);
        random = new Prng(options.Seed);
        Func<byte[], int, IReadOnlyList<int>>? boundaries = target is IChunkedFuzzTarget chunked ? (b, n) => chunked.ChunkBoundaries(b.AsSpan(0, n)) : null;
        mutator = new Mutator(random, options.Dictionary, options.MaxLength, boundaries);
        executions = options.ExecutionsBefore;
    }

    /// <summary>Whether any trace is attached: false means the code under test was not instrumented
    /// and the campaign runs blind.</summary>
    public bool Instrumented => traced.Instrumented;

    public int Edges => feedback.Edges;

    public int CorpusSize => corpus.Count;

    public EngineStatus Run(CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        foreach (byte[] seed in options.Seeds) Seed(seed, fromDisk: false);
        foreach (byte[] seed in corpus.LoadNew(crashes.InputHashes)) Seed(seed, fromDisk: true);
        if (corpus.Count == 0) Seed([], fromDisk: false);

        byte[] buffer = new byte[options.MaxLength];
        TimeSpan nextProgress = options.ProgressEvery, nextSync = options.SyncEvery;
        while (!cancel.IsCancellationRequested)
        {
            if (options.MaxRuns is { } runs && executions >= runs) break;
            // Every input, not every few hundred: a slow target (milliseconds an input) must still
            // stop on time and report progress; reading the clock costs ~25 ns against microseconds.
            {
                var now = clock.Elapsed;
                if (options.MaxTime is { } time && now >= time) break;
                if (now >= nextSync)
                {
                    nextSync = now + options.SyncEvery;
                    crashes.Refresh();
                    foreach (byte[] other in corpus.LoadNew(crashes.InputHashes)) Seed(other, fromDisk: true);
                }
                if (options.Progress is not null && now >= nextProgress)
                {
                    nextProgress = now + options.ProgressEvery;
                    options.Progress(Status(clock.Elapsed));
                }
            }

            byte[] parent = corpus[random.Below(corpus.Count)];
            byte[] partner = corpus[random.Below(corpus.Count)];
            parent.CopyTo(buffer, 0);
            int length = mutator.Mutate(buffer, parent.Length, partner);
            var input = buffer.AsSpan(0, length);
            bool crashed = Execute(input);
            bool fresh = feedback.MergeAndClear(map);
            if (fresh && !crashed && options.Feedback) corpus.Add(input);
        }
        var final = Status(clock.Elapsed);
        options.Progress?.Invoke(final);
        return final;
    }

    private EngineStatus Status(TimeSpan elapsed) =>
        new(executions, feedback.Edges, corpus.Count, crashes.Count, [.. newCrashes], elapsed);

    /// <summary>Runs a seed and keeps it whatever it covers (a seed that crashes is recorded and
    /// dropped). The first run also warms up: static constructors run once and would otherwise
    /// make the first input look richer than it is.</summary>
    private void Seed(byte[] seed, bool fromDisk)
    {
        if (seed.Length > options.MaxLength) seed = seed[..options.MaxLength];
        if (executions == options.ExecutionsBefore)
        {
            Execute(seed);
            traced.ClearMap();
        }
        bool crashed = Execute(seed);
        feedback.MergeAndClear(map);
        if (crashed) return;
        if (fromDisk) corpus.Keep(seed);
        else corpus.AddSeed(seed);
    }

    /// <summary>Runs one input; true when it crashed.</summary>
    private bool Execute(ReadOnlySpan<byte> input)
    {
        var error = traced.Execute(executions, input);
        executions++;
        if (error is null) return false;
        var signature = CrashSignature.Of(error);
        string? path = crashes.Record(input, signature, $"found at execution {executions} (seed {options.Seed})\n\n{error}");
        if (path is not null) newCrashes.Add(new FoundCrash(signature, ContentHash.Of(input), path.Length == 0 ? null : path, input.ToArray(), executions));
        return true;
    }

    public void Dispose() => traced.Dispose();
}
