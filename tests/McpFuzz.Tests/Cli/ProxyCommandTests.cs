using McpFuzz.Driver.Cli;

namespace McpFuzz.Tests.Cli;

public sealed class ProxyCommandTests
{
    [Theory]
    [InlineData("0.0.0.0:0", "http://127.0.0.1:9/mcp", "--fault", "delay:ms=1", "is not a loopback address")]
    [InlineData("127.0.0.1:0", "ftp://127.0.0.1/mcp", "--fault", "delay:ms=1", "is not an http(s) URL")]
    [InlineData("127.0.0.1:0", "http://127.0.0.1:9/mcp", "--fault", "drop:p=1", "no fault 'drop'")]
    [InlineData("127.0.0.1:0", "http://127.0.0.1:9/mcp", "--duration", "soon", "is not a duration")]
    public void Bad_arguments_exit_2_saying_why(string listen, string upstream, string option, string value, string reason)
    {
        var result = CliRunner.Run("proxy", "--listen", listen, "--upstream", upstream, option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void A_run_ended_by_its_duration_prints_where_it_listens_and_the_seed_and_writes_the_report()
    {
        string report = Path.Combine(Path.GetTempPath(), $"mcpfuzz-proxy-{Guid.NewGuid():N}.json");
        try
        {
            var result = CliRunner.Run("proxy", "--listen", "127.0.0.1:0", "--upstream", "http://127.0.0.1:9/mcp", "--duration", "0.1s", "--seed", "42", "--report", "json:" + report);

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.StartsWith("LISTENING http://127.0.0.1:", result.Out, StringComparison.Ordinal);
            Assert.Contains("seed 42", result.Error);
            Assert.Contains("\"scenarios\": []", File.ReadAllText(report));
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1.5h", 5400)]
    public void Durations_read_as_seconds_minutes_or_hours(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ProxyCommand.ParseDuration(text));
}
