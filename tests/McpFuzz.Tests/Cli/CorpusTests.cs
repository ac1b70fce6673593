namespace McpFuzz.Tests.Cli;

/// <summary>The seed corpora are inputs the decoder must take without an internal error.</summary>
public class CorpusTests
{
    private static string Corpus(string folder)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "McpFuzz.sln"))) directory = directory.Parent;
        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "corpus", folder);
    }

    public static TheoryData<string> SseSeeds() => new(Directory.GetFiles(Corpus("sse")).Select(Path.GetFileName)!);

    public static TheoryData<string> JsonRpcSeeds() => new(Directory.GetFiles(Corpus("jsonrpc")).Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(SseSeeds))]
    public void Every_SSE_seed_decodes(string seed)
    {
        var result = CliRunner.Run("decode", "sse", "--jsonrpc", "--format", "body", Path.Combine(Corpus("sse"), seed));
        Assert.InRange(result.ExitCode, 0, 1);
        Assert.Single(result.OfKind("end"));
    }

    [Theory]
    [MemberData(nameof(JsonRpcSeeds))]
    public void Every_JSON_RPC_seed_decodes(string seed)
    {
        var result = CliRunner.Run("decode", "jsonrpc", "--format", "body", Path.Combine(Corpus("jsonrpc"), seed));
        Assert.InRange(result.ExitCode, 0, 1);
        Assert.Single(result.Lines);
    }

    [Fact]
    public void The_seed_that_breaks_everything_breaks_many_rules()
    {
        var result = CliRunner.Run("decode", "jsonrpc", Path.Combine(Corpus("jsonrpc"), "everything-wrong.json"));
        var rules = result.Lines.Single().GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("rule").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "json.single-value", "json.unique-members", "jsonrpc.message-shape", "jsonrpc.error-code-integer" }, rules);
        Assert.Equal(1, result.ExitCode);
    }
}
