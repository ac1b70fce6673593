using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Driver.CoverageFuzz;

/// <summary>One <c>mcpfuzz fuzz</c> campaign. <see cref="Runs"/> is per worker, as libFuzzer's
/// <c>-runs</c> is; <see cref="Time"/> is the campaign's wall-clock budget.</summary>
public sealed record CampaignPlan(
    IFuzzTarget Target,
    Harness Harness,
    ulong Seed,
    long? Runs,
    TimeSpan? Time,
    string CorpusDirectory,
    string CrashDirectory,
    string? DictionaryFile,
    int Jobs,
    int MaxLength,
    TimeSpan Timeout,
    bool Feedback);
