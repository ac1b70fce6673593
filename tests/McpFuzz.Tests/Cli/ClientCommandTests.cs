using System.Text.Json;

namespace McpFuzz.Tests.Cli;

/// <summary><c>mcpfuzz client</c> with stand-in clients (a shell): arguments, the URL handed to the
/// client, a client that sends nothing, and a client that hangs. The real SDK clients are in
/// tests/McpFuzz.Interop/Clients.</summary>
public class ClientCommandTests
{
    [Fact]
    public void An_unknown_scenario_is_a_usage_error()
    {
        var result = CliRunner.Run("client", "--scenario", "no-such", "--", "sh", "-c", "true");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such", result.Error);
    }

    [Fact]
    public void The_client_gets_the_url_as_last_argument_and_in_the_environment()
    {
        // Exits 0 only when both name the same server; it sends nothing, so the scenario says so.
        var result = CliRunner.Run("client", "--scenario", "lifecycle", "--timeout", "20", "--json", "--",
            "sh", "-c", "test -n \"$MCPFUZZ_SERVER_URL\" && test \"$MCPFUZZ_SERVER_URL\" = \"$1\"", "client");
        Assert.Equal(0, result.ExitCode);
        var scenario = Scenarios(result).Single();
        Assert.Equal("the client sent nothing (it exited with status 0)", scenario.GetProperty("skipped").GetString());
    }

    [Fact]
    public void A_client_that_hangs_is_killed_and_reported()
    {
        var result = CliRunner.Run("client", "--scenario", "lifecycle", "--timeout", "1", "--json", "--", "sh", "-c", "sleep 60", "client");
        Assert.Equal(1, result.ExitCode);
        var finding = Scenarios(result).Single().GetProperty("findings").EnumerateArray().Single();
        Assert.Equal("lifecycle.initialized-notification", finding.GetProperty("rule").GetString());
        Assert.Contains("was killed", finding.GetProperty("observed").GetString());
    }

    private static IReadOnlyList<JsonElement> Scenarios(CliResult result) =>
        JsonDocument.Parse(result.Out).RootElement.GetProperty("scenarios").EnumerateArray().Select(e => e.Clone()).ToArray();
}
