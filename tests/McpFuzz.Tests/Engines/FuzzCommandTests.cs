using McpFuzz.Tests.Cli;
using McpFuzz.Driver.Cli;
using McpFuzz.HandCoveredTargets;

namespace McpFuzz.Tests.Engines;

/// <summary><c>mcpfuzz fuzz</c> end to end: workers are real child processes.</summary>
[Collection(EngineCollection.Name)]
public sealed class FuzzCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mcpfuzz-fuzzcli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);


    /// <summary>The engine's hand-covered self-test targets live in a test assembly, offered with --targets.</summary>
    private static readonly string[] SelfTests = ["--targets", Path.Combine(AppContext.BaseDirectory, "McpFuzz.HandCoveredTargets.dll")];

    private string[] Dirs(string name) => ["--corpus", Path.Combine(directory, name, "corpus"), "--crashes", Path.Combine(directory, name, "crashes")];

    [Fact]
    public async Task The_supervisor_restarts_a_worker_killed_by_a_stack_overflow_and_saves_the_killing_input()
    {
        var (exit, output, error) = await CliRunner.RunAsync(["fuzz", "selftest-overflow", .. SelfTests, "--runs", "20000", "--seed", "3", "--max-len", "32", .. Dirs("overflow")]);

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains("worker 0: stack overflow on a", error);
        Assert.Matches(@"worker restarts [1-9]", output);
        // Every execution of the budget was run: the campaign went on after the deaths.
        Assert.Contains("fuzz selftest-overflow: 20000 executions", output);
        string crash = Assert.Single(Directory.GetFiles(Path.Combine(directory, "overflow", "crashes"), "crash-*"), f => !f.EndsWith(".txt"));
        Assert.Equal(StackOverflowTarget.Magic, File.ReadAllBytes(crash)[..2]);
        Assert.StartsWith("stack overflow at McpFuzz.HandCoveredTargets.StackOverflowTarget.Recurse", File.ReadAllText(crash + ".txt"));
    }

    [Fact]
    public async Task A_hang_is_reported_as_a_timeout_and_the_campaign_goes_on()
    {
        var (exit, output, _) = await CliRunner.RunAsync(["fuzz", "selftest-hang", .. SelfTests, "--runs", "200000", "--seed", "3", "--max-len", "32", "--timeout", "200", .. Dirs("hang")]);

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains("fuzz selftest-hang: 200000 executions", output);
        string crash = Assert.Single(Directory.GetFiles(Path.Combine(directory, "hang", "crashes"), "crash-*"), f => !f.EndsWith(".txt"));
        Assert.Equal(HangTarget.Magic, File.ReadAllBytes(crash)[..4]);
        Assert.StartsWith("timeout", File.ReadAllText(crash + ".txt"));
    }

    [Fact]
    public async Task A_campaign_with_two_jobs_shares_one_corpus_and_reports_a_crash_once()
    {
        var (exit, output, _) = await CliRunner.RunAsync(["fuzz", "selftest-magic", .. SelfTests, "--runs", "400000", "--jobs", "2", "--seed", "7", "--max-len", "64", .. Dirs("jobs")]);

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains("fuzz selftest-magic: 800000 executions", output);
        Assert.Single(Directory.GetFiles(Path.Combine(directory, "jobs", "crashes"), "crash-*.txt"));
        Assert.Contains("\"newCrashes\":[{", output);

        // The same campaign again finds nothing new: the crash is known, exit 0.
        var (again, _, _) = await CliRunner.RunAsync(["fuzz", "selftest-magic", .. SelfTests, "--runs", "20000", "--seed", "8", "--max-len", "64", .. Dirs("jobs")]);
        Assert.Equal(ExitCodes.Ok, again);
    }

    [Fact]
    public async Task Two_jobs_report_the_union_of_their_edges_and_a_replay_of_the_final_corpus_reaches_exactly_that()
    {
        string summaryFile = Path.Combine(directory, "union.json");
        // A seed on disk (an empty corpus would start from an empty input held only in memory,
        // whose edge a replay of the directory could not reach).
        Directory.CreateDirectory(Path.Combine(directory, "union", "corpus"));
        File.WriteAllBytes(Path.Combine(directory, "union", "corpus", "seed"), "x"u8.ToArray());
        var (exit, output, error) = await CliRunner.RunAsync(["fuzz", "selftest-pairs", .. SelfTests, "--runs", "3000", "--jobs", "2", "--seed", "5", "--max-len", "8", .. Dirs("union"), "--summary", summaryFile]);
        Assert.True(exit == ExitCodes.Ok, $"exit {exit}: {output}{error}");
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(summaryFile));
        int union = summary.RootElement.GetProperty("edges").GetInt32();
        int[] workers = [.. summary.RootElement.GetProperty("workerEdges").EnumerateArray().Select(e => e.GetInt32())];
        Assert.Equal(2, workers.Length);
        Assert.All(workers, w => Assert.InRange(w, 2, union));
        // Each worker saw pairs the other did not: the best worker's count would understate the campaign.
        Assert.True(union > workers.Max(), $"union {union}, workers {string.Join(", ", workers)}");
        Assert.Contains($"{union} edges (union of 2 jobs)", output);

        // One worker running the final corpus once (no mutation: --runs 1 stops after the seeds).
        string replayFile = Path.Combine(directory, "replay.json");
        (exit, output, error) = await CliRunner.RunAsync(["fuzz", "selftest-pairs", .. SelfTests, "--runs", "1", "--max-len", "8",
            "--corpus", Path.Combine(directory, "union", "corpus"), "--crashes", Path.Combine(directory, "replay-crashes"), "--summary", replayFile]);
        Assert.True(exit == ExitCodes.Ok, $"exit {exit}: {output}{error}");
        using var replay = System.Text.Json.JsonDocument.Parse(File.ReadAllText(replayFile));
        Assert.Equal(union, replay.RootElement.GetProperty("edges").GetInt32());
    }

    [Fact]
    public async Task Reproduce_and_minimize_work_on_a_saved_input()
    {
        string file = Path.Combine(directory, "input");
        await File.WriteAllBytesAsync(file, [.. "FUZZ!"u8, .. "trailing junk"u8]);

        var (exit, output, _) = await CliRunner.RunAsync(["fuzz", "selftest-magic", .. SelfTests, "--reproduce", file]);
        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains("CRASH", output);

        string crashes = Path.Combine(directory, "min");
        (exit, output, _) = await CliRunner.RunAsync(["fuzz", "selftest-magic", .. SelfTests, "--minimize", file, "--crashes", crashes]);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("minimized 18 -> 5 bytes", output);
        Assert.Equal("FUZZ!"u8.ToArray(), File.ReadAllBytes(Assert.Single(Directory.GetFiles(crashes, "minimized-*"))));
    }

    [Theory]
    [InlineData("fuzz")]
    [InlineData("fuzz", "no-such-target")]
    [InlineData("fuzz", "selftest-magic", "--time", "soon")]
    [InlineData("fuzz", "selftest-magic", "--jobs", "0")]
    [InlineData("fuzz", "selftest-magic", "--engine", "afl")]
    [InlineData("fuzz", "selftest-magic", "--targets", "/no/such.dll")]
    [InlineData("fuzz", "selftest-magic", "--reproduce", "/no/such/file")]
    public async Task Bad_usage_exits_2(params string[] args)
    {
        var (exit, _, error) = await CliRunner.RunAsync(args.Length > 1 && args[1].StartsWith("selftest-", StringComparison.Ordinal) && !args.Contains("--targets") ? [.. args, .. SelfTests] : args);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("mcpfuzz:", error);
    }

    [Fact]
    public async Task List_names_every_target()
    {
        var (exit, output, _) = await CliRunner.RunAsync("fuzz", "--list");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("sse-chunked", output);
        Assert.DoesNotContain("selftest-magic", output);

        (exit, output, _) = await CliRunner.RunAsync(["fuzz", "--list", .. SelfTests]);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("selftest-magic", output);
        Assert.Contains("selftest-overflow", output);
    }
}
