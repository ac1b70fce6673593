using System.Text.Json;
using McpFuzz.Driver.Output;
using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Tests.Cli;

public sealed class CheckMermaidTests : IDisposable
{
    private const string LegacyEndpointClient = "2025-06-18+first-event-is-response";
    private const string LegacyEndpointServer = "2025-06-18+legacy-endpoint-in-post";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mcpfuzz-mermaid-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void One_failing_pair_writes_its_diagram_and_names_the_file_after_the_steps()
    {
        string diagrams = Path.Combine(_directory, "not", "yet", "there");
        string json = Path.Combine(_directory, "results.json");
        var result = CliRunner.Run("check", "--client", LegacyEndpointClient, "--server", LegacyEndpointServer, "--mermaid", diagrams, "--json", json);

        Assert.Equal(1, result.ExitCode);
        string file = Path.Combine(diagrams, $"{LegacyEndpointClient}__{LegacyEndpointServer}.mmd");
        Assert.Equal([file], Directory.GetFiles(diagrams));
        string diagram = File.ReadAllText(file);
        Assert.Contains("\nsequenceDiagram\n", diagram);
        Assert.Contains("SSE event `endpoint`", diagram);
        Assert.Contains("Note over Client,Server: first deviation: server-conforms [shttp.message-events]", diagram);
        Assert.Contains("Note over Client,Server: FAILS initialization-completes", diagram);

        var lines = result.Out.Split('\n');
        int last = Array.FindLastIndex(lines, l => l.StartsWith("   ", StringComparison.Ordinal));
        Assert.Equal($"sequence diagram: {file}", lines[last + 1]);
        Assert.DoesNotContain("sequenceDiagram", result.Out);

        using var results = JsonDocument.Parse(File.ReadAllText(json));
        var cell = Assert.Single(results.RootElement.GetProperty("pairings").EnumerateArray());
        Assert.Equal(diagram, cell.GetProperty("mermaid").GetString());
    }

    [Fact]
    public void Without_mermaid_a_pair_prints_no_diagram_and_writes_nothing()
    {
        var result = CliRunner.Run("check", "--client", LegacyEndpointClient, "--server", LegacyEndpointServer);
        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("sequence", result.Out);
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public void A_matrix_writes_diagrams_for_failing_cells_only()
    {
        string json = Path.Combine(_directory, "results.json");
        var result = CliRunner.Run("check", "--client", "2025-06-18", "--client", "2026-07-28", "--server", "2025-06-18", "--faults", "0",
            "--mermaid", _directory, "--json", json);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([Path.Combine(_directory, "2026-07-28__2025-06-18.mmd")], Directory.GetFiles(_directory, "*.mmd"));
        Assert.Contains($"1 sequence diagram(s) in {_directory}", result.Out);

        using var results = JsonDocument.Parse(File.ReadAllText(json));
        foreach (var cell in results.RootElement.GetProperty("pairings").EnumerateArray())
        {
            bool works = cell.GetProperty("works").GetBoolean();
            Assert.Equal(!works, cell.TryGetProperty("mermaid", out var mermaid));
            if (!works) Assert.StartsWith("---\ntitle: \"client 2026-07-28 / server 2025-06-18 (faults 0)\"", mermaid.GetString());
        }
    }

    [Fact]
    public void Progress_is_drawn_only_when_standard_error_is_a_terminal()
    {
        string[] args = ["check", "--client", "2025-06-18", "--client", "2026-07-28", "--server", "2025-06-18", "--faults", "0"];
        var logged = CliRunner.Run(args);
        Assert.Equal("", logged.Error);

        var watched = CliRunner.RunInteractive(args);
        Assert.Contains("\rchecked 2/2 pairings", watched.Error);
        Assert.Equal(logged.Out.Split('\n')[..^2], watched.Out.Split('\n')[..^2]);
    }

    [Fact]
    public void File_names_keep_both_sides_with_their_profiles()
    {
        var pairing = new Pairing(PeerRevision.DualEra, ClientProfile.NoFallback | ClientProfile.FirstEventIsResponse, PeerRevision.V2024_11_05, ServerProfile.None, 1);
        Assert.Equal("dual-era+first-event-is-response+no-fallback__2024-11-05.mmd", DiagramFiles.NameOf(pairing));
    }
}
