using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using McpFuzz.Fuzzer.Sequences;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Driver.Fuzz;

/// <summary>The budget and output of a fuzzing run. At least one of <see cref="Runs"/> and <see cref="Time"/> bounds it.
/// <see cref="CorpusDirectory"/> keeps the feedback corpus across runs; <see cref="OutDirectory"/>
/// gets the replay files, and the ones already there are the known failures.</summary>
public sealed record FuzzOptions(int? Runs, TimeSpan? Time, ulong Seed, string? OutDirectory, int MaxSteps = 12, double FaultRate = 0.2, int ShrinkRuns = 200)
{
    public string? CorpusDirectory { get; init; }

    /// <summary>How often a rule is shrunk in one run while every shrink ends in a known failure
    /// (a rule may be broken by more than one minimal sequence; shrinking costs many runs).</summary>
    public int ShrinksPerRule { get; init; } = 3;
}

/// <summary>One failure: the rule, the sequence that first showed it, the minimal one, and the run
/// that confirmed it (re-run after shrinking). <see cref="Known"/>: an earlier run saved the same
/// rule with the same minimal sequence.</summary>
public sealed record FuzzFailure(string Rule, string Why, ActionSequence Original, ActionSequence Minimal, LiveRun Confirmed, bool Reproduced, int ShrinkRuns)
{
    public string? ReplayPath { get; init; }

    public bool Known { get; init; }
}

/// <summary>The outcome of a run. <see cref="States"/>: every state reached this run;
/// <see cref="KnownStates"/>: those the loaded corpus had reached before.</summary>
public sealed record FuzzSummary(ulong Seed, int Sequences, int Exchanges, TimeSpan Elapsed, IReadOnlyCollection<string> States, IReadOnlyList<FuzzFailure> Failures)
{
    public double ExchangesPerSecond => Elapsed.TotalSeconds > 0 ? Exchanges / Elapsed.TotalSeconds : 0;

    public IReadOnlyCollection<string> KnownStates { get; init; } = [];

    public int CorpusLoaded { get; init; }

    public int CorpusSaved { get; init; }

    /// <summary>Every state: known before or reached now.</summary>
    public IReadOnlyCollection<string> AllStates => [.. KnownStates.Union(States).Order(StringComparer.Ordinal)];

    public IReadOnlyCollection<string> NewStates => [.. States.Except(KnownStates).Order(StringComparer.Ordinal)];

    public IReadOnlyList<FuzzFailure> NewFailures => [.. Failures.Where(f => !f.Known)];

    public IReadOnlyList<FuzzFailure> KnownFailures => [.. Failures.Where(f => f.Known)];
}

/// <summary>
/// <c>mcpfuzz server --fuzz</c>: generated sequences against a live server until the budget is
/// spent. Feedback as AFLNet's: a sequence whose answers reached a server state (status, content
/// type, JSON-RPC error) not reached before joins the corpus, and half of the later sequences
/// extend a prefix of a corpus entry. With a corpus directory, the entries of earlier runs seed
/// the corpus and their states count as reached; new entries are written as they are found. A
/// failure is shrunk against the live server (every candidate a fresh session), re-run to
/// confirm, and saved unless an earlier run saved the same rule and minimal sequence (then it is
/// known); a rule already reported is not shrunk again. Sequences run in their canonical form
/// (<see cref="SequenceCanonical"/>). Sequence i is drawn from the seed, i and the loaded corpus,
/// so a seed reproduces a run against the same server and corpus.
/// </summary>
public sealed class FuzzCampaign(LiveExecutor executor, FuzzOptions options, TextWriter progress, Uri url)
{
    private readonly HashSet<string> _states = [];
    private readonly HashSet<string> _knownStates = [];
    private readonly HashSet<string> _allStates = [];
    private readonly List<ActionSequence> _corpus = [];
    private readonly List<FuzzFailure> _failures = [];
    private readonly Dictionary<string, int> _shrinks = [];
    private readonly HashSet<string> _reported = [];
    private KnownFailures _known = new();
    private CorpusDirectory? _corpusDirectory;
    private int _exchanges;
    private int _loaded;
    private int _saved;

    public async Task<FuzzSummary> RunAsync(CancellationToken cancel = default)
    {
        var peer = (PeerRevision)(int)executor.Revision;
        _known = KnownFailures.Load(options.OutDirectory, progress);
        if (_known.Count > 0) progress.WriteLine($"fuzz: {_known.Count} known failures in {options.OutDirectory}");
        if (options.CorpusDirectory is { } corpusPath) LoadCorpus(new CorpusDirectory(corpusPath), peer);
        var generator = SequenceGenerators.For(peer, options.MaxSteps, options.FaultRate);
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        int sequences = 0;
        for (int i = 0; !cancel.IsCancellationRequested; i++)
        {
            if (options.Runs is { } runs && i >= runs) break;
            if (options.Time is { } time && clock.Elapsed >= time) break;
            var sequence = Next(generator, i);
            int before = _allStates.Count;
            var run = await RunAsync(sequence, cancel).ConfigureAwait(false);
            sequences++;
            if (_allStates.Count > before) AddToCorpus(sequence, run);
            if (run.Fails && ShouldShrink(run.Rule!)) await ShrinkAndSaveAsync(run, cancel).ConfigureAwait(false);
            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(1))
            {
                lastReport = clock.Elapsed;
                Report(sequences, clock.Elapsed);
            }
        }

