using McpFuzz.Driver.Reference;
using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Server;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Tests.Cli;

/// <summary>The Streamable HTTP scenarios against the embedded reference server: it passes them
/// in every revision they apply to, with SSE or JSON replies, and the profile that breaks
/// resume.same-stream-only is caught by the scenario made for it.</summary>
public class StreamableScenarioTests
{
    [Theory]
    [InlineData(PeerRevision.V2025_03_26, ReplyStyle.Sse)]
    [InlineData(PeerRevision.V2025_06_18, ReplyStyle.Sse)]
    [InlineData(PeerRevision.V2025_11_25, ReplyStyle.Sse)]
    [InlineData(PeerRevision.V2025_11_25, ReplyStyle.Json)]
    public async Task The_embedded_server_passes_every_streamable_scenario(PeerRevision peer, ReplyStyle reply)
    {
        var revision = peer.LatestLegacy()!.Value;
        var report = await RunAsync(peer, ServerProfile.None, reply, revision, StreamableScenarios.All);
        var applicable = StreamableScenarios.All.Where(s => s.Applies(revision)).Select(s => s.Name);
        Assert.Equal(applicable, report.Scenarios.Select(s => s.Name));
        Assert.Empty(report.Findings);
        if (reply != ReplyStyle.Json) Assert.All(report.Scenarios, s => Assert.Null(s.Skipped));
    }

    [Fact]
    public async Task Older_clients_of_a_newer_server_pass_too()
    {
        var report = await RunAsync(PeerRevision.V2025_11_25, ServerProfile.None, ReplyStyle.Sse, Revision.V2025_06_18, StreamableScenarios.All);
        Assert.Empty(report.Findings);
        Assert.Contains(report.Scenarios, s => s.Name == "version-header-mismatch" && s.RulesChecked.Contains("shttp.request-json-or-sse"));
    }

    [Fact]
    public async Task Replaying_another_streams_event_on_resumption_is_found()
    {
        var scenario = ServerScenarios.All.Single(s => s.Name == "resume-other-stream");
        var report = await RunAsync(PeerRevision.V2025_11_25, ServerProfile.ReplayAcrossStreams, ReplyStyle.Sse, Revision.V2025_11_25, [scenario]);
        var finding = Assert.Single(report.Findings);
        Assert.Equal("resume.same-stream-only", finding.RuleId);
        Assert.Contains(finding.Exchange, line => line.StartsWith("> Last-Event-ID", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_scenarios_are_listed_once_among_all_of_mcpfuzz_server()
    {
        foreach (var scenario in StreamableScenarios.All) Assert.Single(ServerScenarios.Names, n => n == scenario.Name);
    }

    private static async Task<RunReport> RunAsync(PeerRevision peer, ServerProfile profile, ReplyStyle reply, Revision revision, IReadOnlyList<ServerScenario> scenarios)
    {
        await using var server = await ReferenceServer.StartAsync(peer, profile, reply, 0, CancellationToken.None);
        var run = new ServerRun(server.Url, [revision], scenarios, [], ProbeLimits.Default, null);
        var (report, detection) = await run.RunAsync(NoProgress.Instance);
        Assert.True(detection.Reachable);
        return report;
    }
}
