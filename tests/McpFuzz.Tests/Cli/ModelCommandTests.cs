using System.Text.RegularExpressions;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Server;

namespace McpFuzz.Tests.Cli;

public class ModelCommandTests
{
    public static TheoryData<string, string> RevisionsAndSides()
    {
        var data = new TheoryData<string, string>();
        foreach (var peer in PeerRevisions.All)
        {
            data.Add(peer.ToText(), "client");
            data.Add(peer.ToText(), "server");
        }

        return data;
    }

    private static IReadOnlyList<string> StatesOf(string revision, string side)
    {
        Assert.True(PeerRevisions.TryParse(revision, out var peer));
        return side == "client"
            ? ClientMachines.For(peer).States.Select(s => s.ToString()).ToList()
            : ServerMachines.For(peer).States.Select(s => s.ToString()).ToList();
    }

    // The statement forms MermaidExport writes; anything else would be a syntax Mermaid may reject.
    private static readonly Regex MermaidStatement = new(
        @"^\s*(\[\*\] --> (?<a>\w+)|(?<a>\w+) --> \[\*\]|(?<a>\w+) --> (?<b>\w+) : [^\n#;]+|state (?<a>\w+) \{|\}|(?<a>\w+))$");

    [Theory]
    [MemberData(nameof(RevisionsAndSides))]
    public void Mermaid_output_is_a_state_diagram_with_every_state(string revision, string side)
    {
        var result = CliRunner.Run("model", "--revision", revision, "--side", side);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);

        var lines = result.Out.Split('\n');
        Assert.Equal(["---", $"title: \"{side} {revision}\"", "---", "stateDiagram-v2"], lines[..4]);
        Assert.Equal("", lines[^1]);
        var mentioned = new HashSet<string>();
        int depth = 0;
        foreach (string line in lines[4..^1])
        {
            var match = MermaidStatement.Match(line);
            Assert.True(match.Success, $"not a stateDiagram-v2 statement: {line}");
            depth += line.EndsWith('{') ? 1 : line.Trim() == "}" ? -1 : 0;
            Assert.True(depth >= 0);
            foreach (string group in new[] { "a", "b" })
            {
                if (match.Groups[group].Success) mentioned.Add(match.Groups[group].Value);
            }
        }

        Assert.Equal(0, depth);
        var states = StatesOf(revision, side);
        Assert.Equal(states.Order(), mentioned.Order());
    }

    [Theory]
    [MemberData(nameof(RevisionsAndSides))]
    public void Dot_output_is_a_digraph_with_every_state(string revision, string side)
    {
        var result = CliRunner.Run("model", "-r", revision, "-s", side, "--format", "dot");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.StartsWith($"digraph \"{side} {revision}\" {{\n", result.Out);
        Assert.EndsWith("\n}\n", result.Out);
        Assert.Equal(result.Out.Count(c => c == '{'), result.Out.Count(c => c == '}'));
        foreach (string state in StatesOf(revision, side)) Assert.Contains($"    \"{state}\"", result.Out);
        Assert.Contains("\"[*]\" -> ", result.Out);
    }

    [Fact]
    public void Profiles_change_the_machine_and_are_named_in_its_title()
    {
        var plain = CliRunner.Run("model", "-r", "2025-06-18", "-s", "client");
        var profiled = CliRunner.Run("model", "-r", "2025-06-18", "-s", "client", "--profile", "first-event-is-response", "--profile", "no-reinit-on-404");
        Assert.Equal(0, profiled.ExitCode);
        Assert.Contains("title: \"client 2025-06-18+first-event-is-response+no-reinit-on-404\"", profiled.Out);
        Assert.DoesNotContain("first-event-is-response", plain.Out);
    }

    [Fact]
    public void Dual_era_is_a_revision_here()
    {
        var result = CliRunner.Run("model", "-r", "dual-era", "-s", "client");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Probing", result.Out);
    }

    [Theory]
    [InlineData("2025-03-26", "McpOriginOAuth")]
    [InlineData("2025-06-18", "PrmFromHeader")]
    [InlineData("2025-11-25", "AsOidcPathAppended")]
    [InlineData("dual-era", "AsOidcRoot")]
    public void Discovery_machines_print_their_revisions_probe_phases(string revision, string phase)
    {
        var result = CliRunner.Run("model", "--revision", revision, "--side", "discovery");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("stateDiagram-v2", result.Out);
        Assert.Contains(phase, result.Out);
    }

    [Fact]
    public void Discovery_machines_take_no_profiles()
    {
        var result = CliRunner.Run("model", "--revision", "2025-11-25", "--side", "discovery", "--profile", "no-fallback");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--profile", result.Error);
    }

    [Theory]
    [InlineData("model -r 2025-01-01 -s client", "--revision")]
    [InlineData("model -r 2025-06-18 -s both", "--side")]
    [InlineData("model -r 2025-06-18 -s client -f svg", "--format")]
    [InlineData("model -r 2025-06-18 -s client -p no-such-profile", "'no-such-profile' is not a profile")]
    [InlineData("model -r 2025-06-18 -s server -p no-reinit-on-404", "'no-reinit-on-404' is a client profile, but --side is server")]
    [InlineData("model -r 2025-06-18 -s client -p legacy-endpoint-in-post", "'legacy-endpoint-in-post' is a server profile, but --side is client")]
    [InlineData("model -s client", "--revision")]
    [InlineData("model -r 2025-06-18", "--side")]
    public void Bad_arguments_are_one_line_and_exit_2(string commandLine, string named)
    {
        var result = CliRunner.Run(commandLine.Split(' '));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("mcpfuzz: ", line);
        Assert.Contains(named, line);
    }

    [Fact]
    public void Help_describes_every_option()
    {
        var result = CliRunner.Run("model", "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (string option in new[] { "--revision", "--side", "--profile", "--format", "dual-era", "legacy-endpoint-in-post", "no-reinit-on-404" })
            Assert.Contains(option, result.Out);
    }
}
