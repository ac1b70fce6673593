namespace McpFuzz.Tests.Cli;

public class ServeReferenceCommandTests
{
    [Theory]
    [InlineData("serve-reference --revision 2030-01-01", "'2030-01-01' is not a revision")]
    [InlineData("serve-reference --revision 2025-06-18 --profile no-reinit-on-404", "'no-reinit-on-404' is not a server profile")]
    [InlineData("serve-reference --port 70000", "--port")]
    [InlineData("serve-reference --reply later", "--reply")]
    public void Bad_arguments_are_one_line_and_exit_2(string commandLine, string named)
    {
        var result = CliRunner.Run(commandLine.Split(' '));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }
}
