namespace McpFuzz.Tests.Cli;

/// <summary><c>mcpfuzz server --fuzz</c> and <c>mcpfuzz replay</c> from the command line.</summary>
public sealed class ServerFuzzCommandTests
{
    [Fact]
    public void Fuzzing_a_broken_profile_prints_the_seed_saves_the_failure_and_the_replay_reproduces_it()
    {
        string directory = Path.Combine(Path.GetTempPath(), "mcpfuzz-cli-fuzz-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = CliRunner.Run("server", "--embedded", "--profile", "status-400-for-unknown-session", "--fuzz", "--runs", "15", "--seed", "7", "--out", directory);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("fuzz: seed 7,", run.Error, StringComparison.Ordinal);
            Assert.Contains("FAIL session.expired-404", run.Out, StringComparison.Ordinal);
            Assert.Contains("exchanges/s", run.Out, StringComparison.Ordinal);
            string file = Directory.GetFiles(directory, "session.expired-404-*.json").Single();
            Assert.True(File.Exists(Path.ChangeExtension(file, ".sh")));

            var again = CliRunner.Run("replay", file, "--embedded", "--profile", "status-400-for-unknown-session");
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("REPRODUCED session.expired-404", again.Out, StringComparison.Ordinal);

            var fixedServer = CliRunner.Run("replay", file, "--embedded");
            Assert.Equal(0, fixedServer.ExitCode);
            Assert.Contains("not reproduced", fixedServer.Out, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("--time", "1x")]
    [InlineData("--runs", "0")]
    public void Bad_fuzz_budgets_are_usage_errors(string option, string value)
    {
        var run = CliRunner.Run("server", "--embedded", "--fuzz", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replaying_a_file_that_is_not_a_replay_file_is_a_usage_error()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "{}");
            var run = CliRunner.Run("replay", file, "--embedded");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("FILE", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
