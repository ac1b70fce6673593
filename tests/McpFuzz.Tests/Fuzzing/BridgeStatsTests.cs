using McpFuzz.Fuzzer.Engines.Bridges;

namespace McpFuzz.Tests.Fuzzing;

/// <summary>How the runners read each engine's own report: AFL++'s fuzzer_stats file and
/// libFuzzer's standard error (samples in the shapes afl-fuzz 4.04c and clang-14's libFuzzer print).</summary>
public class BridgeStatsTests
{
    [Fact]
    public void AflStatsReadTheFiguresTheSummaryNeeds()
    {
        const string stats = """
            start_time        : 1763757370
            run_time          : 20
            execs_done        : 176522
            execs_per_sec     : 8823.89
            stability         : 99.50%
            saved_crashes     : 2
            edges_found       : 31
            """;

        var parsed = AflStats.Parse(stats);

        Assert.Equal(new AflStats(176522, 8823.89, 31, 2, 99.5), parsed);
    }

    [Fact]
    public void AflStatsOfAnOlderVersionCountUniqueCrashes()
    {
        Assert.Equal(3, AflStats.Parse("unique_crashes : 3\nexecs_done : 10\n").SavedCrashes);
    }

    [Fact]
    public void LibFuzzerLogTakesTheLastRateAndTheLargestCounts()
    {
        const string log = """
            INFO: Seed: 7
            #2	INITED cov: 5 ft: 6 corp: 1/1b exec/s: 0 rss: 27Mb
            #62	REDUCE cov: 7 ft: 8 corp: 2/4b lim: 25 exec/s: 0 rss: 27Mb L: 4/4 MS: 1 EraseBytes-
            #65536	pulse  cov: 9 ft: 12 corp: 3/9b lim: 670 exec/s: 16384 rss: 27Mb
            #261568	DONE   cov: 9 ft: 12 corp: 3/9b lim: 2622 exec/s: 16348 rss: 27Mb
            Done 261568 runs in 16 second(s)
            stat::number_of_executed_units: 261568
            stat::average_exec_per_sec:     16348
            """;

        Assert.Equal(new LibFuzzerLog.Figures(261568, 16348, 9), LibFuzzerLog.Parse(log.Replace("\r", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void LibFuzzerLogOfACrashBeforeAnyPulseFallsBackToTheFinalStats()
    {
        const string log = """
            #2	INITED cov: 5 ft: 6 corp: 1/1b exec/s: 0 rss: 27Mb
            ==12== ERROR: libFuzzer: deadly signal
            stat::number_of_executed_units: 4242
            stat::average_exec_per_sec:     4242
            """;

        Assert.Equal(new LibFuzzerLog.Figures(4242, 4242, 5), LibFuzzerLog.Parse(log.Replace("\r", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void ACampaignNeedsABudgetAndAnExistingHarness()
    {
        var harness = typeof(BridgeStatsTests).Assembly.Location;
        Assert.Throws<ArgumentException>(() => new BridgeRunOptions("sse-chunked", harness, "out").Validate());
        Assert.Throws<ArgumentException>(() => new BridgeRunOptions("sse-chunked", "/nonexistent/mcpfuzz.dll", "out", Runs: 10).Validate());
        Assert.Throws<ArgumentException>(() => new BridgeRunOptions("sse-chunked", harness, "out", Runs: 10, Jobs: 0).Validate());
        new BridgeRunOptions("sse-chunked", harness, "out", Time: TimeSpan.FromSeconds(5)).Validate();
    }

    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("/a b/mcpfuzz.dll", "'/a b/mcpfuzz.dll'")]
    [InlineData("it's", "'it'\\''s'")]
    public void HarnessArgumentsAreQuotedForTheShellTheBridgeUses(string argument, string quoted)
    {
        Assert.Equal(quoted, DotnetHost.ShellQuote(argument));
    }

    [Fact]
    public void TheEmbeddedBridgeSourceIsTheOneThatSpeaksTheHarnessProtocol()
    {
        var source = LibFuzzerBridgeBuild.Source;
        Assert.Contains(LibFuzzerBridgeHarness.ShmEnv, source);
        Assert.Contains("__libfuzzer_extra_counters", source);
        Assert.Contains("__sanitizer_cov_pcs_init", source);
        Assert.Contains($"#define CONTROL_FD {LibFuzzerBridgeHarness.ControlFd}", source);
        Assert.Contains($"#define STATUS_FD {LibFuzzerBridgeHarness.StatusFd}", source);
    }
}
