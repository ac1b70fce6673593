namespace McpFuzz.Driver.Nightly;

/// <summary>A crash input a nightly target campaign found that the crash directory did not hold before.</summary>
public sealed record NightlyCrash(string File, string Signature);

/// <summary>What one parser target's share of a nightly run did. Edges before are those the
/// corpus reached when the run started (replayed once by an instrumented worker); edges after
/// are the union over every worker of the night (all jobs, all lives), so
/// <see cref="EdgesAfter"/> − <see cref="EdgesBefore"/> is the coverage the night added.</summary>
public sealed record NightlyTargetResult(
    string Target,
    string? SeededFrom,
    long Executions,
    double Seconds,
    int EdgesBefore,
    int EdgesAfter,
    int CorpusBefore,
    int CorpusAfter,
    IReadOnlyList<NightlyCrash> NewCrashes,
    int Restarts,
    bool Instrumented,
    NightlyMerge? Merge = null)
{
    public double ExecsPerSecond => Seconds > 0 ? Math.Round(Executions / Seconds) : 0;
}

/// <summary>The corpus merge after a target's campaign (<c>mcpfuzz fuzz --merge</c> of the corpus
/// and of <c>DIR/TARGET/import/</c>): inputs before (the corpus plus <see cref="Imported"/>, copies
/// included) and after, edges before and after (equal unless the merge is wrong), bytes, inputs
/// skipped because they crashed. <see cref="Finished"/> false: the merge ran out of its time and
/// left the corpus as it was.</summary>
public sealed record NightlyMerge(
    int CorpusBefore,
    int Imported,
    int CorpusAfter,
    int EdgesBefore,
    int EdgesAfter,
    long BytesBefore,
    long BytesAfter,
    int Skipped,
    bool Finished,
    double Seconds);

/// <summary>A failure the stateful server fuzzing found that no earlier run saved.</summary>
public sealed record NightlyServerFailure(string Rule, string Why, string? Replay, bool Reproduced);

/// <summary>What the stateful server fuzzing share of a nightly run did.</summary>
public sealed record NightlyServerResult(
    string Url,
    string Revision,
    int Sequences,
    int Exchanges,
    double Seconds,
    int StatesBefore,
    int StatesAfter,
    int CorpusBefore,
    int CorpusAfter,
    IReadOnlyList<NightlyServerFailure> NewFailures,
    int KnownFailures)
{
    public double ExchangesPerSecond => Seconds > 0 ? Math.Round(Exchanges / Seconds, 1) : 0;
}

/// <summary>The whole nightly run, as the reports show it.</summary>
public sealed record NightlyResult(
    DateTimeOffset Started,
    double BudgetSeconds,
    double Seconds,
    ulong Seed,
    int Jobs,
    IReadOnlyList<NightlyTargetResult> Targets,
    NightlyServerResult? Server,
    bool Cancelled)
{
    public int NewFindings => Targets.Sum(t => t.NewCrashes.Count) + (Server?.NewFailures.Count(f => f.Reproduced) ?? 0);
}
