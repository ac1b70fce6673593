using System.Text.Json;
using McpFuzz.Driver.Cli;
using McpFuzz.Fuzzer.Engines;
using McpFuzz.Tests.Cli;

namespace McpFuzz.Tests.Engines;

/// <summary>
/// <c>mcpfuzz fuzz TARGET --merge INTO FROM...</c> on the instrumented <c>jsonrpc-classifier</c>
/// (real replay children on the instrumented harness) and on the self-test target whose input
/// overflows the stack.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class CorpusMergeTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mcpfuzz-merge-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string[] Seeds => Directory.GetFiles(Path.Combine(McpFuzz.Tests.Targets.TargetCorpus.Root, "jsonrpc-classifier")).Order(StringComparer.Ordinal).ToArray();

    private string Dir(string name) => Directory.CreateDirectory(Path.Combine(directory, name)).FullName;

    private async Task<(CliResult Result, JsonElement Summary)> Merge(string target, params string[] directories)
    {
        var result = await CliRunner.RunAsync(["fuzz", target, "--merge", .. directories, "--crashes", Path.Combine(directory, "crashes")]);
        var json = result.Out.Split('\n').Last(l => l.StartsWith('{'));
        return (result, JsonDocument.Parse(json).RootElement.Clone());
    }

    [Fact]
    public async Task A_corpus_with_copies_and_redundant_inputs_shrinks_to_fewer_inputs_that_reach_the_same_edges()
    {
        string into = Dir("into"), from = Dir("from");
        foreach (string seed in Seeds)
        {
            File.Copy(seed, Path.Combine(into, Path.GetFileName(seed)));
            File.Copy(seed, Path.Combine(into, "copy-" + Path.GetFileName(seed)));
            File.Copy(seed, Path.Combine(from, Path.GetFileName(seed)));
        }
        // Redundant: the same shape as a seed, nothing new to the classifier.
        for (int id = 0; id < 20; id++) File.WriteAllText(Path.Combine(from, $"ping-{id}"), $$"""{"jsonrpc":"2.0","id":{{id + 100}},"method":"ping"}""");

        var (result, summary) = await Merge("jsonrpc-classifier", into, from);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        int before = summary.GetProperty("inputsBefore").GetInt32(), after = summary.GetProperty("inputsAfter").GetInt32();
        Assert.Equal(3 * Seeds.Length + 20, before);
        Assert.True(after < Seeds.Length, $"kept {after} of {Seeds.Length} distinct seeds");
        Assert.Equal(after, Directory.GetFiles(into).Length);
        int edges = summary.GetProperty("edges").GetInt32();
        Assert.True(edges > 100, result.Out);
        Assert.Equal(edges, summary.GetProperty("edgesAfter").GetInt32());
        Assert.Equal(summary.GetProperty("features").GetInt32(), summary.GetProperty("featuresAfter").GetInt32());
        Assert.True(summary.GetProperty("bytesAfter").GetInt64() < summary.GetProperty("bytesBefore").GetInt64());
        Assert.Empty(summary.GetProperty("skipped").EnumerateArray());
        // FROM is read, never changed.
        Assert.Equal(Seeds.Length + 20, Directory.GetFiles(from).Length);
        // No two kept inputs have the same content.
        Assert.Equal(after, Directory.GetFiles(into).Select(f => ContentHash.Of(File.ReadAllBytes(f))).Distinct().Count());

        // Replaying the merged corpus reaches the same edges and features, and nothing more can go.
        var (again, replayed) = await Merge("jsonrpc-classifier", into);
        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Equal(edges, replayed.GetProperty("edges").GetInt32());
        Assert.Equal(summary.GetProperty("featuresAfter").GetInt32(), replayed.GetProperty("features").GetInt32());
        Assert.Equal(after, replayed.GetProperty("inputsAfter").GetInt32());
    }

    [Fact]
    public async Task An_afl_output_directory_is_folded_in_from_its_queues_only()
    {
        string into = Dir("into");
        File.Copy(Seeds[0], Path.Combine(into, "first"));
        string afl = Dir("afl");
        string main = Dir(Path.Combine("afl", "main", "queue")), secondary = Dir(Path.Combine("afl", "s1", "queue"));
        for (int i = 1; i < Seeds.Length; i++)
            File.Copy(Seeds[i], Path.Combine(i % 2 == 0 ? main : secondary, $"id:{i:000000},src:000000,op:havoc"));
        // AFL++'s bookkeeping and its crashes are not corpus inputs.
        string state = Dir(Path.Combine("afl", "main", "queue", ".state", "deterministic_done"));
        File.WriteAllText(Path.Combine(state, "id:000999"), "{\"jsonrpc\":\"2.0\",\"id\":\"state-only\",\"method\":\"x\"}");
        File.WriteAllText(Path.Combine(Dir(Path.Combine("afl", "main", "crashes")), "id:000000,sig:06"), "{\"jsonrpc\":\"2.0\",\"id\":\"crash-only\"}");
        File.WriteAllText(Path.Combine(afl, "main", ".cur_input"), "{\"jsonrpc\":\"2.0\",\"id\":\"cur-only\"}");

        var (alone, aloneSummary) = await Merge("jsonrpc-classifier", Dir("alone"), Path.Combine(directory, "into", "first"));
        var (result, summary) = await Merge("jsonrpc-classifier", into, afl);

        Assert.Equal(ExitCodes.Ok, alone.ExitCode);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        Assert.Equal(Seeds.Length - 1, summary.GetProperty("inputsFrom").GetInt32());
        Assert.True(summary.GetProperty("edgesAfter").GetInt32() > aloneSummary.GetProperty("edgesAfter").GetInt32(), result.Out);
        Assert.True(Directory.GetFiles(into).Length > 1);
        string kept = string.Concat(Directory.GetFiles(into).Select(File.ReadAllText));
        Assert.DoesNotContain("state-only", kept);
        Assert.DoesNotContain("crash-only", kept);
        Assert.DoesNotContain("cur-only", kept);
        // Inputs from elsewhere are stored under their content hash.
        Assert.Contains(Directory.GetFiles(into), f => Path.GetFileName(f) == ContentHash.Of(File.ReadAllBytes(f)));
    }

    [Fact]
    public async Task An_input_that_kills_the_replay_is_saved_as_a_crash_and_skipped_and_the_rest_is_merged()
    {
        string into = Dir("into");
        File.WriteAllText(Path.Combine(into, "a-overflow"), "SO");
        File.WriteAllText(Path.Combine(into, "b-s"), "S");
        File.WriteAllText(Path.Combine(into, "c-other"), "xyz");
        string crashes = Path.Combine(directory, "crashes");

        var result = await CliRunner.RunAsync("fuzz", "selftest-overflow", "--targets", Path.Combine(AppContext.BaseDirectory, "McpFuzz.HandCoveredTargets.dll"),
            "--merge", into, "--crashes", crashes);

        Assert.True(result.ExitCode == ExitCodes.Findings, result.Out + result.Error);
        Assert.Contains("stack overflow", result.Out);
        Assert.Single(Directory.GetFiles(crashes, "crash-*"), f => !f.EndsWith(".txt", StringComparison.Ordinal));
        Assert.Equal("SO", File.ReadAllText(Directory.GetFiles(crashes, "crash-*").First(f => !f.EndsWith(".txt", StringComparison.Ordinal))));
        // The killer leaves the corpus; the inputs after it were still replayed and kept.
        Assert.False(File.Exists(Path.Combine(into, "a-overflow")));
        Assert.True(File.Exists(Path.Combine(into, "b-s")));
        Assert.True(File.Exists(Path.Combine(into, "c-other")));
    }

    [Fact]
    public async Task A_from_that_does_not_exist_is_a_usage_error_of_one_line_and_changes_nothing()
    {
        string into = Dir("into");
        File.Copy(Seeds[0], Path.Combine(into, "first"));
        File.Copy(Seeds[0], Path.Combine(into, "second"));

        var result = await CliRunner.RunAsync("fuzz", "jsonrpc-classifier", "--merge", into, Path.Combine(directory, "missing"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("mcpfuzz: --merge: FROM", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Equal(2, Directory.GetFiles(into).Length);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_from_that_cannot_be_read_is_a_usage_error()
    {
        string locked = Dir("locked");
        File.WriteAllText(Path.Combine(locked, "x"), "{}");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            // Root reads any directory: nothing to show then.
            if (CanList(locked)) return;
            var result = await CliRunner.RunAsync("fuzz", "jsonrpc-classifier", "--merge", Dir("into"), locked);

            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.StartsWith("mcpfuzz: --merge: FROM", result.Error);
            Assert.Single(result.Error.Trim().Split('\n'));
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static bool CanList(string path)
    {
        try { return Directory.GetFiles(path).Length >= 0; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
