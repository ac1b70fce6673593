namespace McpFuzz.Tests.Cli;

public class CommandLineTests
{
    [Fact]
    public void No_arguments_prints_the_commands_and_exits_2()
    {
        var result = CliRunner.Run();
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("decode", result.Error);
        Assert.Contains("rules", result.Error);
    }

    [Fact]
    public void Help_exits_0_and_describes_the_options()
    {
        var result = CliRunner.Run("decode", "sse", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--jsonrpc", result.Out);
        Assert.Contains("--max-line-length", result.Out);
    }

    [Theory]
    [InlineData("decode sse --bogus")]
    [InlineData("decode jsonrpc --revision 2025-01-01")]
    [InlineData("decode sse --max-events 0")]
    [InlineData("decode sse --format xml")]
    [InlineData("decode sse /no/such/file")]
    [InlineData("decode sse --sample nope")]
    [InlineData("decode sse x.txt --sample all")]
    [InlineData("rules -r yesterday")]
    [InlineData("frobnicate")]
    [InlineData("check --mermaid")]
    public void Bad_user_input_is_one_line_on_stderr_and_exit_2(string commandLine)
    {
        var result = CliRunner.Run(commandLine.Split(' '));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("mcpfuzz: ", lines[0]);
    }

    [Fact]
    public void A_bad_revision_names_the_option_and_the_valid_values()
    {
        var result = CliRunner.Run("decode", "jsonrpc", "-r", "2025-01-01");
        Assert.Contains("--revision", result.Error);
        Assert.Contains("2025-06-18", result.Error);
    }

    [Fact]
    public void Samples_lists_the_embedded_captures()
    {
        var result = CliRunner.Run("samples");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("streamable-http-everything.txt", result.Out);
        Assert.Contains("legacy-endpoint-in-streamable-post.txt", result.Out);
    }

    [Fact]
    public void Rules_lists_the_catalog_as_JSON_lines()
    {
        var result = CliRunner.Run("rules", "--json");
        Assert.Equal(0, result.ExitCode);
        var ids = result.Lines.Select(l => l.GetProperty("id").GetString()).ToList();
        Assert.Equal(McpFuzz.Model.Revisions.RuleCatalog.All.Select(r => r.Id), ids);
        Assert.All(result.Lines, l => Assert.False(string.IsNullOrEmpty(l.GetProperty("spec").GetString())));
    }

    [Fact]
    public void Rules_filtered_by_revision_keep_only_rules_that_hold_there()
    {
        var batchEra = CliRunner.Run("rules", "--json", "-r", "2025-03-26").Lines.Select(l => l.GetProperty("id").GetString()).ToList();
        Assert.Contains("jsonrpc.batch-shape", batchEra);
        Assert.DoesNotContain("jsonrpc.no-batch", batchEra);
        var modern = CliRunner.Run("rules", "-r", "2026-07-28");
        Assert.Contains("jsonrpc.request-meta", modern.Out);
        Assert.DoesNotContain("jsonrpc.error-id ", modern.Out);
    }
}
