using McpFuzz.Tests.Cli;
using System.Text.Json;
using McpFuzz.Driver.Cli;
using McpFuzz.Fuzzer.Targets;
using McpFuzz.Tests.Engines;

namespace McpFuzz.Tests.Nightly;

/// <summary><c>mcpfuzz nightly</c> end to end with a tiny budget: real workers, the embedded server.</summary>
[Collection(EngineCollection.Name)]
public sealed class NightlyCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mcpfuzz-nightly-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);


    [Fact]
    public async Task Two_nights_over_one_directory_report_every_target_and_the_second_resumes_from_the_first_corpus()
    {
        string output = Path.Combine(directory, "out");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("nightly", "--time", "8s", "--out", output, "--embedded", "--seed", "5");

        Assert.True(exit == ExitCodes.Ok, $"exit {exit}\n{stdout}\n{stderr}");
        string markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        using var first = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        var targets = first.RootElement.GetProperty("targets").EnumerateArray().ToArray();
        Assert.Equal(FuzzTargets.All.Select(t => t.Name), targets.Select(t => t.GetProperty("target").GetString()));
        foreach (var target in FuzzTargets.All)
        {
            Assert.Contains($"`{target.Name}`", markdown);
            Assert.True(Directory.Exists(Path.Combine(output, target.Name, "corpus")));
            Assert.True(Directory.Exists(Path.Combine(output, target.Name, "crashes")));
        }

        foreach (var target in targets)
        {
            Assert.True(target.GetProperty("executions").GetInt64() > 0);
            Assert.True(target.GetProperty("instrumented").GetBoolean());
            Assert.True(target.GetProperty("corpusAfter").GetInt32() > 0);
            Assert.True(target.GetProperty("edgesAfter").GetInt32() >= target.GetProperty("edgesBefore").GetInt32());
            Assert.Empty(target.GetProperty("newCrashes").EnumerateArray());
        }

        var server = first.RootElement.GetProperty("server");
        Assert.True(server.GetProperty("sequences").GetInt32() > 0);
        Assert.Contains("Stateful server fuzzing", markdown);
        Assert.True(Directory.Exists(Path.Combine(output, "server", "corpus")));

        (exit, stdout, stderr) = await CliRunner.RunAsync("nightly", "--time", "8s", "--out", output, "--seed", "6");

        Assert.True(exit == ExitCodes.Ok, $"exit {exit}\n{stdout}\n{stderr}");
        using var second = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        foreach (var target in second.RootElement.GetProperty("targets").EnumerateArray())
        {
            Assert.True(target.GetProperty("corpusBefore").GetInt32() > 0, target.ToString());
            // The corpus the first night grew is replayed for the edges it reaches.
            Assert.True(target.GetProperty("edgesBefore").GetInt32() > 0, target.ToString());
            Assert.Equal(JsonValueKind.Null, target.GetProperty("seededFrom").ValueKind);
        }

        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("server").ValueKind);
        Assert.Contains("resumes with", stderr);
    }

    [Fact]
    public async Task After_each_campaign_the_corpus_and_its_import_directory_are_merged_and_the_report_shows_sizes_before_and_after()
    {
        string output = Path.Combine(directory, "out");
        // What a CI job would fold in: an AFL++ output directory for jsonrpc-classifier.
        string queue = Directory.CreateDirectory(Path.Combine(output, "jsonrpc-classifier", "import", "afl", "main", "queue")).FullName;
        var seeds = Directory.GetFiles(Path.Combine(McpFuzz.Tests.Targets.TargetCorpus.Root, "jsonrpc-classifier")).Order(StringComparer.Ordinal).ToArray();
        for (int i = 0; i < seeds.Length; i++) File.Copy(seeds[i], Path.Combine(queue, $"id:{i:000000},orig:seed"));

        var (exit, stdout, stderr) = await CliRunner.RunAsync("nightly", "--time", "6s", "--out", output, "--seed", "3");

        Assert.True(exit == ExitCodes.Ok, $"exit {exit}\n{stdout}\n{stderr}");
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        foreach (var target in report.RootElement.GetProperty("targets").EnumerateArray())
        {
            var merge = target.GetProperty("merge");
            string name = target.GetProperty("target").GetString()!;
            Assert.True(merge.GetProperty("finished").GetBoolean(), merge.ToString());
            Assert.True(merge.GetProperty("edgesBefore").GetInt32() > 0, merge.ToString());
            Assert.Equal(merge.GetProperty("edgesBefore").GetInt32(), merge.GetProperty("edgesAfter").GetInt32());
            int before = merge.GetProperty("corpusBefore").GetInt32(), after = merge.GetProperty("corpusAfter").GetInt32();
            Assert.True(after > 0 && after < before, merge.ToString());
            Assert.Equal(after, Directory.GetFiles(Path.Combine(output, name, "corpus")).Count(f => !Path.GetFileName(f).StartsWith('.')));
            Assert.Equal(name == "jsonrpc-classifier" ? seeds.Length : 0, merge.GetProperty("imported").GetInt32());
        }
        string markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("merge: corpus before → after", markdown);
        Assert.Contains($"({seeds.Length} imported) → ", markdown);
    }

    [Theory]
    [InlineData("--time", "soon")]
    [InlineData("--time", "1s", "--url", "http://127.0.0.1:1/mcp", "--embedded")]
    [InlineData("--time", "1s", "--url", "ftp://example.org/")]
    [InlineData("--time", "1s", "--revision", "2025-11-25")]
    [InlineData("--time", "1s", "--embedded", "--revision", "2024-11-05")]
    public async Task Bad_usage_exits_2_before_running_anything(params string[] args)
    {
        string output = Path.Combine(directory, "bad");
        var (exit, _, stderr) = await CliRunner.RunAsync(["nightly", "--out", output, .. args]);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("mcpfuzz:", stderr);
        Assert.False(File.Exists(Path.Combine(output, "report.json")));
    }

    [Fact]
    public async Task Without_out_it_is_a_usage_error()
    {
        var (exit, _, _) = await CliRunner.RunAsync("nightly", "--time", "1s");

        Assert.Equal(ExitCodes.Usage, exit);
    }
}
