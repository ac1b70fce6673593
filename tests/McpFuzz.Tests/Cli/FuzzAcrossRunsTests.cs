namespace McpFuzz.Tests.Cli;

/// <summary>Nightly runs of <c>mcpfuzz server --fuzz</c>: a second run with the same <c>--out</c>
/// reports a failure the first saved as known (not new, not saved again, exit 0), and a second
/// run with the same <c>--corpus</c> starts from the entries the first wrote.</summary>
public sealed class FuzzAcrossRunsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mcpfuzz-nightly-" + Guid.NewGuid().ToString("N"));

    private string Dir(string name) => Path.Combine(_root, name);

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static CliResult Fuzz(params string[] more) => FuzzRuns(15, more);

    private static CliResult FuzzRuns(int runs, params string[] more) =>
        CliRunner.Run(["server", "--embedded", "--fuzz", "--runs", runs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "7", .. more]);

    [Fact]
    public void A_failure_saved_by_an_earlier_run_is_known_not_saved_again_and_does_not_fail_the_run()
    {
        string outDir = Dir("out");
        var first = Fuzz("--profile", "status-400-for-unknown-session", "--out", outDir);
        Assert.Equal(1, first.ExitCode);
        Assert.Contains("FAIL session.expired-404", first.Out, StringComparison.Ordinal);
        Assert.Contains("1 new failures, 0 known", first.Out, StringComparison.Ordinal);
        var saved = Directory.GetFiles(outDir).Order().ToArray();
        Assert.Contains(saved, f => Path.GetFileName(f).StartsWith("session.expired-404-", StringComparison.Ordinal));
        var times = saved.Select(File.GetLastWriteTimeUtc).ToArray();

        var second = Fuzz("--profile", "status-400-for-unknown-session", "--out", outDir);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("KNOWN session.expired-404", second.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL session.expired-404", second.Out, StringComparison.Ordinal);
        Assert.Contains("0 new failures, 1 known", second.Out, StringComparison.Ordinal);
        Assert.Equal(saved, Directory.GetFiles(outDir).Order().ToArray());
        Assert.Equal(times, saved.Select(File.GetLastWriteTimeUtc).ToArray());
    }

    [Fact]
    public void A_second_run_loads_the_corpus_the_first_wrote_and_counts_its_states_as_known()
    {
        string corpus = Dir("corpus");
        var first = Fuzz("--corpus", corpus);
        Assert.Contains("loaded 0 sequences", first.Error, StringComparison.Ordinal);
        int written = Directory.GetFiles(corpus, "*.json").Length;
        Assert.True(written > 0, first.Error);
        Assert.Contains($"0 sequences loaded, {written} added", first.Out, StringComparison.Ordinal);

        var second = Fuzz("--corpus", corpus);
        Assert.Contains($"loaded {written} sequences", second.Error, StringComparison.Ordinal);
        Assert.Contains($"{written} sequences loaded", second.Out, StringComparison.Ordinal);

        // The states the first run reached are known to the second: the same seed reaches nothing new.
        Assert.Matches(@"distinct server states \(0 new this run\)", second.Out);
        Assert.DoesNotContain("(new)", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_corpus_files_are_warned_about_once_each_and_other_revisions_are_skipped()
    {
        string corpus = Dir("corpus");
        FuzzRuns(4, "--corpus", corpus);
        int written = Directory.GetFiles(corpus, "*.json").Length;
        File.WriteAllText(Path.Combine(corpus, "broken.json"), "{ not json");
        File.WriteAllText(Path.Combine(corpus, "other.json"), "{}");
        string entry = File.ReadAllText(Directory.GetFiles(corpus, "*.json").First(f => !f.EndsWith("broken.json", StringComparison.Ordinal) && !f.EndsWith("other.json", StringComparison.Ordinal)));
        File.WriteAllText(Path.Combine(corpus, "older.json"), entry.Replace("\"revision\": \"2025-11-25\"", "\"revision\": \"2025-03-26\"", StringComparison.Ordinal));

        var run = FuzzRuns(2, "--corpus", corpus);
        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.Error.Split('\n'), l => l.Contains("broken.json", StringComparison.Ordinal) && l.Contains("warning", StringComparison.Ordinal));
        Assert.Single(run.Error.Split('\n'), l => l.Contains("other.json", StringComparison.Ordinal) && l.Contains("warning", StringComparison.Ordinal));
        Assert.Contains($"loaded {written} sequences", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 of another revision and 2 unreadable skipped", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_directory_for_corpus_and_replay_files_is_a_usage_error()
    {
        var run = Fuzz("--corpus", Dir("x"), "--out", Dir("x"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--corpus", run.Error, StringComparison.Ordinal);
    }
}
