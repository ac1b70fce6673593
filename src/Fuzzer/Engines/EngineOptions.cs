namespace McpFuzz.Fuzzer.Engines;

/// <summary>How one in-process campaign runs. The budget is <see cref="MaxRuns"/> executions
/// and/or <see cref="MaxTime"/>; with neither it runs until cancelled. The same
/// <see cref="Seed"/>, seeds and run budget give the same campaign.</summary>
public sealed record EngineOptions
{
    public ulong Seed { get; init; } = 1;
    public long? MaxRuns { get; init; }
    public TimeSpan? MaxTime { get; init; }
    public int MaxLength { get; init; } = 4096;

    /// <summary>Keep inputs that reach new coverage. Off, the engine only mutates the seeds: the
    /// control that shows what the coverage is worth.</summary>
    public bool Feedback { get; init; } = true;

    public string? CorpusDirectory { get; init; }
    public string? CrashDirectory { get; init; }

    /// <summary>Seeds held in memory, run before the corpus directory's files.</summary>
    public IReadOnlyList<byte[]> Seeds { get; init; } = [];

    public FuzzDictionary Dictionary { get; init; } = FuzzDictionary.Empty;

    /// <summary>Where a supervised worker leaves each input before running it.</summary>
    public CurrentInput? CurrentInput { get; init; }

    /// <summary>Where a supervised worker publishes every edge it sees, for its supervisor's union
    /// over jobs.</summary>
    public SeenEdges? SeenEdges { get; init; }

    /// <summary>Per-input time limit; the watchdog ends the process past it (supervised workers only).</summary>
    public TimeSpan? Timeout { get; init; }

    public Action? OnTimeout { get; init; }

    /// <summary>How often to read other workers' new corpus files.</summary>
    public TimeSpan SyncEvery { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan ProgressEvery { get; init; } = TimeSpan.FromSeconds(1);

    public Action<EngineStatus>? Progress { get; init; }

    /// <summary>Executions already done by earlier lives of this worker (counted on from there).</summary>
    public long ExecutionsBefore { get; init; }
}

/// <summary>Where a campaign stands.</summary>
public sealed record EngineStatus(long Executions, int Edges, int CorpusSize, int Crashes, IReadOnlyList<FoundCrash> NewCrashes, TimeSpan Elapsed)
{
    public double ExecutionsPerSecond => Elapsed.TotalSeconds > 0 ? Executions / Elapsed.TotalSeconds : 0;
}

/// <summary>A crash with a signature not seen before this campaign, and the execution (counted
/// from 1) that found it.</summary>
public sealed record FoundCrash(CrashSignature Signature, string InputHash, string? Path, byte[] Input, long Execution);
