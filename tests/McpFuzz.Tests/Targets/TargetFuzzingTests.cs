using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.Tests.Targets;

/// <summary>Every target takes its seeds and regressions, and a bounded mutation loop with a
/// fixed seed finds no crash in it.</summary>
public class TargetFuzzingTests
{
    public static TheoryData<string> TargetNames() => new(FuzzTargets.All.Select(t => t.Name));

    public static TheoryData<string, string> CorpusFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.All)
        {
            foreach (string file in TargetCorpus.Files(target.Name).Concat(TargetCorpus.Files(Path.Combine("regressions", target.Name))))
                data.Add(target.Name, Path.GetRelativePath(TargetCorpus.Root, file));
        }

        return data;
    }

    [Fact]
    public void The_registry_names_each_target_once_and_finds_it()
    {
        Assert.Equal(["sse-chunked", "sse-differential", "jsonrpc-classifier", "http-headers"], FuzzTargets.All.Select(t => t.Name));
        foreach (var target in FuzzTargets.All)
        {
            Assert.Same(target, FuzzTargets.Find(target.Name));
            Assert.Equal(["McpFuzz.Model"], target.CodeUnderTest);
            Assert.NotEmpty(TargetCorpus.Files(target.Name));
        }

        Assert.Null(FuzzTargets.Find("planted-bug"));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_seed_and_regression_runs_without_a_crash(string target, string file)
    {
        FuzzTargets.Find(target)!.Run(File.ReadAllBytes(Path.Combine(TargetCorpus.Root, file)));
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void A_seeded_mutation_loop_finds_no_crash(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var crash = MutationLoop.Run(target, TargetCorpus.Seeds(name), TokensFor(name), executions: 20_000, seed: 6);
        Assert.True(crash is null, crash is null ? "" : $"execution {crash.Execution}: {crash.Error.GetType().Name}: {crash.Error.Message}\ninput (base64): {Convert.ToBase64String(crash.Input)}");
    }

    public static IReadOnlyList<byte[]> TokensFor(string target) => target switch
    {
        "jsonrpc-classifier" => TargetCorpus.Tokens("jsonrpc", "mcp-methods"),
        "http-headers" => TargetCorpus.Tokens("http-headers"),
        _ => TargetCorpus.Tokens("sse"),
    };
}
