using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using McpFuzz.Fuzzer.Sequences;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Driver.Fuzz;

/// <summary>The budget and output of a fuzzing run. At least one of <see cref="Runs"/> and <see cref="Time"/> bounds it.</summary>
public sealed record FuzzOptions(int? Runs, TimeSpan? Time, ulong Seed, string? OutDirectory, int MaxSteps = 12, double FaultRate = 0.2, int ShrinkRuns = 200);

/// <summary>One failure: the rule, the sequence that first showed it, the minimal one, and the run
/// that confirmed it (re-run after shrinking).</summary>
public sealed record FuzzFailure(string Rule, string Why, ActionSequence Original, ActionSequence Minimal, LiveRun Confirmed, bool Reproduced, int ShrinkRuns)
{
    public string? ReplayPath { get; init; }
}

public sealed record FuzzSummary(ulong Seed, int Sequences, int Exchanges, TimeSpan Elapsed, IReadOnlyCollection<string> States, IReadOnlyList<FuzzFailure> Failures)
{
    public double ExchangesPerSecond => Elapsed.TotalSeconds > 0 ? Exchanges / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// <c>mcpfuzz server --fuzz</c>: generated sequences against a live server until the budget is
/// spent. Feedback as AFLNet's: a sequence whose answers reached a server state (status, content
/// type, JSON-RPC error) not reached before joins the corpus, and half of the later sequences
/// extend a prefix of a corpus entry. A failure is shrunk against the live server (every candidate
/// a fresh session), re-run to confirm, and saved; a rule already reported is not shrunk again.
/// Sequence i is drawn from the seed and i alone, so a seed reproduces a run against the same server.
/// </summary>
public sealed class FuzzCampaign(LiveExecutor executor, FuzzOptions options, TextWriter progress, Uri url)
{
    private readonly HashSet<string> _states = [];
    private readonly List<ActionSequence> _corpus = [];
    private readonly List<FuzzFailure> _failures = [];
    private readonly HashSet<string> _rules = [];
    private int _exchanges;

    public async Task<FuzzSummary> RunAsync(CancellationToken cancel = default)
    {
        var peer = (PeerRevision)(int)executor.Revision;
        var generator = SequenceGenerators.For(peer, options.MaxSteps, options.FaultRate);
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        int sequences = 0;
        for (int i = 0; !cancel.IsCancellationRequested; i++)
        {
            if (options.Runs is { } runs && i >= runs) break;
            if (options.Time is { } time && clock.Elapsed >= time) break;
            var sequence = Next(generator, i);
            int before = _states.Count;
            var run = await RunAsync(sequence, cancel).ConfigureAwait(false);
            sequences++;
            if (_states.Count > before) _corpus.Add(sequence);
            if (run.Fails && _rules.Add(run.Rule!)) await ShrinkAndSaveAsync(run, cancel).ConfigureAwait(false);
            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(1))
            {
                lastReport = clock.Elapsed;
                Report(sequences, clock.Elapsed);
            }
        }

        Report(sequences, clock.Elapsed);
        return new FuzzSummary(options.Seed, sequences, _exchanges, clock.Elapsed, _states, _failures);
    }

    /// <summary>Runs a sequence and counts its exchanges and the states it reached (shrinking runs count too: they are traffic).</summary>
    private async Task<LiveRun> RunAsync(ActionSequence sequence, CancellationToken cancel)
    {
        var run = await executor.RunAsync(sequence, cancel).ConfigureAwait(false);
        _exchanges += run.Exchanges.Count;
        foreach (var state in run.States) _states.Add(state);
        return run;
    }

    private void Report(int sequences, TimeSpan elapsed) =>
        progress.WriteLine($"fuzz: {sequences} sequences, {_exchanges} exchanges ({(elapsed.TotalSeconds > 0 ? _exchanges / elapsed.TotalSeconds : 0):0} /s), {_failures.Count} failures, {_states.Count} server states");

    /// <summary>Sequence <paramref name="i"/>: fresh, or (every other one, once the corpus has
    /// entries) a corpus entry's prefix followed by fresh steps.</summary>
    private ActionSequence Next(Gen<ActionSequence> generator, int i)
    {
        ulong mixed = options.Seed ^ ((ulong)(i + 1) * 0x9E3779B97F4A7C15UL);
        var fresh = generator.Sample(1, new Rnd(mixed), 12)[0];
        if (i % 2 == 0 || _corpus.Count == 0) return fresh;
        var parent = _corpus[(int)(mixed % (ulong)_corpus.Count)];
        int keep = 1 + (int)((mixed >> 17) % (ulong)parent.Steps.Count);
        return parent.With([.. parent.Steps.Take(keep), .. fresh.Steps.Skip(1).Take(Math.Max(1, options.MaxSteps - keep))]);
    }

    private async Task ShrinkAndSaveAsync(LiveRun run, CancellationToken cancel)
    {
        string rule = run.Rule!;
        progress.WriteLine($"fuzz: {rule} broken by a sequence of {run.Sequence.Steps.Count} steps: {run.Why}; shrinking");
        var (minimal, attempts) = await SequenceShrinker.MinimizeAsync(run.Sequence,
            async candidate => (await RunAsync(candidate, cancel).ConfigureAwait(false)).Rule == rule, options.ShrinkRuns).ConfigureAwait(false);
        var confirmed = await RunAsync(minimal, cancel).ConfigureAwait(false);
        var failure = new FuzzFailure(rule, confirmed.Why ?? run.Why ?? "", run.Sequence, minimal, confirmed, confirmed.Rule == rule, attempts);
        if (options.OutDirectory is { } directory) failure = failure with { ReplayPath = ReplayFile.Save(directory, options.Seed, url, failure) };
        _failures.Add(failure);
        progress.WriteLine($"fuzz: {rule}: minimal sequence of {minimal.Steps.Count} steps ({attempts} shrink runs, {(failure.Reproduced ? "reproduced" : "NOT reproduced")}): {minimal}");
        if (failure.ReplayPath is { } path) progress.WriteLine($"fuzz: saved {path}");
    }
}
