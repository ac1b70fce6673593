using McpFuzz.Driver.Cli;

namespace McpFuzz.Tests.Cli;

public sealed class ColorChoiceTests
{
    [Theory]
    [InlineData(true, null, null, true)]
    [InlineData(false, null, null, false)]
    [InlineData(true, "1", null, false)]
    [InlineData(true, "", null, true)]
    [InlineData(true, null, "dumb", false)]
    [InlineData(true, null, "xterm-256color", true)]
    public void Colour_only_on_a_terminal_without_NO_COLOR(bool isTerminal, string? noColor, string? term, bool expected)
    {
        var environment = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["TERM"] = term };
        Assert.Equal(expected, ColorChoice.Decide(isTerminal, name => environment.GetValueOrDefault(name)));
    }
}
