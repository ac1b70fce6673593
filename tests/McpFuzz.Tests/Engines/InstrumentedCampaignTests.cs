using McpFuzz.Tests.Cli;
using McpFuzz.Driver.Cli;
using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Tests.Engines;

/// <summary>
/// <c>mcpfuzz fuzz</c> on instrumented code: the workers run from an instrumented copy of the
/// program directory (McpFuzz.Model.Wire, and the <c>--targets</c> assembly whole). Every parser
/// target runs a short campaign from its seed corpus without a crash and with coverage; the planted
/// bug (ordinary C#, instrumented by us) is found with feedback and not without it, in the same budget.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class InstrumentedCampaignTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mcpfuzz-instrumented-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);


    private static string PlantedBug => Path.Combine(AppContext.BaseDirectory, "McpFuzz.PlantedBug.dll");

    public static TheoryData<string> ParserTargets => [.. FuzzTargets.All.Where(t => t.CodeUnderTest.Contains("McpFuzz.Model")).Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(ParserTargets))]
    public async Task Every_parser_target_runs_instrumented_from_its_seed_corpus_without_a_crash(string target)
    {
        // A copy of the seeds: the campaign adds what it finds to its corpus directory.
        string corpus = Path.Combine(directory, "corpus");
        Directory.CreateDirectory(corpus);
        foreach (string seed in Directory.GetFiles(Path.Combine(McpFuzz.Tests.Targets.TargetCorpus.Root, target)))
            File.Copy(seed, Path.Combine(corpus, Path.GetFileName(seed)));

        var (exit, output, error) = await CliRunner.RunAsync("fuzz", target, "--runs", "20000", "--seed", "1", "--corpus", corpus, "--crashes", Path.Combine(directory, "crashes"));

        Assert.True(exit == ExitCodes.Ok, $"exit {exit}: {output}{error}");
        Assert.Contains("\"instrumented\":true", output);
        Assert.Matches(@"executions in .*, ([1-9][0-9]+) edges", output);
        Assert.Contains("\"newCrashes\":[]", output);
        Assert.Empty(Directory.Exists(Path.Combine(directory, "crashes")) ? Directory.GetFiles(Path.Combine(directory, "crashes"), "crash-*") : []);
    }

    [Fact]
    public async Task Two_jobs_report_the_union_of_their_edges_which_a_replay_of_the_final_corpus_reaches_again()
    {
        string corpus = Path.Combine(directory, "union", "corpus");
        Directory.CreateDirectory(corpus);
        foreach (string seed in Directory.GetFiles(Path.Combine(McpFuzz.Tests.Targets.TargetCorpus.Root, "http-headers")))
            File.Copy(seed, Path.Combine(corpus, Path.GetFileName(seed)));
        string campaignSummary = Path.Combine(directory, "union", "campaign.json");
        string replaySummary = Path.Combine(directory, "union", "replay.json");

        var campaign = await CliRunner.RunAsync("fuzz", "http-headers", "--jobs", "2", "--runs", "4000", "--seed", "5", "--corpus", corpus,
            "--crashes", Path.Combine(directory, "union", "crashes"), "--summary", campaignSummary);
        Assert.True(campaign.ExitCode == ExitCodes.Ok, $"exit {campaign.ExitCode}: {campaign.Out}{campaign.Error}");
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(campaignSummary));
        int union = summary.RootElement.GetProperty("edges").GetInt32();
        int[] workers = [.. summary.RootElement.GetProperty("workerEdges").EnumerateArray().Select(e => e.GetInt32())];
        Assert.Equal(2, workers.Length);
        Assert.All(workers, w => Assert.InRange(w, 1, union));
        // The two workers explored differently: each saw edges the other did not.
        Assert.True(union > workers.Max(), $"union {union}, workers {string.Join(", ", workers)}");
        Assert.Contains($"{union} edges (union of 2 jobs)", campaign.Out);

        // Not compared with a replay of the final corpus here: the parsers have first-time effects
        // (a static constructor's entry edge depends on which input ran it first, so on the order
        // of inputs); FuzzCommandTests compares on a stateless target where the union is exact.
    }

    [Fact]
    public async Task The_instrumented_planted_bug_is_found_with_feedback_and_not_blind()
    {
        string[] Dirs(string name) => ["--corpus", Path.Combine(directory, name, "corpus"), "--crashes", Path.Combine(directory, name, "crashes")];

        var found = await CliRunner.RunAsync(["fuzz", "planted-bug", "--targets", PlantedBug, "--runs", "2000000", "--seed", "1", .. Dirs("feedback")]);
        var blind = await CliRunner.RunAsync(["fuzz", "planted-bug", "--targets", PlantedBug, "--runs", "2000000", "--seed", "1", "--no-feedback", .. Dirs("blind")]);

        Assert.Equal(ExitCodes.Findings, found.ExitCode);
        Assert.Contains("McpFuzz.PlantedBug.PlantedBugFound at McpFuzz.PlantedBug.PlantedBugTarget.Run", found.Out);
        Assert.Contains("\"instrumented\":true", found.Out);
        Assert.Equal(ExitCodes.Ok, blind.ExitCode);
        Assert.Contains("\"newCrashes\":[]", blind.Out);
    }
}
