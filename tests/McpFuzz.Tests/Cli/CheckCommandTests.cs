using System.Text.Json;

namespace McpFuzz.Tests.Cli;

public class CheckCommandTests
{
    private static readonly string[] Matrix =
    [
        "check", "--faults", "0",
        "--client", "2024-11-05", "--client", "2025-06-18", "--client", "dual-era",
        "--server", "2025-06-18", "--server", "2026-07-28",
    ];

    [Fact]
    public void Results_do_not_depend_on_the_number_of_threads()
    {
        string one = Path.GetTempFileName(), two = Path.GetTempFileName();
        try
        {
            var sequential = CliRunner.Run([.. Matrix, "--threads", "1", "--json", one]);
            var parallel = CliRunner.Run([.. Matrix, "--threads", "3", "--json", two]);
            Assert.Equal(sequential.ExitCode, parallel.ExitCode);
            Assert.Equal(WithoutSummary(sequential.Out), WithoutSummary(parallel.Out));
            Assert.Equal(Cells(one), Cells(two));
            Assert.Contains("on 3 threads", parallel.Out);
        }
        finally
        {
            File.Delete(one);
            File.Delete(two);
        }
    }

    [Fact]
    public void A_thread_count_outside_the_range_is_a_usage_error()
    {
        var result = CliRunner.Run("check", "--threads", "0");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("mcpfuzz: --threads", result.Error);
    }

    // The last line reports times, which differ between runs.
    private static string WithoutSummary(string output) => string.Join('\n', output.TrimEnd().Split('\n')[..^1]);

    private static List<string> Cells(string jsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(jsonPath));
        return document.RootElement.GetProperty("pairings").EnumerateArray()
            .Select(p => string.Join("|", p.EnumerateObject()
                .Where(property => property.Name is not ("seconds" or "cpuSeconds"))
                .Select(property => $"{property.Name}={property.Value.GetRawText()}")))
            .ToList();
    }
}