        Report(sequences, clock.Elapsed);
        return new FuzzSummary(options.Seed, sequences, _exchanges, clock.Elapsed, _states, _failures)
        {
            KnownStates = _knownStates, CorpusLoaded = _loaded, CorpusSaved = _saved,
        };
    }

    private void LoadCorpus(CorpusDirectory directory, PeerRevision peer)
    {
        _corpusDirectory = directory;
        var loaded = directory.Load(peer, progress);
        foreach (var entry in loaded.Entries)
        {
            _corpus.Add(entry.Sequence);
            _knownStates.UnionWith(entry.States);
            _allStates.UnionWith(entry.States);
        }

        _loaded = loaded.Entries.Count;
        string skipped = loaded.OtherRevision + loaded.Unreadable == 0 ? ""
            : $" ({loaded.OtherRevision} of another revision and {loaded.Unreadable} unreadable skipped)";
        progress.WriteLine($"fuzz: corpus {directory.Path}: loaded {_loaded} sequences reaching {_knownStates.Count} server states{skipped}");
    }

    /// <summary>A sequence that reached a new state joins the corpus, and its file is written at once.</summary>
    private void AddToCorpus(ActionSequence sequence, LiveRun run)
    {
        _corpus.Add(sequence);
        if (_corpusDirectory is null) return;
        _corpusDirectory.Save(new CorpusEntry(sequence, [.. run.States.Distinct().Order(StringComparer.Ordinal)]));
        _saved++;
    }

    /// <summary>A rule is shrunk until a new failure of it is reported, at most <see cref="FuzzOptions.ShrinksPerRule"/> times.</summary>
    private bool ShouldShrink(string rule)
    {
        if (_reported.Contains(rule)) return false;
        int done = _shrinks.GetValueOrDefault(rule);
        if (done >= options.ShrinksPerRule) return false;
        _shrinks[rule] = done + 1;
        return true;
    }

    /// <summary>Runs a sequence and counts its exchanges and the states it reached (shrinking runs count too: they are traffic).</summary>
    private async Task<LiveRun> RunAsync(ActionSequence sequence, CancellationToken cancel)
    {
        var run = await executor.RunAsync(sequence, cancel).ConfigureAwait(false);
        _exchanges += run.Exchanges.Count;
        foreach (var state in run.States)
        {
            _states.Add(state);
            _allStates.Add(state);
        }

        return run;
    }

    private void Report(int sequences, TimeSpan elapsed)
    {
        int fresh = _allStates.Count - _knownStates.Count;
        progress.WriteLine($"fuzz: {sequences} sequences, {_exchanges} exchanges ({(elapsed.TotalSeconds > 0 ? _exchanges / elapsed.TotalSeconds : 0):0} /s), " +
                           $"{_failures.Count(f => !f.Known)} new failures, {_failures.Count(f => f.Known)} known, {_allStates.Count} server states ({fresh} new)");
    }

    /// <summary>Sequence <paramref name="i"/>: fresh, or (every other one, once the corpus has
    /// entries) a corpus entry's prefix followed by fresh steps; in canonical form.</summary>
    private ActionSequence Next(Gen<ActionSequence> generator, int i)
    {
        ulong mixed = options.Seed ^ ((ulong)(i + 1) * 0x9E3779B97F4A7C15UL);
        var fresh = generator.Sample(1, new Rnd(mixed), 12)[0];
        if (i % 2 == 0 || _corpus.Count == 0) return fresh.Canonical();
        var parent = _corpus[(int)(mixed % (ulong)_corpus.Count)];
        int keep = 1 + (int)((mixed >> 17) % (ulong)parent.Steps.Count);
        return parent.With([.. parent.Steps.Take(keep), .. fresh.Steps.Skip(1).Take(Math.Max(1, options.MaxSteps - keep))]).Canonical();
    }

    private async Task ShrinkAndSaveAsync(LiveRun run, CancellationToken cancel)
    {
        string rule = run.Rule!;
        progress.WriteLine($"fuzz: {rule} broken by a sequence of {run.Sequence.Steps.Count} steps: {run.Why}; shrinking");
        var (shrunk, attempts) = await SequenceShrinker.MinimizeAsync(run.Sequence,
            async candidate => (await RunAsync(candidate, cancel).ConfigureAwait(false)).Rule == rule, options.ShrinkRuns).ConfigureAwait(false);
        var minimal = shrunk.Canonical();
        var confirmed = await RunAsync(minimal, cancel).ConfigureAwait(false);
        bool known = _known.Contains(rule, minimal);
        var failure = new FuzzFailure(rule, confirmed.Why ?? run.Why ?? "", run.Sequence, minimal, confirmed, confirmed.Rule == rule, attempts) { Known = known };
        if (!known)
        {
            _reported.Add(rule);
            _known.Add(rule, minimal);
            if (options.OutDirectory is { } directory) failure = failure with { ReplayPath = ReplayFile.Save(directory, options.Seed, url, failure) };
        }
        else if (_failures.Any(f => f.Known && f.Rule == rule && f.Minimal.Equals(minimal))) return;

        _failures.Add(failure);
        progress.WriteLine($"fuzz: {rule}: minimal sequence of {minimal.Steps.Count} steps ({attempts} shrink runs, {(failure.Reproduced ? "reproduced" : "NOT reproduced")}{(known ? ", known from an earlier run" : "")}): {minimal}");
        if (failure.ReplayPath is { } path) progress.WriteLine($"fuzz: saved {path}");
    }
}
